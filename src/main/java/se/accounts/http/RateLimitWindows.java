package se.accounts.http;

import org.jooq.DSLContext;

/**
 * The windows of the {@code rate_limit} table, which {@link RateLimiter} and {@link SharedRateLimit} count in
 * together: a wall-clock minute each, so one rule says when a row is no longer needed.
 */
final class RateLimitWindows {
    static final long SECONDS = 60;

    private RateLimitWindows() {
    }

    /** Deletes the rows of windows that ended more than a window ago; no limit reads them any more. */
    static void deleteEnded(DSLContext sql) {
        sql.execute("delete from rate_limit where window_start < now() - make_interval(secs => ?)", 2 * SECONDS);
    }
}
