package se.accounts.support;

import java.time.Duration;
import se.accounts.db.Database;

/**
 * The {@code rate_limit} table, where every instance adds its counts a few times a second and learns the totals of
 * all instances in the same statement: a test waits here until counts are shared instead of sleeping. An instance
 * flushes all its buckets at once, reading back the total of each, so once a bucket that only it counted since
 * (a marker: one request under fresh credentials or from a fresh address) shows up, that instance has learned the
 * totals of its other buckets as they stood then.
 */
public final class SharedRateCounts {
    private static final Duration WITHIN = Duration.ofSeconds(10);

    private final Database database;

    public SharedRateCounts(Database database) {
        this.database = database;
    }

    /** The hits shared so far for {@code bucket} ({@code activation:<id>} or {@code auth-failure:<address>}). */
    public long hits(String bucket) {
        return database.asOwner(sql -> (Number) sql.fetchValue("select coalesce(sum(hits), 0) from rate_limit"
                + " where bucket = ?", bucket)).longValue();
    }

    /** Waits until {@code bucket} holds {@code hits}. */
    public void awaitHits(String bucket, long hits) throws InterruptedException {
        Await.until(bucket + " sharing " + hits + " hits", WITHIN, () -> hits(bucket) == hits);
    }

    public static String activation(Object activationId) {
        return "activation:" + activationId;
    }

    public static String authFailure(String address) {
        return "auth-failure:" + address;
    }
}
