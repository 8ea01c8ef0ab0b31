package se.accounts.db;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a short transaction again while the database is unavailable (its pool had no connection free within the
 * timeout, or the server restarts), waiting 100 ms, doubling up to 5 s, until a deadline; then the last failure is
 * thrown. For writes whose loss costs more than the wait: the outcome of a mail that already went out, which, left
 * unrecorded, would be sent again once its claim runs out. Any other failure is thrown at once, since trying the
 * same statement again cannot mend it.
 */
public final class RetryWhileUnavailable {
    private static final Logger log = LoggerFactory.getLogger(RetryWhileUnavailable.class);
    private static final Duration FIRST_WAIT = Duration.ofMillis(100);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

    private RetryWhileUnavailable() {
    }

    /**
     * Runs {@code transaction} until it succeeds, fails otherwise than by unavailability, the next try would start
     * after {@code deadline}, or {@code wanted} turns false (the service stops).
     */
    public static <T> T until(Instant deadline, BooleanSupplier wanted, String what, Supplier<T> transaction) {
        Duration wait = FIRST_WAIT;
        while (true) {
            try {
                return transaction.get();
            } catch (RuntimeException failure) {
                if (!DatabaseErrors.isUnavailable(failure) || !wanted.getAsBoolean()
                        || Instant.now().plus(wait).isAfter(deadline)) {
                    throw failure;
                }
                log.warn("{} failed, the database being unavailable; trying again in {} ms: {}", what,
                        wait.toMillis(), failure.toString());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failure;
                }
                wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
            }
        }
    }
}
