package se.accounts.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import se.accounts.entities.EntityCatalog;
import se.accounts.entities.Webhooks;
import se.accounts.entities.rules.HostResolver;
import se.accounts.entities.rules.WebhookAddress;
import se.accounts.json.Json;
import se.accounts.model.ServiceSettings;
import se.accounts.query.References;
import se.accounts.resource.EntityService;
import se.accounts.resource.Precondition;
import se.accounts.support.TestService;

/**
 * The address rule's DNS lookup at create and update happens before the write's transaction: no row lock (and no
 * pooled connection) waits on a name server. The subscriptions' own service, with a resolver that watches.
 */
class WebhookAddressLookupTest {
    private final TestService service = TestService.get();
    private final UUID customer = service.newCustomer().customerId();

    @Test
    void anUpdatesLookupHoldsNoLockOnTheSubscription() {
        AtomicReference<UUID> updating = new AtomicReference<>();
        List<String> lookups = new CopyOnWriteArrayList<>();
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
