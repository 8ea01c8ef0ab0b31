package se.accounts.db;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The metrics of a table that background workers claim rows of (the mail outbox, webhook deliveries): its depth,
 * the waiting rows of every instance, and what became of the rows this instance handled, one counter per outcome.
 * The counters are registered once, at {@link #bindTo}; {@link #count} only increments. Until then (and without
 * metrics) they count into a registry of their own that nothing reads.
 */
public final class QueueMetrics implements MeterBinder {
    /** How long a counted depth is reused: a scrape every few seconds costs at most one count query. */
    private static final Duration DEPTH_REUSE = Duration.ofSeconds(5);

    /** The gauge of waiting rows, counted by {@code countQuery} (run as the owner, over every customer). */
    public record Depth(String name, String description, String countQuery) {
    }

    /** The counter of handled rows, tagged {@code outcome} with one of {@code values}. */
    public record Outcomes(String name, String description, List<String> values) {
    }

    private final Depth depth;
    private final Outcomes outcomes;
    private final LoadingCache<Boolean, Long> depthCount;
    private volatile Map<String, Counter> counters;

    public QueueMetrics(Database database, Depth depth, Outcomes outcomes) {
        this.depth = depth;
        this.outcomes = outcomes;
        this.depthCount = Caffeine.newBuilder().expireAfterWrite(DEPTH_REUSE).build(unused -> database.asOwner(sql ->
                sql.fetchSingle(depth.countQuery()).get(0, Long.class)));
        this.counters = counters(new CompositeMeterRegistry());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(depth.name(), depthCount, counts -> counts.get(true))
                .description(depth.description() + " (every instance's, counted every few seconds)")
                .register(registry);
        counters = counters(registry);
    }

    private Map<String, Counter> counters(MeterRegistry registry) {
        return outcomes.values().stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                outcome -> Counter.builder(outcomes.name()).description(outcomes.description())
                        .tag("outcome", outcome).register(registry)));
    }

    /** One more row handled with {@code outcome}, one of the declared values. */
    public void count(String outcome) {
        Objects.requireNonNull(counters.get(outcome), () -> "Not a declared outcome: " + outcome).increment();
    }
}
