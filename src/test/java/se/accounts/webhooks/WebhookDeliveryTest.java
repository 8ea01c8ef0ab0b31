package se.accounts.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.Await;
import se.accounts.support.TestService;
import se.accounts.support.WebhookReceiver;

/** Webhooks end to end (contract 10.2), with a real receiver on 127.0.0.1. */
class WebhookDeliveryTest {
    private static final String USERS = "/accounts/users/organization/organizationuser/";
    private static final String WEBHOOKS = "/common/webhook/";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestService service = TestService.get();
    private final ApiClient client = service.newCustomer();
    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private JsonNode subscribe(Map<String, Object> body) {
        Map<String, Object> withUrl = new HashMap<>(body);
        withUrl.putIfAbsent("url", receiver.url());
        ApiClient.Response created = client.post(WEBHOOKS, withUrl);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private static Map<String, Object> user(String customId) {
        return Map.of("last_name", "Hook", "custom_id", customId, "detail_access", 1,
                "email", "hook." + UUID.randomUUID() + "@example.se");
    }

    private static List<String> customIds(List<WebhookReceiver.Delivery> deliveries) {
        List<String> ids = new ArrayList<>();
        deliveries.forEach(delivery -> delivery.events().forEach(event -> ids.add(event.get("custom_id").asText())));
        return ids;
    }

    @Test
    void eventsArriveSignedWithTheSecretOfTheCreateResponse() {
        JsonNode webhook = subscribe(Map.of());
        String secret = webhook.get("secret").asText();

        client.post(USERS, user("u1"));

        WebhookReceiver.Delivery delivery = receiver.await(received -> !received.isEmpty(), WAIT).get(0);
        assertThat(delivery.header("Content-Type")).isEqualTo("application/json");
        assertThat(delivery.header("X-Accounts-Webhook-Id")).isEqualTo(webhook.get("id").asText());
        assertThat(delivery.header("X-Accounts-Delivery-Id")).isNotBlank();
        String[] signature = delivery.header("X-Accounts-Signature").split(",");
        long timestamp = Long.parseLong(signature[0].substring("t=".length()));
        assertThat(signature[1]).isEqualTo("v1=" + Signature.hmac(secret, timestamp,
                delivery.body().getBytes(StandardCharsets.UTF_8)));
        JsonNode event = delivery.events().get(0);
        assertThat(event.get("event_identifier").asText()).isEqualTo("accounts.organizationuser.instancecreated");
        assertThat(event.get("custom_id").asText()).isEqualTo("u1");
    }

    @Test
    void aUrlWithAnUppercaseSchemeIsDeliveredTo() {
        subscribe(Map.of("url", receiver.url().replaceFirst("^http:", "HTTP:")));

        client.post(USERS, user("loud"));

        assertThat(customIds(receiver.await(received -> !received.isEmpty(), WAIT))).containsExactly("loud");
    }

    @Test
    void aLoopbackNameIsAcceptedWhenPrivateAddressesAreAllowed() {
        ApiClient.Response created = client.post(WEBHOOKS, Map.of("url", "http://localhost:1/hooks"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @Test
    void theSecretIsShownOnlyInTheCreateResponse() {
        JsonNode webhook = subscribe(Map.of());
        String path = WEBHOOKS + webhook.get("id").asText() + "/";

        assertThat(webhook.get("secret").asText()).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(client.get(path).json().get("secret").isNull()).isTrue();
        assertThat(client.patch(path, Map.of("description", "x")).json().get("secret").isNull()).isTrue();
        assertThat(client.get(WEBHOOKS + "list/").json().get(0).get("secret").isNull()).isTrue();
    }

    @Test
    void batchesHoldAtMostOneHundredEventsInSequenceOrder() {
        subscribe(Map.of("event_identifiers", List.of("accounts.organizationuser.*")));
        List<Map<String, Object>> users = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            users.add(user("b" + i));
        }

        assertThat(client.post(USERS + "list/", users).status()).isEqualTo(201);

        List<WebhookReceiver.Delivery> deliveries = receiver.await(received -> customIds(received).size() >= 250,
                WAIT);
        assertThat(deliveries).allSatisfy(delivery -> assertThat(delivery.events().size()).isBetween(1, 100));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            expected.add("b" + i);
        }
        assertThat(customIds(deliveries)).containsExactlyElementsOf(expected);
    }

    @Test
    void onlyMatchingEventsAfterTheSubscriptionAreDelivered() {
        client.post(USERS, user("before"));
        subscribe(Map.of("event_identifiers", List.of("organization.externalclient.instancecreated")));

        client.post(USERS, user("not matching"));
        client.post("/organization/externalclient/", Map.of("name", "Fortnox", "custom_id", "matching"));

        List<WebhookReceiver.Delivery> deliveries = receiver.await(received -> !received.isEmpty(), WAIT);
        assertThat(customIds(deliveries)).containsExactly("matching");
    }

    @Test
    void aReceiverThatIsDownGetsEverythingInOrderOnceItIsBack() throws Exception {
        JsonNode webhook = subscribe(Map.of());
        receiver.stop();
        client.post(USERS, user("d1"));
        client.post(USERS, user("d2"));
        awaitStatus(webhook, "retrying");

        receiver.start();
        client.post(USERS, user("d3"));

        List<WebhookReceiver.Delivery> deliveries = receiver.await(received -> customIds(received).contains("d3"),
                WAIT);
        assertThat(customIds(deliveries)).containsSubsequence("d1", "d2", "d3");
        assertThat(customIds(deliveries).indexOf("d1")).isZero();
    }

    @Test
    void aReceiverSlowerThanTheTimeoutIsAFailureRecorded() throws Exception {
        JsonNode webhook = subscribe(Map.of("timeout_seconds", 10));
        receiver.delay(Duration.ofSeconds(12));

        client.post(USERS, user("slow"));

        JsonNode delivery = awaitDelivery(webhook, d -> d.get("last_error").asText().contains("no answer within 10 s"));
        assertThat(delivery.get("status").asText()).isEqualTo("pending");
        assertThat(delivery.get("attempts").asInt()).isPositive();
    }

    /**
     * Found by fuzzing: last_error named the Java exception ("request failed: SSLHandshakeException"). The
     * receiver here answers the TLS greeting with plain HTTP, as a server on the wrong port does.
     */
    @Test
    void aReceiverThatDoesNotSpeakTlsIsAFailureSaidInWordsNotAJavaClass() throws Exception {
        String lastError = lastErrorOfHttpsReceiver("tls", socket -> socket.getOutputStream()
                .write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));

        assertThat(lastError).isEqualTo("TLS handshake failed");
    }

    /** A receiver that resets the connection once it has the client's greeting: the handshake did not finish. */
    @Test
    void aReceiverThatResetsTheConnectionDuringTheTlsHandshakeIsAFailedHandshake() throws Exception {
        String lastError = lastErrorOfHttpsReceiver("reset", socket -> socket.setSoLinger(true, 0));

        assertThat(lastError).isEqualTo("TLS handshake failed");
    }

    /** What the receiver does with a connection once it has read the client's first bytes. */
    @FunctionalInterface
    private interface Answer {
        void answer(Socket socket) throws IOException;
    }

    /** The last_error of the delivery of a user created as {@code name}, to an https URL answered by {@code answer}. */
    private String lastErrorOfHttpsReceiver(String name, Answer answer) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        // The client's greeting is read first: closing with it unread could reset the connection
                        // before the client reads an answer.
                        socket.getInputStream().read(new byte[16 * 1024]);
                        answer.answer(socket);
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            answering.setDaemon(true);
            answering.start();
            JsonNode webhook = subscribe(Map.of("url", "https://127.0.0.1:" + server.getLocalPort() + "/"));

            client.post(USERS, user(name));

            return awaitDelivery(webhook, d -> !d.get("last_error").isNull()).get("last_error").asText();
        }
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        try (WebhookReceiver target = new WebhookReceiver()) {
            JsonNode webhook = subscribe(Map.of());
            receiver.redirectTo(target.url());

            client.post(USERS, user("moved"));

            JsonNode delivery = awaitDelivery(webhook, d -> d.get("last_response_status").asInt() == 302);
            assertThat(delivery.get("last_error").asText()).contains("redirect not followed");
            assertThat(target.received()).isEmpty();
        }
    }

    /**
     * The one thread that queues for every customer compares each pattern with each new event, so their number is
     * bounded: a subscription with a million patterns held it for seconds per thousand events.
     */
    @Test
    void aSubscriptionTakesAtMostOneHundredPatterns() {
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i <= se.accounts.entities.Webhooks.MAX_PATTERNS; i++) {
            patterns.add("accounts.organizationuser.custom" + i);
        }

        ApiClient.Response refused = client.post(WEBHOOKS, Map.of("url", receiver.url(), "event_identifiers",
                patterns));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("event_identifiers").get(0).asText()).isEqualTo("Enter at most 100 patterns;"
                + " got 101.");
        assertThat(subscribe(Map.of("event_identifiers", patterns.subList(0, 100))).get("event_identifiers"))
                .hasSize(100);
    }

    @Test
    void inactiveSubscriptionsReceiveNothing() {
        JsonNode webhook = subscribe(Map.of("is_active", false));
        client.post(USERS, user("quiet"));
        client.patch(WEBHOOKS + webhook.get("id").asText() + "/", Map.of("is_active", true));

        client.post(USERS, user("loud"));

        assertThat(customIds(receiver.await(received -> !received.isEmpty(), WAIT))).containsExactly("loud");
    }

    @Test
    void aCustomerNeverReceivesAnotherCustomersEventsNorSeesItsWebhooks() {
        ApiClient other = service.newCustomer();
        JsonNode webhook = subscribe(Map.of());
        try (WebhookReceiver othersReceiver = new WebhookReceiver()) {
            other.post(WEBHOOKS, Map.of("url", othersReceiver.url()));
            other.post(USERS, user("theirs"));
            client.post(USERS, user("mine"));

            assertThat(customIds(receiver.await(received -> !received.isEmpty(), WAIT))).containsExactly("mine");
            assertThat(customIds(othersReceiver.await(received -> !received.isEmpty(), WAIT)))
                    .containsExactly("theirs");
        }
        assertThat(other.get(WEBHOOKS + webhook.get("id").asText() + "/").status()).isEqualTo(404);
        assertThat(other.get("/common/webhookdelivery/list/?webhook=" + webhook.get("id").asText()).json())
                .isEmpty();
    }

    private void awaitStatus(JsonNode webhook, String status) throws InterruptedException {
        String path = WEBHOOKS + webhook.get("id").asText() + "/";
        Await.until("webhook status " + status, WAIT, Await.REQUEST_POLL,
                () -> status.equals(client.get(path).json().get("last_delivery_status").asText()));
    }

    private JsonNode awaitDelivery(JsonNode webhook, Predicate<JsonNode> condition) throws InterruptedException {
        String path = "/common/webhookdelivery/list/?webhook=" + webhook.get("id").asText();
        return Await.value("a delivery as expected", WAIT, Await.REQUEST_POLL, () -> StreamSupport.stream(
                client.get(path).json().spliterator(), false).filter(condition).findFirst());
    }

    @Test
    void aCustomerWhoseSubscriptionCannotBeQueuedHoldsBackNoOtherCustomer() {
        ApiClient broken = service.newCustomer();
        UUID brokenWebhook = UUID.fromString(broken.post(WEBHOOKS, Map.of("url", receiver.url())).json().get("id")
                .asText());
        // Patterns that are not a list of strings make queueing that subscription throw, every round.
        service.database().asOwner(sql -> sql.execute("update webhook set event_identifiers = '{}'::jsonb"
                + " where customer_id = ? and id = ?", broken.customerId(), brokenWebhook));
        try {
            broken.post(USERS, user("broken"));
            subscribe(Map.of());

            client.post(USERS, user("healthy"));

            List<WebhookReceiver.Delivery> deliveries = receiver.await(received -> !received.isEmpty(), WAIT);
            assertThat(customIds(deliveries)).containsExactly("healthy");
        } finally {
            service.database().asOwner(sql -> sql.execute("delete from webhook where customer_id = ? and id = ?",
                    broken.customerId(), brokenWebhook));
        }
    }
}
