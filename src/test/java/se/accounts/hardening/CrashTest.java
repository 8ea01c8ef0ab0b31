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
import se.accounts.support.Mailbox;
import se.accounts.support.SeparateService;
import se.accounts.support.ServiceProcess;

/** kill -9 of a service instance: a write is all or nothing, and queued mail is still delivered, once. */
class CrashTest {
    private static final String USERS = "/accounts/users/organization/organizationuser/";

    private static Map<String, String> sameDatabase(SeparateService separate) {
        Map<String, String> environment = new HashMap<>();
        environment.put("ACCOUNTS_DB_URL", "jdbc:postgresql://127.0.0.1:" + separate.postgres().getPort()
                + "/postgres");
        environment.put("ACCOUNTS_DB_USER", "postgres");
        environment.put("ACCOUNTS_DATA_DIR", separate.config().dataDir().resolve("child").toString());
        return environment;
    }

    @Test
    void aKilledBulkWriteLeavesAllOrNothing() throws Exception {
        try (SeparateService separate = new SeparateService()) {
            ApiClient survivor = separate.client();
            for (int attempt = 0; attempt < 3; attempt++) {
                String batch = "crash" + attempt;
                List<Object> users = IntStream.range(0, 1000).mapToObj(i -> (Object) Map.of("first_name", batch,
                        "email", batch + "." + i + "@x.se", "detail_access", 0)).toList();
                try (ServiceProcess doomed = ServiceProcess.start(sameDatabase(separate))) {
                    ApiClient client = survivor.rebased(doomed.baseUrl());
                    CompletableFuture<Integer> write = CompletableFuture.supplyAsync(() -> {
                        try {
                            return client.post(USERS + "list/", users).status();
                        } catch (RuntimeException connectionDropped) {
                            return -1;
                        }
                    });
                    Thread.sleep(100 + attempt * 150L);
                    doomed.kill();
                    int status = write.get();

                    String count = survivor.get(USERS + "list/?_page=1&_page_size=0&_statistics=true&first_name="
                            + batch).header("X-Total-Count");
                    assertThat(count).as("attempt %d (status %d)", attempt, status).isIn("0", "1000");
                    if (status == 201) {
                        assertThat(count).isEqualTo("1000");
                    }
                }
            }
        }
    }

    /** Until the dying instance has tried once and let go of its claim (a claim held at death runs 2 minutes). */
    private static void awaitFailedAttemptReleased(SeparateService separate) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            boolean released = separate.service().database().database().asOwner(sql -> sql.fetchExists(
                    sql.selectOne().from("mail_outbox").where("attempts >= 1 and lease_until is null")));
            if (released) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the first delivery attempt never finished");
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
