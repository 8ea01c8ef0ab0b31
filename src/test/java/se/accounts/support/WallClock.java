package se.accounts.support;

import java.time.Duration;

/** Rate limits count per wall-clock minute; a test whose requests must share one waits for room in it. */
public final class WallClock {
    private WallClock() {
    }

    /** Returns when at least {@code needed} is left of the current minute, waiting for the next one if not. */
    public static void awayFromTheEndOfAMinute(Duration needed) throws InterruptedException {
        long intoMinute = System.currentTimeMillis() % 60_000;
        if (intoMinute > 60_000 - needed.toMillis()) {
            Thread.sleep(60_000 - intoMinute + 100);
        }
    }
}
