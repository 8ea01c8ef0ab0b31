package se.accounts.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.RowLock;
import se.accounts.support.SeparateService;

class GracefulShutdownTest {
    @Test
    void stoppingTheServiceFinishesTheRequestsInFlight() throws Exception {
        SeparateService separate = new SeparateService();
        ApiClient client = separate.client();
        String id = client.post("/sales/organization/", Map.of("name", "Locked")).json().get("id").asText();

        CompletableFuture<ApiClient.Response> inFlight;
        CompletableFuture<Void> stopping;
        try (RowLock blocker = RowLock.of(separate.postgres(), "organization", id)) {
            inFlight = CompletableFuture.supplyAsync(
                    () -> client.patch("/sales/organization/" + id + "/", Map.of("name", "Renamed")));
            blocker.awaitWaiter();
            stopping = CompletableFuture.runAsync(() -> separate.service().close());
            // Time for a shutdown that does not wait for requests to cut this one off: an absence, not awaited.
            Thread.sleep(500);
            assertThat(inFlight).isNotDone();
            blocker.release();
        }

        ApiClient.Response response = inFlight.get(20, TimeUnit.SECONDS);
        stopping.get(30, TimeUnit.SECONDS);
        separate.postgres().close();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("name").asText()).isEqualTo("Renamed");
    }
}
