package se.accounts.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.accounts.db.Database;

/**
 * Events per bucket (an activation, a client address) and wall-clock minute, counted together by every instance in
 * the {@code rate_limit} table. Writing to PostgreSQL on every request would cost a round trip each, so each
 * instance counts in memory and adds its counts of every bucket to the shared rows in one statement a few times a
 * second, learning the totals of all instances in return. A bucket at its limit is refused from memory (429 with
 * {@code Retry-After} until its minute ends) without touching the database, so a flood costs no database work
 * beyond one row per bucket and flush. The price of not asking the database every time: with n instances, up to n
 * flush intervals of traffic can pass beyond the limit.
 */
final class SharedRateLimit implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SharedRateLimit.class);
    private static final Duration FLUSH_EVERY = Duration.ofMillis(250);
    /**
     * Adds the counts and answers the totals, for counted buckets and for those only read this time. Rows are
     * written in key order, so two instances flushing at once cannot deadlock.
     */
    private static final String FLUSH = """
            with counted (bucket, window_start, hits) as (
                select b, to_timestamp(w), h from unnest(?::text[], ?::bigint[], ?::bigint[]) as u (b, w, h)),
            added as (
                insert into rate_limit (bucket, window_start, hits)
                select bucket, window_start, hits from counted where hits > 0 order by bucket, window_start
                on conflict (bucket, window_start) do update set hits = rate_limit.hits + excluded.hits
                returning bucket, window_start, hits)
            select bucket, extract(epoch from window_start)::bigint as window_start, hits from added
            union all
            select r.bucket, extract(epoch from r.window_start)::bigint, r.hits
            from rate_limit r join counted c using (bucket, window_start) where c.hits = 0""";

    /** The 429's text, given the limit and the seconds until it lifts. */
    interface Refusal {
        String detail(long limit, long retryAfterSeconds);
    }

    private final Database database;
    private final String name;
    private final long limit;
    private final Refusal refusal;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Thread flusher;
    private volatile boolean running = true;
    private long cleanedWindow;

    /** The counts of one bucket in the current window. */
    private static final class Counter {
        final long window;
        final AtomicLong unflushed = new AtomicLong();
        /**
         * Every instance's count as last learned, plus what a running flush has taken from unflushed: only the
         * flusher writes it, so it never counts a request twice.
         */
        final AtomicLong settled = new AtomicLong();

        Counter(long window) {
            this.window = window;
        }

        long total() {
            return settled.get() + unflushed.get();
        }
    }

    /** {@code name} prefixes the buckets in the shared table; {@code limit} 0 switches the limit off. */
    SharedRateLimit(Database database, String name, long limit, Refusal refusal) {
        this.database = database;
        this.name = name;
        this.limit = limit;
        this.refusal = refusal;
        this.flusher = new Thread(this::flushLoop, name + "-rate-limit-flusher");
        this.flusher.setDaemon(true);
        if (limit > 0) {
            flusher.start();
        }
    }

    /** Counts one event of {@code bucket}, or throws the 429 when it would be one too many. */
    void admit(String bucket) {
        if (limit <= 0) {
            return;
        }
        long now = nowSeconds();
        Counter counter = counter(bucket, now / RateLimitWindows.SECONDS);
        counter.unflushed.incrementAndGet();
        if (counter.total() > limit) {
            counter.unflushed.decrementAndGet();
            throw refused(now);
        }
    }

    /** Throws the 429 when {@code bucket} has used up its limit; counts nothing. */
    void refuseIfReached(String bucket) {
        if (limit <= 0) {
            return;
        }
        long now = nowSeconds();
        Counter counter = counters.get(bucket);
        if (counter != null && counter.window == now / RateLimitWindows.SECONDS && counter.total() >= limit) {
            throw refused(now);
        }
    }

    /** Counts one event of {@code bucket} without refusing it. */
    void count(String bucket) {
        if (limit > 0) {
            counter(bucket, nowSeconds() / RateLimitWindows.SECONDS).unflushed.incrementAndGet();
        }
    }

    private Counter counter(String bucket, long window) {
        return counters.compute(bucket, (key, current) ->
                current == null || current.window != window ? new Counter(window) : current);
    }

    private ApiError refused(long now) {
        long retryAfter = Math.max(1, (now / RateLimitWindows.SECONDS + 1) * RateLimitWindows.SECONDS - now);
        return new ApiError(429, Map.of("detail", refusal.detail(limit, retryAfter)),
                Map.of(Headers.RETRY_AFTER, Long.toString(retryAfter)));
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
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
        long currentWindow = nowSeconds() / RateLimitWindows.SECONDS;
        counters.entrySet().removeIf(entry -> entry.getValue().window < currentWindow
                && entry.getValue().unflushed.get() == 0);
        List<Map.Entry<String, Counter>> live = new ArrayList<>(counters.entrySet());
        if (live.isEmpty()) {
            return;
        }
        String[] buckets = new String[live.size()];
        Long[] windows = new Long[live.size()];
        Long[] counts = new Long[live.size()];
        Map<String, Counter> byKey = new HashMap<>();
        for (int i = 0; i < live.size(); i++) {
            Counter counter = live.get(i).getValue();
            buckets[i] = name + ":" + live.get(i).getKey();
            windows[i] = counter.window * RateLimitWindows.SECONDS;
            counts[i] = counter.unflushed.getAndSet(0);
            counter.settled.addAndGet(counts[i]);
            byKey.put(buckets[i] + "@" + windows[i], counter);
        }
        try {
            database.withoutCustomer(sql -> {
                if (cleanedWindow != currentWindow) {
                    RateLimitWindows.deleteEnded(sql);
                }
                for (Record total : sql.fetch(FLUSH, buckets, windows, counts)) {
                    Counter counter = byKey.get(total.get(0, String.class) + "@" + total.get(1, Long.class));
                    if (counter != null) {
                        counter.settled.set(total.get(2, Long.class));
                    }
                }
                return null;
            });
            cleanedWindow = currentWindow;
        } catch (RuntimeException e) {
            for (int i = 0; i < live.size(); i++) {
                live.get(i).getValue().unflushed.addAndGet(counts[i]);
                live.get(i).getValue().settled.addAndGet(-counts[i]);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        running = false;
        flusher.interrupt();
    }
}
