package se.accounts.http;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.accounts.db.Database;

/**
 * Deletes the responses stored for Idempotency-Keys once the key's lifetime (24 hours) is over, since they show
 * personal data; a replay never uses them after that anyway. Runs on every instance every quarter of an hour,
 * over every customer (as the owner, like the mail sender), in batches whose rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so instances purging at once share the rows instead of waiting on each other.
 */
public final class IdempotencyPurge implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);
    private static final Duration INTERVAL = Duration.ofMinutes(15);
    static final int BATCH = 1000;

    private final Database database;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "idempotency-purge");
        thread.setDaemon(true);
        return thread;
    });

    IdempotencyPurge(Database database) {
        this.database = database;
    }

    public static IdempotencyPurge start(Database database) {
        IdempotencyPurge purge = new IdempotencyPurge(database);
        purge.scheduler.scheduleWithFixedDelay(purge::purgeQuietly, 0, INTERVAL.toMinutes(), TimeUnit.MINUTES);
        return purge;
    }

    private void purgeQuietly() {
        try {
            purgeExpired();
        } catch (RuntimeException e) {
            log.warn("Purging expired Idempotency-Key responses failed; trying again in {}: {}", INTERVAL,
                    e.toString());
        }
    }

    /** Deletes every expired stored response; answers how many. */
    int purgeExpired() {
        int total = 0;
        int deleted;
        do {
            deleted = database.asOwner(sql -> sql.execute("delete from {0} where ctid = any(array("
                            + "select ctid from {0} where {1} limit {2} for update skip locked))",
                    IdempotencyKeys.KEYS, IdempotencyKeys.expired(), DSL.inline(BATCH)));
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
