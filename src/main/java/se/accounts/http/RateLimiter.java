package se.accounts.http;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.Record;
import se.accounts.db.Database;

/**
 * A fixed-window request counter per bucket and minute ({@link RateLimitWindows}), kept in PostgreSQL so that every
 * instance behind a load balancer counts together. Over the limit, a request is answered 429 with
 * {@code Retry-After} until the window ends. A limit of 0 switches it off, as for the other limits.
 *
 * <p>Kept apart from {@link SharedRateLimit} on purpose: this one asks the database on every attempt, so the limit
 * is exact across instances. It guards guessing invitation tokens, where each attempt over the limit is one more
 * guess; {@link SharedRateLimit} counts in memory and may admit up to one flush interval per instance beyond its
 * limit, a fair price for general traffic but not for a limit against guessing.
 */
final class RateLimiter {
    private static final int CLEANUP_ONE_IN = 100;

    private final Database database;
    private final int limit;

    RateLimiter(Database database, int limit) {
        this.database = database;
        this.limit = limit;
    }

    /** Counts one request of {@code bucket}; throws the 429 when it is one too many. */
    void hit(String bucket) {
        if (limit <= 0) {
            return;
        }
        long seconds = RateLimitWindows.SECONDS;
        Record counted = database.withoutCustomer(sql -> {
            if (ThreadLocalRandom.current().nextInt(CLEANUP_ONE_IN) == 0) {
                RateLimitWindows.deleteEnded(sql);
            }
            return sql.fetchSingle("insert into rate_limit (bucket, window_start, hits)"
                    + " values (?, to_timestamp(floor(extract(epoch from now()) / ?) * ?), 1)"
                    + " on conflict (bucket, window_start) do update set hits = rate_limit.hits + 1"
                    + " returning hits, ceil(extract(epoch from window_start + make_interval(secs => ?) - now()))"
                    + " as retry_after", bucket, seconds, seconds, seconds);
        });
        if (counted.get("hits", Integer.class) > limit) {
            long retryAfter = Math.max(1, counted.get("retry_after", Long.class));
            throw new ApiError(429, Map.of("detail", "Too many requests; try again in " + retryAfter
                    + " seconds."), Map.of(Headers.RETRY_AFTER, Long.toString(retryAfter)));
        }
    }
}
