package se.accounts.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import se.accounts.db.Database;
import se.accounts.db.Ids;
import se.accounts.db.TenantWork;
import se.accounts.http.openapi.EntityDescription;
import se.accounts.http.openapi.OpenApiDocument;
import se.accounts.query.ListPlan;
import se.accounts.query.ListPlanner;
import se.accounts.query.ListRequestParser;
import se.accounts.resource.EntityService;
import se.accounts.resource.Json;
import se.accounts.resource.Precondition;
import se.accounts.resource.StoredObject;
import se.accounts.resource.model.Action;
import se.accounts.resource.model.Entity;
import se.accounts.tenancy.Caller;

/**
 * The HTTP face of the generic operations, the same for every entity: {@code <path>} (create),
 * {@code <path>list/} (list, bulk write) and {@code <path>{pk}/} (get, update, delete), each offered when the
 * entity offers its action (every entity can be listed and read).
 */
public final class EntityRoutes implements RouteModule {
    private static final String JSON = JsonResponse.CONTENT_TYPE;
    private static final String JSONL = "application/jsonl; charset=utf-8";

    private final List<EntityService> services;
    private final IdempotencyKeys idempotency;

    public EntityRoutes(List<EntityService> services, Database database) {
        this.services = services;
        this.idempotency = new IdempotencyKeys(database);
    }

    @Override
    public void register(Routes routes) {
        for (EntityService service : services) {
            Handlers handlers = new Handlers(service);
            Entity entity = service.entity();
            Set<Action> offered = entity.actions();
            if (offered.contains(Action.ADD)) {
                routes.path(entity.path()).post(handlers::create).register();
            }
            Routes.PathRoutes list = routes.path(entity.path() + "list/").get(handlers::list);
            if (offered.contains(Action.ADD) || offered.contains(Action.CHANGE)) {
                list.post(handlers::bulkWrite);
            }
            list.register();
            Routes.PathRoutes object = routes.path(entity.path() + "{pk}/").get(handlers::get);
            if (offered.contains(Action.CHANGE)) {
                object.patch(handlers::update);
            }
            if (offered.contains(Action.DELETE)) {
                object.delete(handlers::delete);
            }
            object.register();
        }
    }

    @Override
    public void describe(OpenApiDocument document) {
        services.forEach(service -> EntityDescription.describe(document, service.entity()));
    }

    private final class Handlers {
        private final EntityService service;
        private final Entity entity;

        Handlers(EntityService service) {
            this.service = service;
            this.entity = service.entity();
        }

        void create(Context ctx) {
            Caller caller = permitted(ctx, Action.ADD);
            JsonNode body = Json.parse(BodyLimit.read(ctx));
            JsonResponse.send(ctx, idempotent(ctx, caller, body, session -> {
                StoredObject created = service.create(session, body);
                return new JsonResponse(201, created.json(), created.etag(), List.of(created.id()));
            }));
        }

        void list(Context ctx) {
            Caller caller = permitted(ctx, Action.VIEW);
            ListPlan plan = ListPlanner.plan(ListRequestParser.parse(QueryStringDecoder.decode(ctx.queryString())),
                    entity);
            service.list(caller.customerId(), plan, total -> {
                ctx.status(200);
                ctx.contentType(plan.jsonl() ? JSONL : JSON);
                total.ifPresent(count -> Statistics.write(ctx, plan, count));
                return ctx.outputStream();
            });
        }

        void bulkWrite(Context ctx) {
            Caller caller = Authentication.caller(ctx);
            if (!caller.may(entity.permission(Action.ADD)) && !caller.may(entity.permission(Action.CHANGE))) {
                throw ApiError.forbidden();
            }
            JsonNode body = Json.parse(BodyLimit.read(ctx));
            for (JsonNode item : body) {
                Action needed = item.has("id") ? Action.CHANGE : Action.ADD;
                if (!caller.may(entity.permission(needed))) {
                    throw ApiError.forbidden();
                }
            }
            JsonResponse.send(ctx, idempotent(ctx, caller, body, session -> {
                List<StoredObject> written = service.bulkWrite(session, body);
                return new JsonResponse(201, arrayOf(written), null, written.stream().map(StoredObject::id).toList());
            }));
        }

        void get(Context ctx) {
            UUID id = pk(ctx);
            Caller caller = permitted(ctx, Action.VIEW);
            StoredObject object = service.get(caller.customerId(), id).orElseThrow(ApiError::notFound);
            JsonResponse.send(ctx, new JsonResponse(200, object.json(), object.etag()));
        }

        void update(Context ctx) {
            UUID id = pk(ctx);
            Caller caller = permitted(ctx, Action.CHANGE);
            JsonNode body = Json.parse(BodyLimit.read(ctx));
            StoredObject updated = service.update(caller.customerId(), id, body,
                    Precondition.ifMatch(ctx.header(Headers.IF_MATCH)));
            JsonResponse.send(ctx, new JsonResponse(200, updated.json(), updated.etag()));
        }

        void delete(Context ctx) {
            UUID id = pk(ctx);
            Caller caller = permitted(ctx, Action.DELETE);
            service.delete(caller.customerId(), id, Precondition.ifMatch(ctx.header(Headers.IF_MATCH)));
            ctx.status(204);
        }

        private Caller permitted(Context ctx, Action action) {
            Caller caller = Authentication.caller(ctx);
            if (!caller.may(entity.permission(action))) {
                throw ApiError.forbidden();
            }
            return caller;
        }

        private JsonResponse idempotent(Context ctx, Caller caller, JsonNode body,
                                        TenantWork<JsonResponse> work) {
            return idempotency.run(ctx.header(Headers.IDEMPOTENCY_KEY), caller, ctx.method().toString(),
                    ctx.path(), body, work);
        }
    }

    /** A path id that is not a UUID names no object: 404, checked before permission as the contract orders. */
    private static UUID pk(Context ctx) {
        Optional<UUID> id = Ids.parse(ctx.pathParam("pk"));
        return id.orElseThrow(ApiError::notFound);
    }

    private static byte[] arrayOf(List<StoredObject> objects) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('[');
        for (int i = 0; i < objects.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(objects.get(i).json());
        }
        out.write(']');
        return out.toByteArray();
    }
}
