package se.accounts.events;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.accounts.db.Database;

/**
 * Deletes events older than the retention period (ACCOUNTS_EVENT_RETENTION_DAYS), in the background, at start and
 * then every hour. Customer by customer, in chunks claimed with {@code FOR UPDATE SKIP LOCKED}: instances running
 * it at the same time delete disjoint rows instead of waiting for each other, and a chunk is a short transaction
 * that never holds up writers for long.
 */
public final class EventRetention implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventRetention.class);
    private static final int CHUNK = 5_000;
    private static final Duration INTERVAL = Duration.ofHours(1);

    private final Database database;
    private final Duration retention;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-retention");
        thread.setDaemon(true);
        return thread;
    });

    public EventRetention(Database database, Duration retention) {
        this.database = database;
        this.retention = retention;
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                long deleted = deleteExpired();
                if (deleted > 0) {
                    log.info("Deleted {} events older than {} days", deleted, retention.toDays());
                }
            } catch (RuntimeException e) {
                log.warn("Deleting expired events failed; trying again in an hour: {}", e.toString());
            }
        }, 0, INTERVAL.toSeconds(), TimeUnit.SECONDS);
    }

    /** Deletes every expired event; answers how many. */
    public long deleteExpired() {
        List<UUID> customers = database.asOwner(sql -> sql.fetch("select id from customer").getValues(0, UUID.class));
        long deleted = 0;
        for (UUID customer : customers) {
            int chunk;
            do {
                chunk = database.asOwner(sql -> sql.execute("delete from event_log where (customer_id, id) in"
                                + " (select customer_id, id from event_log where customer_id = ?"
                                + " and created_at < now() - make_interval(secs => ?)"
                                + " limit ? for update skip locked)",
                        customer, retention.toSeconds(), CHUNK));
                deleted += chunk;
            } while (chunk == CHUNK);
        }
        return deleted;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
