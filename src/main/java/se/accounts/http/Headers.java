package se.accounts.http;

import io.javalin.http.Context;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** Header names the service reads or writes besides the seven credential headers, and reading repeated lines. */
final class Headers {
    static final String RETRY_AFTER = "Retry-After";
    static final String ETAG = "ETag";
    static final String IF_MATCH = "If-Match";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String TOTAL_COUNT = "X-Total-Count";
    static final String PAGE_COUNT = "X-Page-Count";
    static final String LINK = "Link";

    private Headers() {
    }

    /** Every line of header {@code name}, in the order received (HTTP reads several as one comma-separated list). */
    static List<String> lines(Context ctx, String name) {
        return Collections.list(ctx.req().getHeaders(name));
    }

    /** Whether header {@code name} came on more than one line; allocates nothing (every request asks). */
    static boolean repeated(Context ctx, String name) {
        Enumeration<String> lines = ctx.req().getHeaders(name);
        if (!lines.hasMoreElements()) {
            return false;
        }
        lines.nextElement();
        return lines.hasMoreElements();
    }
}
