package se.accounts.http;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.accounts.db.Database;

/**
 * Requests per activation and minute, counted together by every instance. Writing to PostgreSQL on every request
 * would cost a round trip each, so each instance counts in memory and adds its counts to the shared
 * {@code rate_limit} row a few times a second, learning the total of all instances in return. An activation over
 * its limit gets 429 with {@code Retry-After} until its minute ends. The price of not asking the database every
 * time: with n instances, up to n flush intervals of traffic can pass beyond the limit.
 */
final class ActivationRateLimit implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ActivationRateLimit.class);
    private static final long WINDOW_SECONDS = 60;
    private static final Duration FLUSH_EVERY = Duration.ofMillis(250);

    private final Database database;
    private final long limit;
    private final Map<UUID, Counter> counters = new ConcurrentHashMap<>();
    private final Thread flusher;
    private volatile boolean running = true;

    /** The counts of one activation in the current window. */
    private static final class Counter {
        final long window;
        final AtomicLong unflushed = new AtomicLong();
        volatile long shared;

        Counter(long window) {
            this.window = window;
        }
    }

    /** {@code limit} 0 switches the limit off. */
    ActivationRateLimit(Database database, long limit) {
        this.database = database;
        this.limit = limit;
        this.flusher = new Thread(this::flushLoop, "rate-limit-flusher");
        this.flusher.setDaemon(true);
        if (limit > 0) {
            flusher.start();
        }
    }

    /** Counts one request of the activation, or throws the 429 when it would be one too many. */
    void admit(UUID activation) {
        if (limit <= 0) {
            return;
        }
        long now = System.currentTimeMillis() / 1000;
        long window = now / WINDOW_SECONDS;
        Counter counter = counters.compute(activation, (id, current) ->
                current == null || current.window != window ? new Counter(window) : current);
        long local = counter.unflushed.incrementAndGet();
        if (counter.shared + local > limit) {
            counter.unflushed.decrementAndGet();
            long retryAfter = Math.max(1, (window + 1) * WINDOW_SECONDS - now);
            throw new ApiError(429, Map.of("detail", "Too many requests: this client may make " + limit
                    + " requests a minute; try again in " + retryAfter + " seconds."),
                    Map.of(Headers.RETRY_AFTER, Long.toString(retryAfter)));
        }
    }

    private void flushLoop() {
        while (running) {
            try {
                Thread.sleep(FLUSH_EVERY.toMillis());
                flush();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Could not share request counts; counting locally until the database answers: {}",
                        e.toString());
            }
        }
    }

    private void flush() {
        long currentWindow = System.currentTimeMillis() / 1000 / WINDOW_SECONDS;
        counters.entrySet().removeIf(entry -> entry.getValue().window < currentWindow
                && entry.getValue().unflushed.get() == 0);
        for (Map.Entry<UUID, Counter> entry : counters.entrySet()) {
            Counter counter = entry.getValue();
            long count = counter.unflushed.getAndSet(0);
            try {
                long windowStart = counter.window * WINDOW_SECONDS;
                counter.shared = database.withoutCustomer(sql -> sql.fetchSingle(
                        "insert into rate_limit (bucket, window_start, hits) values (?, to_timestamp(?), ?)"
                                + " on conflict (bucket, window_start) do update set hits = rate_limit.hits + ?"
                                + " returning hits", "activation:" + entry.getKey(), windowStart, count, count)
                        .get(0, Long.class));
            } catch (RuntimeException e) {
                counter.unflushed.addAndGet(count);
                throw e;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        flusher.interrupt();
    }
}
