package se.accounts.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import se.accounts.Config;
import se.accounts.db.ManagedDatabase;
import se.accounts.support.ApiClient;
import se.accounts.support.Await;
import se.accounts.support.Mailbox;
import se.accounts.support.RateWindows;
import se.accounts.support.ServiceProcess;
import se.accounts.support.SharedRateCounts;
import se.accounts.tenancy.ClientCredentials;
import se.accounts.tenancy.ClientRegistry;

/**
 * Two instances of the service (child JVMs) on one database prove that everything shared lives in PostgreSQL:
 * idempotency keys, revocations, rate-limit counts, the mail outbox, and that a killed instance leaves the other
 * serving and the data whole. The subclasses choose the database: an operator's PostgreSQL server, or the
 * embedded one that the first instance starts and the others attach to.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MultiInstanceIT {
    private static final int RATE_LIMIT = 20;
    private static final String ORGANIZATIONS = "/sales/organization/";
    private static final String USERS = "/accounts/users/organization/organizationuser/";
    private static final String INVITE = "/accounts/users/auth/invite/organization/organizationuser/";
    /** The test hook of se.accounts.http.TestHookPause: a request with an Idempotency-Key stops there. */
    private static final String PAUSE_HOOK = "ACCOUNTS_TEST_HOOK_IDEMPOTENCY_PAUSE";
    private static final String PAUSED_BEFORE_COMMIT = "TEST HOOK: paused at BEFORE_STORE";

    private Mailbox mailbox;
    private Map<String, String> environment;
    private ServiceProcess a;
    private ServiceProcess b;
    private ManagedDatabase operator;
    private SharedRateCounts counts;

    /** Starts the database if needed, and answers the database variables every instance gets. */
    abstract Map<String, String> database() throws Exception;

    /** Whether both instances may start at once (else the second starts once the first answers). */
    abstract boolean startTogether();

    /** Stops what {@link #database()} started, once every instance has stopped. */
    abstract void closeDatabase() throws Exception;

    @BeforeAll
    void startTwoInstances() throws Exception {
        mailbox = new Mailbox();
        environment = new HashMap<>(database());
        environment.putIfAbsent("ACCOUNTS_DATA_DIR", Files.createTempDirectory("accounts-instances").toString());
        environment.putAll(mailbox.environment());
        environment.put("ACCOUNTS_RATE_LIMIT_PER_MINUTE", Integer.toString(RATE_LIMIT));
        a = ServiceProcess.launch(environment, List.of(), List.of());
        if (!startTogether()) {
            a.awaitHealthy();
        }
        b = ServiceProcess.launch(environment, List.of(), List.of());
        a.awaitHealthy();
        b.awaitHealthy();
        operator = ManagedDatabase.open(Config.fromEnvironment(environment));
        counts = new SharedRateCounts(operator.database());
    }

    @AfterAll
    void stopInstances() throws Exception {
        if (operator != null) {
            operator.close();
        }
        for (ServiceProcess instance : new ServiceProcess[] {b, a}) {
            if (instance != null) {
                instance.stop();
            }
        }
        if (mailbox != null) {
            mailbox.close();
        }
        closeDatabase();
    }

    /** The instances' environment, for commands and further instances. */
    Map<String, String> environment() {
        return environment;
    }

    private ClientCredentials newClient() {
        return new ClientRegistry(operator.database()).create("Instances " + UUID.randomUUID(), Optional.empty(),
                List.of("*"));
    }

    @Test
    void anIdempotencyKeyUsedOnOneInstanceReplaysOnTheOther() {
        ClientCredentials client = newClient();
        Map<String, String> key = Map.of("Idempotency-Key", "instances-" + UUID.randomUUID());
        Map<String, Object> body = Map.of("name", "Once AB");

        ApiClient.Response first = ApiClient.of(a.baseUrl(), client).send("POST", ORGANIZATIONS, body, key);
        ApiClient.Response replay = ApiClient.of(b.baseUrl(), client).send("POST", ORGANIZATIONS, body, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(ApiClient.of(b.baseUrl(), client).get(ORGANIZATIONS + "list/?name=Once%20AB").json())
                .hasSize(1);
    }

    @Test
    void aRevocationThroughTheCommandLineStopsBothInstancesWithinFiveSeconds() throws Exception {
        ClientCredentials client = newClient();
        ApiClient onA = ApiClient.of(a.baseUrl(), client);
        ApiClient onB = ApiClient.of(b.baseUrl(), client);
        assertThat(onA.get(ORGANIZATIONS + "list/").status()).isEqualTo(200);
        assertThat(onB.get(ORGANIZATIONS + "list/").status()).isEqualTo(200);

        try (ServiceProcess revoke = ServiceProcess.launch(environment, List.of(),
                List.of("client", "revoke", "--entity", client.activationId().toString()))) {
            assertThat(revoke.awaitExit()).as(revoke.log()).isZero();
        }
        long revoked = System.nanoTime();

        for (ApiClient instance : List.of(onA, onB)) {
            Duration left = Duration.ofSeconds(5).minusNanos(System.nanoTime() - revoked);
            Await.until("a 401 from both instances after the revocation", left,
                    () -> instance.get(ORGANIZATIONS + "list/").status() == 401);
        }
    }

    @Test
    void thePerClientRateLimitCountsBothInstancesTogether() throws Exception {
        RateWindows.awayFromTheEndOfAMinute(Duration.ofSeconds(30));
        ClientCredentials client = newClient();
        String bucket = SharedRateCounts.activation(client.activationId());
        ApiClient onA = ApiClient.of(a.baseUrl(), client);
        ApiClient onB = ApiClient.of(b.baseUrl(), client);
        int shared = 0;
        for (ApiClient instance : List.of(onA, onB)) {
            for (int i = 0; i < RATE_LIMIT / 2; i++) {
                assertThat(instance.get(ORGANIZATIONS + "list/").status()).isEqualTo(200);
            }
            shared += RATE_LIMIT / 2;
            counts.awaitHits(bucket, shared);
        }
        // B learnt the total when it shared its own counts; A learns it at its next flush, which a marker shows.
        awaitFlushOf(a);

        assertThat(onA.get(ORGANIZATIONS + "list/").status()).isEqualTo(429);
        assertThat(onB.get(ORGANIZATIONS + "list/").status()).isEqualTo(429);
    }

    /** Until {@code instance} has shared its counts (and learnt everyone's) after this moment. */
    private void awaitFlushOf(ServiceProcess instance) throws InterruptedException {
        ClientCredentials marker = newClient();
        assertThat(ApiClient.of(instance.baseUrl(), marker).get(ORGANIZATIONS + "list/").status()).isEqualTo(200);
        counts.awaitHits(SharedRateCounts.activation(marker.activationId()), 1);
    }

    @Test
    void queuedInvitationMailIsSentExactlyOnceWithBothRunning() throws Exception {
        ClientCredentials client = newClient();
        List<String> addresses = IntStream.range(0, 6)
                .mapToObj(i -> "instances." + i + "." + UUID.randomUUID() + "@example.se").toList();
        for (int i = 0; i < addresses.size(); i++) {
            ApiClient instance = ApiClient.of((i % 2 == 0 ? a : b).baseUrl(), client);
            String user = instance.post(USERS, Map.of("first_name", "Twice", "email", addresses.get(i),
                    "detail_access", 0)).json().get("id").asText();
            assertThat(instance.post(INVITE, Map.of("id", user)).status()).isEqualTo(201);
        }

        // Every claim of a queued mail counts an attempt, so one attempt per sent mail means nobody claimed it twice.
        for (String address : addresses) {
            Await.until("the mail to " + address + " sent", Duration.ofSeconds(60),
                    () -> outbox(address, "status").equals("sent"));
            assertThat(outbox(address, "attempts")).as(address).isEqualTo(1);
            assertThat(mailbox.messagesTo(address)).as(address).hasSize(1);
        }
    }

    /** A column of the outbox row of the one mail to {@code address} (read as the owner: no rate limit). */
    private Object outbox(String address, String column) {
        return operator.database().asOwner(sql -> sql.fetchValue("select " + column + " from mail_outbox"
                + " where recipient = ?", address));
    }

    /**
     * The bulk write carries an Idempotency-Key only so that the test hook stops it where this test needs it: inside
     * its transaction, after its 1,000 rows were inserted and before the COMMIT (the key's response is stored in
     * the same transaction). The instance is killed there, so the kill cannot miss the write.
     */
    @Test
    void killingAnInstanceInsideABulkWriteLeavesTheOtherServingAndNoRowOfTheWrite() throws Exception {
        ClientCredentials client = newClient();
        List<Object> users = IntStream.range(0, 1000).mapToObj(i -> (Object) Map.of("first_name", "Doomed",
                "email", "doomed." + i + "@example.se", "detail_access", 0)).toList();
        Map<String, String> pausing = new HashMap<>(environment);
        pausing.put(PAUSE_HOOK, "before-store");
        try (ServiceProcess doomed = ServiceProcess.start(pausing)) {
            ApiClient writer = ApiClient.of(doomed.baseUrl(), client);
            CompletableFuture<Integer> write = CompletableFuture.supplyAsync(() -> {
                try {
                    return writer.send("POST", USERS + "list/", users,
                            Map.of("Idempotency-Key", UUID.randomUUID().toString())).status();
                } catch (RuntimeException connectionDropped) {
                    return -1;
                }
            });
            doomed.awaitLogged(PAUSED_BEFORE_COMMIT);
            doomed.kill();
            assertThat(write.get()).as("the killed instance's answer").isEqualTo(-1);
        }
        // PostgreSQL rolls the transaction back once it notices the connection is gone, which frees the key's lock.
        Await.until("the killed instance's transaction ended", Duration.ofSeconds(30), () -> !operator.database()
                .asOwner(sql -> sql.fetchExists(sql.selectOne().from("pg_locks")
                        .where("locktype = 'advisory' and granted"))));

        ApiClient survivor = ApiClient.of(a.baseUrl(), client);
        assertThat(survivor.get(ORGANIZATIONS + "list/").status()).isEqualTo(200);
        assertThat(survivor.get(USERS + "list/?_page=1&_page_size=0&_statistics=true&first_name=Doomed")
                .header("X-Total-Count")).isEqualTo("0");
    }
}
