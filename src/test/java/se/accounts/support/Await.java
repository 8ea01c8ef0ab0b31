package se.accounts.support;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds, failing after a deadline: a test waits for what it needs, not a fixed time. */
public final class Await {
    private static final Duration POLL = Duration.ofMillis(50);
    /**
     * The interval for a condition read through the API: each poll is a request, with its transaction, counted
     * against the client's rate limit, and what such a test waits for (a delivery, a retry) takes seconds.
     */
    public static final Duration REQUEST_POLL = Duration.ofMillis(200);

    private Await() {
    }

    /** Returns as soon as {@code condition} holds; fails naming {@code what} if {@code within} passes first. */
    public static void until(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        until(what, within, POLL, condition);
    }

    /** {@link #until(String, Duration, BooleanSupplier)}, asking {@code condition} every {@code every}. */
    public static void until(String what, Duration within, Duration every, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            Thread.sleep(every.toMillis());
        }
    }

    /**
     * The first value {@code probe} finds, asked every {@code every}; fails naming {@code what} if {@code within}
     * passes first.
     */
    public static <T> T value(String what, Duration within, Duration every, Supplier<Optional<T>> probe)
            throws InterruptedException {
        AtomicReference<T> found = new AtomicReference<>();
        until(what, within, every, () -> {
            probe.get().ifPresent(found::set);
            return found.get() != null;
        });
        return found.get();
    }
}
