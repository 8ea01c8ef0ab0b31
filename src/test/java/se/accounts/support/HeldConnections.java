package se.accounts.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import se.accounts.db.Database;
import se.accounts.db.DatabaseErrors;

/**
 * Every connection that {@link Database#asOwner} of a database can give, each taken by a thread of its own and held
 * in an open transaction until closed: background work that has the whole pool. Taking stops when the pool refuses
 * a connection (after its timeout), so the pool is known to be exhausted, whatever its size.
 */
public final class HeldConnections implements AutoCloseable {
    private static final int AT_MOST = 100;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private int held;

    private HeldConnections() {
    }

    public static HeldConnections all(Database database) throws Exception {
        HeldConnections connections = new HeldConnections();
        while (connections.takeOne(database)) {
            assertThat(connections.held).as("connections taken before the pool refused one").isLessThan(AT_MOST);
        }
        return connections;
    }

    /** Takes one more connection and answers true, or answers false when the pool refused it. */
    private boolean takeOne(Database database) throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        Future<Object> hold = threads.submit(() -> database.asOwner(sql -> {
            holding.countDown();
            release.await();
            return null;
        }));
        while (!holding.await(20, TimeUnit.MILLISECONDS)) {
            if (hold.isDone()) {
                try {
                    hold.get();
                } catch (ExecutionException refused) {
                    assertThat(DatabaseErrors.isUnavailable(refused.getCause())).as(refused.toString()).isTrue();
                    return false;
                }
            }
        }
        held++;
        return true;
    }

    public int count() {
        return held;
    }

    @Override
    public void close() throws InterruptedException {
        release.countDown();
        threads.shutdown();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
}
