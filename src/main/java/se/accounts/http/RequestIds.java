package se.accounts.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Every response carries {@value #HEADER}: the caller's value when it is 1-128 characters of
 * {@code [A-Za-z0-9._-]} (so a proxy's or client's id follows the request through), else a new UUID. While the
 * request runs the id is in the logging MDC under {@value #MDC_KEY}, so the access log line and any error logged
 * for the request carry it; a value of any other shape is replaced because it would end up in log lines.
 */
final class RequestIds {
    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "request_id";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private RequestIds() {
    }

    /** The first check of every request: takes or makes the id, answers it, and puts it in the MDC. */
    static void assign(Context ctx) {
        String id = accepted(ctx.header(HEADER));
        ctx.attribute(MDC_KEY, id);
        ctx.header(HEADER, id);
        MDC.put(MDC_KEY, id);
    }

    /** The request's id (a new one for a request that failed before {@link #assign} ran). */
    static String of(Context ctx) {
        String id = ctx.attribute(MDC_KEY);
        return id != null ? id : generated();
    }

    /** The id for a caller's header value, which may be absent or malformed. */
    static String accepted(String callerValue) {
        return callerValue != null && VALID.matcher(callerValue).matches() ? callerValue : generated();
    }

    static String generated() {
        return UUID.randomUUID().toString();
    }
}
