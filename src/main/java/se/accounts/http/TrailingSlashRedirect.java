package se.accounts.http;

import io.javalin.http.Context;
import java.util.Map;

/**
 * Every path ends with '/'; the same path without it is answered 308 so that the method and body are kept.
 * Checked before authentication, as the contract orders it.
 */
final class TrailingSlashRedirect {
    private static final String OPENAPI_DOCUMENT = "/openapi.json";

    private TrailingSlashRedirect() {
    }

    static void handle(Context ctx) {
        String path = ctx.path();
        if (path.endsWith("/") || path.equals(OPENAPI_DOCUMENT)) {
            return;
        }
        String query = ctx.queryString();
        String location = path + "/" + (query == null || query.isEmpty() ? "" : "?" + query);
        throw new ApiError(308, null, Map.of("Location", location));
    }
}
