package se.accounts.http;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TEST HOOK, for the crash tests only (never set it in production): {@value #VARIABLE}={@code before-store} makes
 * every request with an {@code Idempotency-Key} stop for ten minutes inside its transaction, after the write and
 * before its response is stored; {@code after-commit} stops it after the commit, before the response is sent. A
 * test kills the instance while it waits there. Unset, it does nothing.
 */
final class TestHookPause {
    static final String VARIABLE = "ACCOUNTS_TEST_HOOK_IDEMPOTENCY_PAUSE";
    private static final Logger log = LoggerFactory.getLogger(TestHookPause.class);
    private static final Duration PAUSE = Duration.ofMinutes(10);

    enum Point { BEFORE_STORE, AFTER_COMMIT }

    private final Optional<Point> point;

    private TestHookPause(Optional<Point> point) {
        this.point = point;
    }

    static TestHookPause fromEnvironment() {
        Optional<Point> point = Optional.ofNullable(System.getenv(VARIABLE))
                .map(value -> Point.valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
        point.ifPresent(where -> log.warn("{} is set: requests with an Idempotency-Key stop at {} (a test hook)",
                VARIABLE, where));
        return new TestHookPause(point);
    }

    void at(Point here) {
        if (point.filter(here::equals).isEmpty()) {
            return;
        }
        log.warn("TEST HOOK: paused at {} for {}", here, PAUSE);
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
