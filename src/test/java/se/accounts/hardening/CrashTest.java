package se.accounts.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.Await;
import se.accounts.support.Mailbox;
import se.accounts.support.SeparateService;
import se.accounts.support.ServiceProcess;

/**
 * kill -9 of a service instance: a write is all or nothing, an Idempotency-Key retry gets the first outcome exactly
 * once, and queued mail is still delivered, once.
 */
class CrashTest {
    private static final String USERS = "/accounts/users/organization/organizationuser/";
    /** The test hook of se.accounts.http.TestHookPause: a request with an Idempotency-Key stops there. */
    private static final String PAUSE_HOOK = "ACCOUNTS_TEST_HOOK_IDEMPOTENCY_PAUSE";
    private static final String PAUSED = "TEST HOOK: paused at ";

    private static Map<String, String> sameDatabase(SeparateService separate) {
        Map<String, String> environment = new HashMap<>();
        environment.put("ACCOUNTS_DB_URL", "jdbc:postgresql://127.0.0.1:" + separate.postgres().getPort()
                + "/postgres");
        environment.put("ACCOUNTS_DB_USER", "postgres");
        environment.put("ACCOUNTS_DATA_DIR", separate.config().dataDir().resolve("child").toString());
        return environment;
    }

    /** A bulk write of 1,000 users named {@code batch}, killed at {@code pause}: the rows of it that are stored. */
    private static String bulkWriteKilledAt(String pause, String batch) throws Exception {
        try (SeparateService separate = new SeparateService()) {
            List<Object> users = IntStream.range(0, 1000).mapToObj(i -> (Object) Map.of("first_name", batch,
                    "email", batch + "." + i + "@x.se", "detail_access", 0)).toList();
            killWhilePaused(separate, USERS + "list/", users, java.util.UUID.randomUUID().toString(), pause);
            awaitKilledTransactionEnded(separate);
            return separate.client().get(USERS + "list/?_page=1&_page_size=0&_statistics=true&first_name="
                    + batch).header("X-Total-Count");
        }
    }

    @Test
    void aBulkWriteKilledBeforeItsCommitLeavesNoneOfItsRows() throws Exception {
        assertThat(bulkWriteKilledAt("before-store", "uncommitted")).isEqualTo("0");
    }

    @Test
    void aBulkWriteKilledAfterItsCommitLeavesAllOfItsRows() throws Exception {
        assertThat(bulkWriteKilledAt("after-commit", "committed")).isEqualTo("1000");
    }

    /** Posts {@code body} with an Idempotency-Key to the doomed instance, which stops at the hook; -1 when killed. */
    private static CompletableFuture<Integer> postWithKey(ApiClient client, String path, Object body, String key) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return client.send("POST", path, body, Map.of("Idempotency-Key", key)).status();
            } catch (RuntimeException connectionDropped) {
                return -1;
            }
        });
    }

    /**
     * Until PostgreSQL has noticed that the killed instance's connection is gone and rolled its transaction back,
     * which releases the advisory lock that marks an Idempotency-Key as running (about at once: the socket closes).
     */
    private static void awaitKilledTransactionEnded(SeparateService separate) throws InterruptedException {
        Await.until("the killed instance's transaction ended", Duration.ofSeconds(30),
                () -> !separate.service().database().database().asOwner(db -> db.fetchExists(db.selectOne()
                        .from("pg_locks").where("locktype = 'advisory' and granted"))));
    }

    /** The retry after the crash: the outcome of the first request, exactly one user, and the same on replay. */
    private static void assertRetryWritesOnce(ApiClient survivor, Map<String, Object> user, String key) {
        Map<String, String> header = Map.of("Idempotency-Key", key);
        ApiClient.Response retry = survivor.send("POST", USERS, user, header);
        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(survivor.send("POST", USERS, user, header).body()).isEqualTo(retry.body());
        var stored = survivor.get(USERS + "list/?email=" + user.get("email")).json();
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).get("id")).isEqualTo(retry.json().get("id"));
    }

    /**
     * Sends an idempotent POST of {@code body} to {@code path} on an instance of its own that pauses at {@code pause}
     * (the test hook), kills that instance there with kill -9, and checks the client got no answer.
     */
    private static void killWhilePaused(SeparateService separate, String path, Object body, String key,
                                        String pause) throws Exception {
        Map<String, String> environment = sameDatabase(separate);
        environment.put(PAUSE_HOOK, pause);
        try (ServiceProcess doomed = ServiceProcess.start(environment)) {
            CompletableFuture<Integer> write = postWithKey(separate.client().rebased(doomed.baseUrl()), path, body,
                    key);
            doomed.awaitLogged(PAUSED + pause.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            doomed.kill();
            assertThat(write.get()).isEqualTo(-1);
        }
    }

    @Test
    void anIdempotentWriteKilledBeforeItsResponseWasStoredLeavesNothingAndTheRetryWritesOnce() throws Exception {
        try (SeparateService separate = new SeparateService()) {
            ApiClient survivor = separate.client();
            Map<String, Object> user = Map.of("first_name", "Before", "email", "before.store@x.se",
                    "detail_access", 0);
            String key = java.util.UUID.randomUUID().toString();
            killWhilePaused(separate, USERS, user, key, "before-store");
            // The killed instance's transaction ends when PostgreSQL notices its connection is gone; the key is
            // then free at once, not "running" for 24 hours.
            awaitKilledTransactionEnded(separate);
            assertThat(survivor.get(USERS + "list/?email=before.store@x.se").json()).isEmpty();

            assertRetryWritesOnce(survivor, user, key);
        }
    }

    @Test
    void anIdempotentWriteKilledAfterItsCommitIsReplayedToTheRetryWithoutWritingTwice() throws Exception {
        try (SeparateService separate = new SeparateService()) {
            ApiClient survivor = separate.client();
            Map<String, Object> user = Map.of("first_name", "After", "email", "after.commit@x.se",
                    "detail_access", 0);
            String key = java.util.UUID.randomUUID().toString();
            killWhilePaused(separate, USERS, user, key, "after-commit");

            assertRetryWritesOnce(survivor, user, key);
        }
    }

    /** Until the dying instance has tried once and let go of its claim (a claim held at death runs 2 minutes). */
    private static void awaitFailedAttemptReleased(SeparateService separate) throws InterruptedException {
        Await.until("the first delivery attempt finished", Duration.ofSeconds(10),
                () -> separate.service().database().database().asOwner(sql -> sql.fetchExists(
                        sql.selectOne().from("mail_outbox").where("attempts >= 1 and lease_until is null"))));
    }

    @Test
    void mailQueuedByAKilledInstanceIsDeliveredByAnotherExactlyOnce() throws Exception {
        try (Mailbox mailbox = new Mailbox();
             SeparateService separate = new SeparateService(mailbox.environment())) {
            mailbox.stop();
            Map<String, String> environment = sameDatabase(separate);
            environment.putAll(mailbox.environment());
            String userId;
            try (ServiceProcess doomed = ServiceProcess.start(environment)) {
                ApiClient client = separate.client().rebased(doomed.baseUrl());
                userId = client.post(USERS, Map.of("first_name", "Crash", "email", "crash@example.se",
                        "detail_access", 0)).json().get("id").asText();
                assertThat(client.post("/accounts/users/auth/invite/organization/organizationuser/",
                        Map.of("id", userId)).status()).isEqualTo(201);
                awaitFailedAttemptReleased(separate);
                doomed.kill();
            }

            mailbox.start();

            mailbox.awaitOne("crash@example.se");
            assertThat(mailbox.await("crash@example.se", 2, Duration.ofSeconds(3))).hasSize(1);
            assertThat(separate.client().get("/accounts/users/auth/invitation/list/?user=" + userId).json().get(0)
                    .get("delivery_status").asText()).isEqualTo("sent");
        }
    }
}
