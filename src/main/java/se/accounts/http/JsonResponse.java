package se.accounts.http;

import io.javalin.http.Context;

/** A finished JSON response of a write, kept as bytes so an Idempotency-Key retry can replay it exactly. */
record JsonResponse(int status, byte[] body, String etag) {
    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    static void send(Context ctx, JsonResponse response) {
        ctx.status(response.status());
        ctx.contentType(CONTENT_TYPE);
        if (response.etag() != null) {
            ctx.header(Headers.ETAG, response.etag());
        }
        ctx.result(response.body());
    }
}
