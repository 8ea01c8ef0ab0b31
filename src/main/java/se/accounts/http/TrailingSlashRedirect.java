package se.accounts.http;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;

/**
 * Every path ends with '/'; the same path without it is answered 308 so that the method and body are kept.
 * Checked before authentication, as the contract orders it. The OpenAPI document and the reference page's
 * files are the exceptions.
 *
 * <p>The Location is the request's own path, so it must never be one a browser reads as another host: a path that
 * begins with {@code //} (also {@code /%2F}, which Jetty passes on undecoded) or holds a backslash ({@code %5C};
 * browsers treat {@code /\host} as {@code //host}) is 404 whether or not it ends with '/', since no route has
 * such a path. A literal backslash never gets here: Jetty refuses it as an illegal path character, and
 * {@link JsonErrorHandler} answers that 404 with this same test.
 */
final class TrailingSlashRedirect {
    private static final String DOCS_ASSETS = "/docs/assets/";

    private TrailingSlashRedirect() {
    }

    static void handle(Context ctx) {
        String path = ctx.path();
        if (couldNameAnotherHost(path)) {
            throw ApiError.notFound();
        }
        if (path.endsWith("/") || path.equals(ReferenceRoutes.DOCUMENT_PATH) || path.equals(MetricsRoute.PATH)
                || path.startsWith(DOCS_ASSETS)) {
            return;
        }
        String query = ctx.queryString();
        String location = path + "/" + (query == null || query.isEmpty() ? "" : "?" + query);
        throw new ApiError(308, null, Map.of("Location", location));
    }

    /** {@code path} is the raw, still percent-encoded path of the request line. */
    static boolean couldNameAnotherHost(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.startsWith("//") || lower.startsWith("/%2f") || lower.contains("\\") || lower.contains("%5c");
    }
}
