package se.accounts.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.accounts.db.DatabaseErrors;
import se.accounts.json.MalformedJsonException;
import se.accounts.json.NumberTooLongException;
import se.accounts.query.InvalidQueryException;
import se.accounts.resource.BulkValidationException;
import se.accounts.resource.NotFoundException;
import se.accounts.resource.PreconditionFailedException;
import se.accounts.resource.ValidationException;

/** Turns every failure into a contract error body; nothing else writes error responses. */
final class ErrorResponses {
    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);
    static final int RETRY_AFTER_SECONDS = 2;

    private ErrorResponses() {
    }

    static void register(JavalinConfig config) {
        config.routes.exception(ApiError.class, (error, ctx) -> write(ctx, error));
        config.routes.exception(ValidationException.class, (e, ctx) -> write(ctx, ApiError.badRequest(e.errors())));
        config.routes.exception(InvalidQueryException.class,
                (e, ctx) -> write(ctx, ApiError.badRequest(e.errors())));
        config.routes.exception(BulkValidationException.class,
                (e, ctx) -> write(ctx, new ApiError(400, e.itemErrors(), Map.of())));
        config.routes.exception(NotFoundException.class, (e, ctx) -> write(ctx, ApiError.notFound()));
        config.routes.exception(PreconditionFailedException.class, (e, ctx) -> write(ctx, new ApiError(412,
                Map.of("detail", "The object has changed since the version your If-Match names; fetch it again"
                        + " (current ETag " + e.currentEtag() + ")."), Map.of(Headers.ETAG, e.currentEtag()))));
        config.routes.exception(MalformedJsonException.class, (e, ctx) -> write(ctx,
                ApiError.detail(400, "JSON parse error - " + e.getMessage())));
        config.routes.exception(NumberTooLongException.class, (e, ctx) -> write(ctx, numberTooLong(e)));
        config.routes.exception(HttpResponseException.class, (error, ctx) -> write(ctx, translate(error)));
        config.routes.exception(Exception.class, (failure, ctx) -> write(ctx, unexpected(failure, ctx)));
    }

    static void write(Context ctx, ApiError error) {
        ctx.status(error.status());
        error.headers().forEach(ctx::header);
        if (error.body() != null) {
            ctx.json(error.body());
        } else {
            ctx.result("");
        }
    }

    /** Under its field, or under non_field_errors; in a list body, as the error of its item. */
    private static ApiError numberTooLong(NumberTooLongException e) {
        Map<String, List<String>> errors = Map.of(e.field().orElse(ValidationException.NON_FIELD),
                List.of(e.getMessage()));
        if (e.item().isEmpty()) {
            return ApiError.badRequest(errors);
        }
        List<Map<String, List<String>>> items = new ArrayList<>(Collections.nCopies(e.item().getAsInt(), Map.of()));
        items.add(errors);
        return new ApiError(400, items, Map.of());
    }

    private static ApiError translate(HttpResponseException javalinError) {
        if (javalinError.getStatus() >= 500) {
            log.error("Javalin answered {}", javalinError.getStatus(), javalinError);
        }
        return switch (javalinError.getStatus()) {
            case 404 -> ApiError.notFound();
            case 413 -> ApiError.payloadTooLarge(HttpServer.MAX_BODY_BYTES);
            default -> ApiError.detail(javalinError.getStatus(), javalinError.getMessage());
        };
    }

    private static ApiError unexpected(Exception failure, Context ctx) {
        if (DatabaseErrors.isUnavailable(failure)) {
            log.warn("{} {} answered 503: database unavailable ({})", ctx.method(), ctx.path(),
                    rootMessage(failure));
            return new ApiError(503, Map.of("detail", "The database is unavailable; try again shortly."),
                    Map.of(Headers.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS)));
        }
        log.error("{} {} failed with an unhandled exception", ctx.method(), ctx.path(), failure);
        return ApiError.detail(500, "A server error occurred.");
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
