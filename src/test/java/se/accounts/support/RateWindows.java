package se.accounts.support;

/** Rate limits count per wall-clock minute, whose boundary resets every count. */
public final class RateWindows {
    private RateWindows() {
    }

    /** Waits, if needed, until a test's requests (up to 15 seconds of them) all fall in one minute. */
    public static void awayFromTheEndOfAMinute() throws InterruptedException {
        long intoMinute = System.currentTimeMillis() % 60_000;
        if (intoMinute > 45_000) {
            Thread.sleep(60_000 - intoMinute + 100);
        }
    }
}
