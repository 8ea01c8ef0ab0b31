package se.accounts.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.Await;
import se.accounts.support.SeparateService;

/** A service on an external database (ACCOUNTS_DB_URL) that is stopped and started again under it. */
class DatabaseOutageTest {
    private SeparateService separate;
    private ApiClient client;

    @BeforeEach
    void start() throws Exception {
        separate = new SeparateService();
        client = separate.client();
    }

    @AfterEach
    void stop() throws Exception {
        separate.close();
    }

    @Test
    void externalDatabaseIsUsedWithoutStartingAnEmbeddedOne() {
        assertThat(separate.service().database().isEmbedded()).isFalse();
        assertThat(client.get("/sales/organization/list/").status()).isEqualTo(200);
    }

    @Test
    void stoppedDatabaseGives503WithRetryAfterQuicklyAndServiceRecoversByItself() throws Exception {
        assertThat(client.post("/sales/organization/", Map.of("name", "Before")).status()).isEqualTo(201);

        separate.stopDatabase();
        Instant asked = Instant.now();
        ApiClient.Response during = client.get("/sales/organization/list/");
        Duration took = Duration.between(asked, Instant.now());
        ApiClient.Response health = client.get("/health/");

        assertThat(during.status()).isEqualTo(503);
        assertThat(during.header("Retry-After")).isNotBlank();
        assertThat(during.json().get("detail").asText()).contains("database");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(health.status()).isEqualTo(503);

        separate.restartDatabase();
        Await.until("a 200 after the database restarted", Duration.ofSeconds(30),
                () -> client.get("/sales/organization/list/").status() == 200);
        assertThat(client.get("/sales/organization/list/").json().get(0).get("name").asText()).isEqualTo("Before");
    }

    @Test
    void underConcurrentLoadEveryRequestDuringAnOutageGets503WithinAFewSeconds() throws Exception {
        separate.stopDatabase();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(40);
        try {
            java.util.List<java.util.concurrent.Future<long[]>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 120; i++) {
                answers.add(pool.submit(() -> {
                    long started = System.nanoTime();
                    int status = client.get("/accounts/users/organization/organizationuser/list/").status();
                    return new long[] {status, (System.nanoTime() - started) / 1_000_000};
                }));
            }
            for (java.util.concurrent.Future<long[]> answer : answers) {
                long[] result = answer.get();
                assertThat(result[0]).isEqualTo(503);
                // The pool waits at most 2 s for a connection; requests queue for threads, not for the database.
                assertThat(result[1]).isLessThan(8_000);
            }
        } finally {
            pool.shutdownNow();
        }
        separate.restartDatabase();
    }
}
