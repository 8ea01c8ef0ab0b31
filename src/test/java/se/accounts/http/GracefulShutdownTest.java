package se.accounts.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.SeparateService;

class GracefulShutdownTest {
    @Test
    void stoppingTheServiceFinishesTheRequestsInFlight() throws Exception {
        SeparateService separate = new SeparateService();
        ApiClient client = separate.client();
        String id = client.post("/sales/organization/", Map.of("name", "Locked")).json().get("id").asText();

        CompletableFuture<ApiClient.Response> inFlight;
        CompletableFuture<Void> stopping;
        try (Connection blocker = separate.postgres().getPostgresDatabase().getConnection()) {
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("select 1 from organization where id = '" + id + "' for update");
            inFlight = CompletableFuture.supplyAsync(
                    () -> client.patch("/sales/organization/" + id + "/", Map.of("name", "Renamed")));
            Thread.sleep(500);
            stopping = CompletableFuture.runAsync(() -> separate.service().close());
            Thread.sleep(500);
            assertThat(inFlight).isNotDone();
            blocker.rollback();
        }

        ApiClient.Response response = inFlight.get(20, TimeUnit.SECONDS);
        stopping.get(30, TimeUnit.SECONDS);
        separate.postgres().close();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("name").asText()).isEqualTo("Renamed");
    }
}
