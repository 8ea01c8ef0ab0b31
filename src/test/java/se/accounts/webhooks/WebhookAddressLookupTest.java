package se.accounts.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.accounts.entities.EntityCatalog;
import se.accounts.entities.Webhooks;
import se.accounts.entities.rules.HostResolver;
import se.accounts.entities.rules.WebhookAddress;
import se.accounts.http.EntityRoutes;
import se.accounts.http.HttpServer;
import se.accounts.json.Json;
import se.accounts.model.ServiceSettings;
import se.accounts.query.References;
import se.accounts.resource.EntityService;
import se.accounts.resource.Precondition;
import se.accounts.support.ApiClient;
import se.accounts.support.TestService;
import se.accounts.tenancy.ClientVerifier;

/**
 * The address rule's DNS lookup at create and update happens before the write's transaction: no row lock (and no
 * pooled connection) waits on a name server; and after the cheaper checks: a URL of the wrong form is refused
 * without one, and a replayed Idempotency-Key makes none. The subscriptions' own service (and routes, for the
 * tests through HTTP), with a resolver that watches.
 */
class WebhookAddressLookupTest {
    private static final String WEBHOOKS = "/common/webhook/";

    private final TestService service = TestService.get();
    private final UUID customer = service.newCustomer().customerId();
    private final List<String> lookups = new CopyOnWriteArrayList<>();
    private HttpServer http;

    @AfterEach
    void stop() {
        if (http != null) {
            http.stop();
        }
    }

    /** A client of a new customer, served the webhook routes with a resolver that records each lookup. */
    private ApiClient clientOfWatchedRoutes() {
        HostResolver recording = host -> {
            lookups.add(host);
            return List.of(InetAddress.getByName("203.0.113.9"));
        };
        EntityService webhooks = new EntityService(Webhooks.WEBHOOK, service.database(),
                new References(EntityCatalog.ALL), List.of(), ServiceSettings.of(new WebhookAddress(false, recording)));
        http = HttpServer.create(service.config(), service.database(), new ClientVerifier(service.database()),
                Json.MAPPER, List.of(new EntityRoutes(List.of(webhooks), service.database())), Optional.empty());
        http.start("127.0.0.1", 0);
        return ApiClient.of("http://127.0.0.1:" + http.port(), service.newCredentials());
    }

    @Test
    void aUrlOfTheWrongFormGetsThePatternsMessageWithoutALookup() {
        ApiClient client = clientOfWatchedRoutes();

        ApiClient.Response refused = client.post(WEBHOOKS, Map.of("url", "https://hooks.example.com/a b"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("url").get(0).asText()).isEqualTo(WebhookAddress.FORM);
        assertThat(lookups).isEmpty();
    }

    @Test
    void aReplayedCreateLooksTheHostUpOnlyTheFirstTime() {
        ApiClient client = clientOfWatchedRoutes().withHeader("Idempotency-Key", UUID.randomUUID().toString());
        Map<String, String> body = Map.of("url", "https://once.example/hooks");

        ApiClient.Response first = client.post(WEBHOOKS, body);
        ApiClient.Response replayed = client.post(WEBHOOKS, body);

        assertThat(replayed.status()).isEqualTo(first.status()).isEqualTo(201);
        assertThat(replayed.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(lookups).containsExactly("once.example");
    }

    @Test
    void aReplayedBulkWriteLooksTheHostsUpOnlyTheFirstTime() {
        ApiClient client = clientOfWatchedRoutes().withHeader("Idempotency-Key", UUID.randomUUID().toString());
        List<Map<String, String>> body = List.of(Map.of("url", "https://one.example/hooks"),
                Map.of("url", "https://two.example/hooks"));

        ApiClient.Response first = client.post(WEBHOOKS + "list/", body);
        ApiClient.Response replayed = client.post(WEBHOOKS + "list/", body);

        assertThat(replayed.status()).isEqualTo(first.status()).isEqualTo(201);
        assertThat(replayed.body()).isEqualTo(first.body());
        assertThat(lookups).containsExactlyInAnyOrder("one.example", "two.example");
    }

    @Test
    void anUpdatesLookupHoldsNoLockOnTheSubscription() {
        AtomicReference<UUID> updating = new AtomicReference<>();
        List<String> lockedDuringLookup = new CopyOnWriteArrayList<>();
        HostResolver watching = host -> {
            lookups.add(host);
            UUID id = updating.get();
            if (id != null && !lockable(id)) {
                lockedDuringLookup.add(host);
            }
            return List.of(InetAddress.getByName("203.0.113.9"));
        };
        EntityService webhooks = new EntityService(Webhooks.WEBHOOK, service.database(),
                new References(EntityCatalog.ALL), List.of(), ServiceSettings.of(new WebhookAddress(false, watching)));
        UUID id = webhooks.create(customer, url("https://first.example/hooks")).id();
        updating.set(id);

        webhooks.update(customer, id, url("https://second.example/hooks"), Precondition.NONE);

        assertThat(lookups).containsExactly("first.example", "second.example");
        assertThat(lockedDuringLookup).isEmpty();
    }

    private boolean lockable(UUID id) {
        try {
            service.database().asOwner(sql -> sql.fetch("select 1 from webhook where customer_id = ? and id = ?"
                    + " for update nowait", customer, id));
            return true;
        } catch (DataAccessException locked) {
            return false;
        }
    }

    private static JsonNode url(String url) {
        return Json.MAPPER.createObjectNode().put("url", url);
    }
}
