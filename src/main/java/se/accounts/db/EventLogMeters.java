package se.accounts.db;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What the event log's statements at the end of a writing transaction cost, and how many events they wrote:
 * registered once per registry, by {@link Database#publishMetrics} (until then, or without metrics, in a registry
 * that nothing reads), and handed to every tenant transaction ({@link TenantSession#eventLogMeters}).
 *
 * @param write {@code accounts_events_write_seconds}: both statements and the wait for the counter row, the
 *              benchmark's W4
 * @param written {@code accounts_events_written_total}
 */
public record EventLogMeters(Timer write, Counter written) {
    static EventLogMeters register(MeterRegistry registry) {
        return new EventLogMeters(Timer.builder("accounts.events.write").description("The event log's statements at"
                + " the end of a writing transaction, counter wait included").register(registry),
                Counter.builder("accounts.events.written").description("Events written to the event log")
                        .register(registry));
    }
}
