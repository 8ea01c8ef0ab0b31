package se.accounts.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import se.accounts.db.Database;

/**
 * Other background work that takes the background pool's only connection and keeps it until some transaction has
 * waited for it in vain (the pool's timeout, counted in {@code meters}, where the database publishes its metrics):
 * the database is unavailable for a moment, as the code under test sees it.
 */
public final class BackgroundPoolHold {
    private BackgroundPoolHold() {
    }

    /** Returns once the connection is held; it is given back by another thread after the first timeout. */
    public static void untilATransactionTimedOut(Database database, MeterRegistry meters) {
        CountDownLatch held = new CountDownLatch(1);
        Thread holder = new Thread(() -> database.background().asOwner(sql -> {
            held.countDown();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (timeouts(meters) < 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            return null;
        }));
        holder.start();
        try {
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How often a transaction of the background pool has waited for a connection in vain. */
    public static double timeouts(MeterRegistry meters) {
        Counter timeouts = meters.find("hikaricp.connections.timeout").tag("pool", "accounts-background").counter();
        return timeouts == null ? 0 : timeouts.count();
    }
}
