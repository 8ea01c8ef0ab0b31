package se.accounts.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static se.accounts.support.RateWindows.awayFromTheEndOfAMinute;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.accounts.AccountsService;
import se.accounts.support.ApiClient;
import se.accounts.support.Await;
import se.accounts.support.SeparateService;
import se.accounts.support.SharedRateCounts;
import se.accounts.tenancy.ClientCredentials;
import se.accounts.tenancy.ClientRegistry;

/**
 * Wrong credentials are limited per client address (ACCOUNTS_AUTH_FAILURES_PER_MINUTE), counted together by every
 * instance, and a flood of them is refused without slowing anyone else. The service trusts 127.0.0.1 as a proxy,
 * so each test speaks from addresses of its own through X-Forwarded-For.
 */
class FailedAuthenticationLimitTest {
    private static final String LIST = "/sales/organization/list/";
    private static final int LIMIT = 20;

    private static SeparateService separate;

    @BeforeAll
    static void start() throws Exception {
        separate = new SeparateService(Map.of("ACCOUNTS_AUTH_FAILURES_PER_MINUTE", Integer.toString(LIMIT),
                "ACCOUNTS_TRUSTED_PROXIES", "127.0.0.1/32"));
    }

    @AfterAll
    static void stop() throws Exception {
        separate.close();
    }

    private static ApiClient from(String address, ApiClient client) {
        return client.withHeader("X-Forwarded-For", address);
    }

    private static ApiClient guessing(String address) {
        return from(address, separate.client().withHeader(ClientCredentials.CLIENT_SECRET, "a-guess"));
    }

    @Test
    void anAddressOverTheLimitGets429WithRetryAfterAndTheCountIsShared() throws Exception {
        awayFromTheEndOfAMinute();
        ApiClient guesser = guessing("203.0.113.10");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < LIMIT + 10; i++) {
            statuses.add(guesser.get(LIST).status());
        }

        ApiClient.Response refused = guesser.get(LIST);

        assertThat(statuses.subList(0, LIMIT)).containsOnly(401);
        assertThat(statuses.subList(LIMIT, statuses.size())).containsOnly(429);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        assertThat(refused.json().get("detail").asText()).contains("invalid credentials").contains("at most 20");
        awaitFlush("203.0.113.19");
        assertThat(counts().hits(SharedRateCounts.authFailure("203.0.113.10"))).isEqualTo(LIMIT);
    }

    private static SharedRateCounts counts() {
        return new SharedRateCounts(separate.service().database().database());
    }

    /**
     * Until the test's instance has shared its counts (and learnt everyone's) after this moment: one wrong
     * credential from {@code freshAddress}, which nobody used before, shows up once it has.
     */
    private static void awaitFlush(String freshAddress) throws InterruptedException {
        assertThat(guessing(freshAddress).get(LIST).status()).isEqualTo(401);
        counts().awaitHits(SharedRateCounts.authFailure(freshAddress), 1);
    }

    @Test
    void anAddressOverTheLimitIsRefusedBeforeItsCredentialsAreChecked() throws Exception {
        awayFromTheEndOfAMinute();
        ApiClient guesser = guessing("203.0.113.11");
        for (int i = 0; i < LIMIT; i++) {
            assertThat(guesser.get(LIST).status()).isEqualTo(401);
        }

        assertThat(from("203.0.113.11", separate.client()).get(LIST).status()).isEqualTo(429);
        assertThat(from("203.0.113.12", separate.client()).get(LIST).status()).isEqualTo(200);
    }

    @Test
    void aValidClientIsServedInFullWhileAnotherAddressFloodsBadCredentials() throws Exception {
        awayFromTheEndOfAMinute();
        ApiClient valid = from("198.51.100.20", separate.anotherClient());
        List<Integer> statuses = new ArrayList<>();
        Map<Integer, AtomicInteger> flooded;
        try (Flood flood = new Flood(guessing("203.0.113.20"))) {
            for (int i = 0; i < 50; i++) {
                statuses.add(valid.get(LIST).status());
            }
            flooded = flood.statuses();
        }

        assertThat(statuses).containsOnly(200);
        assertThat(flooded.getOrDefault(429, new AtomicInteger()).get()).isGreaterThan(0);
        // Requests in flight together are checked before any of them is counted: each thread may pass one more.
        assertThat(flooded.getOrDefault(401, new AtomicInteger()).get())
                .isLessThanOrEqualTo(LIMIT + Flood.THREADS);
    }

    @Test
    void revocationTakesEffectWithinFiveSecondsUnderAFlood() throws Exception {
        awayFromTheEndOfAMinute();
        ApiClient client = from("198.51.100.30", separate.anotherClient());
        try (Flood flood = new Flood(guessing("203.0.113.30"))) {
            assertThat(client.get(LIST).status()).isEqualTo(200);

            new ClientRegistry(separate.service().database().database()).revoke(
                    client.credentials().activationId());
            Await.until("a 401 within 5 seconds of the revocation", Duration.ofSeconds(5),
                    () -> client.get(LIST).status() == 401);
        }
    }

    @Test
    void instancesShareTheCount() throws Exception {
        awayFromTheEndOfAMinute();
        AccountsService second = AccountsService.start(separate.config(),
                new PrintStream(new ByteArrayOutputStream()));
        try {
            ApiClient first = guessing("203.0.113.40");
            ApiClient other = first.rebased("http://127.0.0.1:" + second.port());
            String bucket = SharedRateCounts.authFailure("203.0.113.40");
            for (int i = 0; i < LIMIT / 2; i++) {
                assertThat(first.get(LIST).status()).isEqualTo(401);
            }
            counts().awaitHits(bucket, LIMIT / 2);
            for (int i = 0; i < LIMIT / 2; i++) {
                assertThat(other.get(LIST).status()).isEqualTo(401);
            }
            // The other instance learnt the total when it shared its own counts; the first at its next flush.
            counts().awaitHits(bucket, LIMIT);
            awaitFlush("203.0.113.41");

            assertThat(first.get(LIST).status()).isEqualTo(429);
            assertThat(other.get(LIST).status()).isEqualTo(429);
        } finally {
            second.close();
        }
    }

    /** A few threads sending requests as fast as they are answered, until closed. */
    private static final class Flood implements AutoCloseable {
        static final int THREADS = 4;

        private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean running = true;

        Flood(ApiClient client) {
            for (int i = 0; i < THREADS; i++) {
                Thread thread = new Thread(() -> {
                    while (running) {
                        statuses.computeIfAbsent(client.get(LIST).status(), status -> new AtomicInteger())
                                .incrementAndGet();
                    }
                });
                thread.start();
                threads.add(thread);
            }
        }

        Map<Integer, AtomicInteger> statuses() {
            return statuses;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }
}
