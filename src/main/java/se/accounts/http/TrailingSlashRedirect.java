package se.accounts.http;

import io.javalin.http.Context;
import java.util.Map;

/**
 * Every path ends with '/'; the same path without it is answered 308 so that the method and body are kept.
 * Checked before authentication, as the contract orders it. The OpenAPI document and the reference page's
 * files are the exceptions.
 */
final class TrailingSlashRedirect {
    private static final String DOCS_ASSETS = "/docs/assets/";

    private TrailingSlashRedirect() {
    }

    static void handle(Context ctx) {
        String path = ctx.path();
        if (path.endsWith("/") || path.equals(ReferenceRoutes.DOCUMENT_PATH) || path.equals(MetricsRoute.PATH)
                || path.startsWith(DOCS_ASSETS)) {
            return;
        }
        String query = ctx.queryString();
        String location = path + "/" + (query == null || query.isEmpty() ? "" : "?" + query);
        throw new ApiError(308, null, Map.of("Location", location));
    }
}
