package se.accounts.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.SeparateService;
import se.accounts.support.ServiceProcess;
import se.accounts.support.WebhookReceiver;

/**
 * Two instances dispatch from one database while one of them is killed with kill -9 mid-dispatch: every event still
 * arrives at least once and in order, and no delivery is ever being sent by two instances at once.
 */
class WebhookCrashTest {
    private static final String USERS = "/accounts/users/organization/organizationuser/";
    private static final int EVENTS = 250;

    private static Map<String, String> sameDatabase(SeparateService separate) {
        Map<String, String> environment = new HashMap<>();
        environment.put("ACCOUNTS_DB_URL", "jdbc:postgresql://127.0.0.1:" + separate.postgres().getPort()
                + "/postgres");
        environment.put("ACCOUNTS_DB_USER", "postgres");
        environment.put("ACCOUNTS_DATA_DIR", separate.config().dataDir().resolve("child").toString());
        environment.put("ACCOUNTS_WEBHOOK_ALLOW_PRIVATE", "true");
        environment.put("ACCOUNTS_WEBHOOK_RETRY_SECONDS", "1");
        return environment;
    }

    @Test
    void killingAnInstanceMidDispatchLosesAndReordersNothingAndNoBatchIsSentTwiceAtOnce() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             SeparateService survivor = new SeparateService(Map.of("ACCOUNTS_WEBHOOK_ALLOW_PRIVATE", "true",
                     "ACCOUNTS_WEBHOOK_RETRY_SECONDS", "1"))) {
            ApiClient client = survivor.client();
            assertThat(client.post("/common/webhook/", Map.of("url", receiver.url())).status()).isEqualTo(201);
            receiver.delay(Duration.ofSeconds(2));
            try (ServiceProcess doomed = ServiceProcess.start(sameDatabase(survivor))) {
                ApiClient viaDoomed = client.rebased(doomed.baseUrl());
                for (int batch = 0; batch < EVENTS / 50; batch++) {
                    List<Map<String, Object>> users = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        users.add(Map.of("last_name", "Crash", "custom_id", String.valueOf(batch * 50 + i),
                                "detail_access", 0, "email", "crash." + UUID.randomUUID() + "@example.se"));
                    }
                    ApiClient writer = batch % 2 == 0 ? client : viaDoomed;
                    assertThat(writer.post(USERS + "list/", users).status()).isEqualTo(201);
                }
                receiver.await(received -> received.size() >= 2, Duration.ofSeconds(30));
                doomed.kill();
            }
            receiver.delay(Duration.ZERO);

            List<WebhookReceiver.Delivery> deliveries = receiver.await(
                    received -> distinctCustomIds(received).size() == EVENTS, Duration.ofSeconds(120));

            List<Integer> firstSeen = new ArrayList<>();
            distinctCustomIds(deliveries).forEach(id -> firstSeen.add(Integer.parseInt(id)));
            assertThat(firstSeen).isSorted().hasSize(EVENTS);
            assertNoDeliverySentTwiceAtOnce(deliveries);
        }
    }

    private static LinkedHashSet<String> distinctCustomIds(List<WebhookReceiver.Delivery> deliveries) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        deliveries.stream().sorted(java.util.Comparator.comparingLong(WebhookReceiver.Delivery::arrived))
                .forEach(delivery -> delivery.events().forEach(event -> ids.add(event.get("custom_id").asText())));
        return ids;
    }

    private static void assertNoDeliverySentTwiceAtOnce(List<WebhookReceiver.Delivery> deliveries) {
        for (WebhookReceiver.Delivery a : deliveries) {
            for (WebhookReceiver.Delivery b : deliveries) {
                if (a != b && a.header("X-Accounts-Delivery-Id").equals(b.header("X-Accounts-Delivery-Id"))) {
                    assertThat(a.answered() <= b.arrived() || b.answered() <= a.arrived())
                            .as("delivery " + a.header("X-Accounts-Delivery-Id") + " sent twice at once").isTrue();
                }
            }
        }
    }
}
