package se.accounts.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.RowLock;
import se.accounts.support.SeparateService;

class IdempotencyInFlightTest {
    @Test
    void retryWhileTheFirstRequestRunsIsConflictAndAfterItFinishedReplays() throws Exception {
        try (SeparateService separate = new SeparateService()) {
            ApiClient client = separate.client();
            String id = client.post("/sales/organization/", Map.of("name", "Locked")).json().get("id").asText();
            Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
            List<Object> body = List.of(Map.of("id", id, "custom_id", "changed"));

            CompletableFuture<ApiClient.Response> first;
            ApiClient.Response whileRunning;
            try (RowLock blocker = RowLock.of(separate.postgres(), "organization", id)) {
                first = CompletableFuture.supplyAsync(
                        () -> client.send("POST", "/sales/organization/list/", body, key));
                blocker.awaitWaiter();
                whileRunning = client.send("POST", "/sales/organization/list/", body, key);
                blocker.release();
            }

            assertThat(whileRunning.status()).isEqualTo(409);
            ApiClient.Response completed = first.get(20, TimeUnit.SECONDS);
            assertThat(completed.status()).isEqualTo(201);
            ApiClient.Response replayed = client.send("POST", "/sales/organization/list/", body, key);
            assertThat(replayed.status()).isEqualTo(201);
            assertThat(replayed.body()).isEqualTo(completed.body());
            assertThat(client.get("/sales/organization/" + id + "/").header("ETag")).isEqualTo("\"2\"");
        }
    }
}
