package se.accounts.db;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets transactions into the application pool one connection at a time. Under load a request waits its turn here
 * (up to {@link #QUEUE_LIMIT}) instead of failing when the pool's short timeout runs out, so a busy database is
 * slow, not unavailable; the pool's timeout stays short so that a database that is down is noticed within about two
 * seconds. Once it is, requests fail at once for {@link #DOWN_FOR} instead of each waiting for a connection, so an
 * outage never piles up threads; after that one request tries again.
 */
final class ConnectionGate {
    static final Duration QUEUE_LIMIT = Duration.ofSeconds(30);
    static final Duration DOWN_FOR = Duration.ofSeconds(1);

    private final Semaphore connections;
    private volatile long downUntilMillis;

    ConnectionGate(int poolSize) {
        this.connections = new Semaphore(poolSize, true);
    }

    /** Waits for a turn; answers false when the database is known to be down (or the wait ran out). */
    boolean enter() {
        if (System.currentTimeMillis() < downUntilMillis) {
            return false;
        }
        try {
            return connections.tryAcquire(QUEUE_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                    && (System.currentTimeMillis() >= downUntilMillis || leave());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean leave() {
        connections.release();
        return false;
    }

    /** The pool could not give a connection: the database is down. */
    void databaseDown() {
        downUntilMillis = System.currentTimeMillis() + DOWN_FOR.toMillis();
    }
}
