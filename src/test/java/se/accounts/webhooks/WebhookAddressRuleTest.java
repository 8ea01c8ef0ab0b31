package se.accounts.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.Await;
import se.accounts.support.SeparateService;

/**
 * The address rule against server-side request forgery, on a service with the default
 * ACCOUNTS_WEBHOOK_ALLOW_PRIVATE=false, and giving up after the (here shortened) window.
 */
class WebhookAddressRuleTest {
    private static final String WEBHOOKS = "/common/webhook/";
    private static SeparateService service;
    private static ApiClient client;

    @BeforeAll
    static void start() throws Exception {
        service = new SeparateService(Map.of("ACCOUNTS_WEBHOOK_GIVE_UP_SECONDS", "3",
                "ACCOUNTS_WEBHOOK_RETRY_SECONDS", "1"));
        client = service.client();
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    @Test
    void aNameResolvingToLoopbackIsRefused() {
        ApiClient.Response refused = client.post(WEBHOOKS, Map.of("url", "http://localhost:8080/hooks"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("url").get(0).asText()).contains("non-public address");
    }

    @Test
    void privateAndLinkLocalAddressesAreRefused() {
        for (String url : new String[] {"http://10.1.2.3/", "https://192.168.0.1/", "http://169.254.169.254/",
                "http://[::1]/", "http://[fd00::1]/", "http://100.64.0.1/", "http://0.0.0.0/"}) {
            ApiClient.Response refused = client.post(WEBHOOKS, Map.of("url", url));
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.json().has("url")).as(url).isTrue();
        }
    }

    /**
     * IPv6 addresses that carry an IPv4 address reach that IPv4 host through the network (NAT64 gateways, 6to4
     * relays): one carrying a private or loopback address is refused like that address.
     */
    @Test
    void ipv6AddressesCarryingANonPublicIpv4AddressAreRefused() {
        for (String url : new String[] {"http://[64:ff9b::a00:1]/", "http://[64:ff9b::7f00:1]/",
                "http://[2002:a9fe:a9fe::]/", "http://[::a00:1]/", "http://[::ffff:127.0.0.1]/"}) {
            ApiClient.Response refused = client.post(WEBHOOKS, Map.of("url", url));
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.json().get("url").get(0).asText()).as(url).contains("non-public address");
        }
    }

    @Test
    void onlyHttpAndHttpsUrlsWithAHostAreAccepted() {
        for (String url : new String[] {"ftp://example.com/", "file:///etc/passwd", "https:///nohost",
                "not a url", "http://user:pw@example.com/"}) {
            ApiClient.Response refused = client.post(WEBHOOKS, Map.of("url", url));
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.json().get("url").get(0).asText()).as(url).contains("http://");
        }
    }

    /** Found by fuzzing: port 99999 was stored, and every delivery then failed in the HTTP client. */
    @Test
    void aPortOutsideOneTo65535IsRefused() {
        for (String url : new String[] {"https://203.0.114.1:99999/", "https://203.0.114.1:65536/",
                "https://203.0.114.1:0/"}) {
            ApiClient.Response refused = client.post(WEBHOOKS, Map.of("url", url));
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.json().get("url").get(0).asText()).as(url).contains("port");
        }
        assertThat(client.post(WEBHOOKS, Map.of("url", "https://203.0.114.1:65535/")).status()).isEqualTo(201);
    }

    @Test
    void theSchemeIsReadWhateverItsCase() {
        ApiClient.Response created = client.post(WEBHOOKS, Map.of("url", "HTTPS://203.0.114.1/hooks"));
        ApiClient.Response refused = client.post(WEBHOOKS, Map.of("url", "HTTP://127.0.0.1/hooks"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("url").get(0).asText()).contains("non-public address");
    }

    @Test
    void anUpdateToAPrivateAddressIsRefused() {
        JsonNode webhook = client.post(WEBHOOKS, Map.of("url", "https://203.0.114.1/hooks")).json();

        ApiClient.Response refused = client.patch(WEBHOOKS + webhook.get("id").asText() + "/",
                Map.of("url", "http://127.0.0.1/"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().has("url")).isTrue();
    }

    @Test
    void aBulkWriteRefusesEachItemWithAPrivateAddressUnderItsUrl() {
        ApiClient.Response refused = client.post(WEBHOOKS + "list/", List.of(Map.of("url", "https://203.0.114.1/"),
                Map.of("url", "http://localhost/hooks")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get(0).isEmpty()).isTrue();
        assertThat(refused.json().get(1).get("url").get(0).asText()).contains("non-public address");
    }

    @Test
    void aHostThatDoesNotResolveAtDeliveryIsGivenUpAfterTheWindowWithoutARequest() throws Exception {
        JsonNode webhook = client.post(WEBHOOKS, Map.of("url", "http://nothing-here.invalid/hooks")).json();
        client.post("/accounts/users/organization/organizationuser/", Map.of("last_name", "X", "detail_access", 1,
                "email", "x." + UUID.randomUUID() + "@example.se"));

        JsonNode current = Await.value("given up", Duration.ofSeconds(30), Await.REQUEST_POLL, () -> Optional.of(
                client.get(WEBHOOKS + webhook.get("id").asText() + "/").json())
                .filter(read -> "failed".equals(read.get("last_delivery_status").asText())));
        JsonNode delivery = client.get("/common/webhookdelivery/list/?webhook=" + webhook.get("id").asText()).json()
                .get(0);
        assertThat(delivery.get("status").asText()).isEqualTo("failed");
        assertThat(delivery.get("last_error").asText()).contains("does not resolve");
        assertThat(delivery.get("last_response_status").isNull()).isTrue();
        assertThat(current.get("consecutive_failures").asInt()).isGreaterThanOrEqualTo(2);
    }
}
