package se.accounts.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Map;

/**
 * CORS for the origins in {@code ACCOUNTS_CORS_ORIGINS} ({@code *} for any); with none configured no CORS
 * header is sent. Preflights are answered before authentication, as browsers send them without credentials.
 */
final class Cors {
    private static final String ALLOWED_HEADERS = String.join(", ",
            se.accounts.tenancy.ClientCredentials.HEADER_NAMES) + ", Content-Type, If-Match, Idempotency-Key";
    private static final String EXPOSED_HEADERS = "X-Total-Count, X-Page-Count, Link, ETag, Retry-After, " + RequestIds.HEADER;

    private final List<String> origins;

    Cors(List<String> origins) {
        this.origins = origins;
    }

    void handle(Context ctx) {
        String origin = ctx.header("Origin");
        boolean allowed = origin != null && (origins.contains("*") || origins.contains(origin));
        if (allowed) {
            ctx.header("Access-Control-Allow-Origin", origins.contains("*") ? "*" : origin);
            ctx.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
            ctx.header("Vary", "Origin");
        }
        if (ctx.method() == HandlerType.OPTIONS) {
            Map<String, String> headers = allowed
                    ? Map.of("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE",
                            "Access-Control-Allow-Headers", ALLOWED_HEADERS,
                            "Access-Control-Max-Age", "600")
                    : Map.of();
            throw new ApiError(204, null, headers);
        }
    }
}
