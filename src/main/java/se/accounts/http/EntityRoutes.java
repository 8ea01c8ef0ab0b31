package se.accounts.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import se.accounts.db.Database;
import se.accounts.db.Ids;
import se.accounts.db.TenantWork;
import se.accounts.http.openapi.EntityDescription;
import se.accounts.http.openapi.OpenApiDocument;
import se.accounts.json.Json;
import se.accounts.json.MalformedJsonException;
import se.accounts.model.Action;
import se.accounts.model.Entity;
import se.accounts.model.Operation;
import se.accounts.query.ListPlan;
import se.accounts.query.ListPlanner;
import se.accounts.query.ListRequestParser;
import se.accounts.resource.EntityService;
import se.accounts.resource.Precondition;
import se.accounts.resource.StoredObject;
import se.accounts.resource.WriteBody;
import se.accounts.tenancy.Caller;

/**
 * The HTTP face of the generic operations, the same for every entity, at the paths of the {@link Operation}
 * table: {@code <path>} (create), {@code <path>list/} (list, bulk write) and {@code <path>{pk}/} (get, update,
 * delete), each offered when the entity offers its action (every entity can be listed and read).
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
            Map<String, Routes.PathRoutes> byPath = new LinkedHashMap<>();
            for (Operation operation : Operation.offeredBy(service.entity())) {
                byPath.computeIfAbsent(operation.path(service.entity()), routes::path)
                        .on(operation.method(), handlers.of(operation));
            }
            byPath.values().forEach(Routes.PathRoutes::register);
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

        Handler of(Operation operation) {
            return switch (operation) {
                case CREATE -> this::create;
                case LIST -> this::list;
                case BULK_WRITE -> this::bulkWrite;
                case RETRIEVE -> this::get;
                case UPDATE -> this::update;
                case DESTROY -> this::delete;
            };
        }

        void create(Context ctx) {
            Caller caller = permitted(ctx, Action.ADD);
            JsonNode body = Json.parse(BodyLimit.read(ctx));
            JsonResponse.send(ctx, idempotent(ctx, caller, body, service::prepare, prepared -> session -> {
                StoredObject created = service.create(session, prepared);
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
            JsonResponse.send(ctx, idempotent(ctx, caller, body, service::prepareBulk, prepared -> session -> {
                List<StoredObject> written = service.bulkWrite(session, prepared);
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
            JsonNode body = parseForObject(BodyLimit.read(ctx), caller, id);
            StoredObject updated = service.update(caller.customerId(), id, body, ifMatch(ctx));
            JsonResponse.send(ctx, new JsonResponse(200, updated.json(), updated.etag()));
        }

        void delete(Context ctx) {
            UUID id = pk(ctx);
            Caller caller = permitted(ctx, Action.DELETE);
            service.delete(caller.customerId(), id, ifMatch(ctx));
            ctx.status(204);
        }

        /**
         * The body of a write to object {@code id}. The object is checked before the body (contract 9), and the
         * service finds it only once the body is parsed; so a body that does not parse is answered 404 when the
         * object does not exist, at the price of one lookup on that error path only.
         */
        private JsonNode parseForObject(byte[] body, Caller caller, UUID id) {
            try {
                return Json.parse(body);
            } catch (MalformedJsonException malformed) {
                if (service.get(caller.customerId(), id).isEmpty()) {
                    throw ApiError.notFound();
                }
                throw malformed;
            }
        }

        private Caller permitted(Context ctx, Action action) {
            Caller caller = Authentication.caller(ctx);
            if (!caller.may(entity.permission(action))) {
                throw ApiError.forbidden();
            }
            return caller;
        }

        /**
         * Prepares {@code body} (its external checks, before the transaction) and runs the write. An entity with
         * external checks first looks for a stored response to the Idempotency-Key, so that a replay does not
         * run them again (a DNS lookup, say); for any other entity that look would be one transaction more.
         */
        private JsonResponse idempotent(Context ctx, Caller caller, JsonNode body,
                                        Function<JsonNode, WriteBody> prepare,
                                        Function<WriteBody, TenantWork<JsonResponse>> work) {
            IdempotencyKeys.Request request = IdempotencyKeys.request(caller, ctx, body);
            Optional<JsonResponse> earlier = request.key() != null && service.checksExternally()
                    ? idempotency.earlier(request) : Optional.empty();
            if (earlier.isPresent()) {
                return earlier.get();
            }
            return idempotency.run(request, work.apply(prepare.apply(body)));
        }
    }

    /** Every If-Match line, as one list. */
    private static Precondition ifMatch(Context ctx) {
        return Precondition.ifMatch(String.join(",", Headers.lines(ctx, Headers.IF_MATCH)));
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
