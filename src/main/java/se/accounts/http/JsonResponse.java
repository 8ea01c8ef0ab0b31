package se.accounts.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;

/**
 * A finished JSON response of a write, kept as bytes so an Idempotency-Key retry can replay it exactly, with the
 * ids of the objects it shows (so the response can be forgotten when one of them is anonymized).
 */
record JsonResponse(int status, byte[] body, String etag, List<UUID> objectIds) {
    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    JsonResponse(int status, byte[] body, String etag) {
        this(status, body, etag, List.of());
    }

    static void send(Context ctx, JsonResponse response) {
        ctx.status(response.status());
        ctx.contentType(CONTENT_TYPE);
        if (response.etag() != null) {
            ctx.header(Headers.ETAG, response.etag());
        }
        ctx.result(response.body());
    }
}
