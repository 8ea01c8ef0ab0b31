package se.accounts.support;

import java.time.Duration;

/** Rate limits count per wall-clock minute, whose boundary resets every count. */
public final class RateWindows {
    private static final Duration USUAL_TEST = Duration.ofSeconds(15);

    private RateWindows() {
    }

    /** Waits, if needed, until a test's requests (up to 15 seconds of them) all fall in one minute. */
    public static void awayFromTheEndOfAMinute() throws InterruptedException {
        awayFromTheEndOfAMinute(USUAL_TEST);
    }

    /** Returns when at least {@code needed} is left of the current minute, waiting for the next one if not. */
    public static void awayFromTheEndOfAMinute(Duration needed) throws InterruptedException {
        long intoMinute = System.currentTimeMillis() % 60_000;
        if (intoMinute > 60_000 - needed.toMillis()) {
            Thread.sleep(60_000 - intoMinute + 100);
        }
    }
}
