package se.accounts.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.accounts.db.Database;
import se.accounts.db.Ids;
import se.accounts.entities.Organizations;
import se.accounts.entities.rules.HostResolver;
import se.accounts.entities.rules.WebhookAddress;
import se.accounts.events.EventWriter;
import se.accounts.support.OwnDatabase;
import se.accounts.support.WebhookReceiver;
import se.accounts.tenancy.ClientRegistry;

/**
 * What the dispatcher claims for sending. Runs on a database of its own with no service, so only this dispatcher
 * claims.
 */
class WebhookClaimTest {
    private final OwnDatabase own = new OwnDatabase("accounts-webhook-claim");
    private final Database database = own.database();
    private final WebhookDispatcher dispatcher = new WebhookDispatcher(database.background(),
            new WebhookAddress(true, HostResolver.SYSTEM), Duration.ofSeconds(1), Duration.ofHours(24));

    @AfterEach
    void close() {
        dispatcher.close();
        own.close();
    }

    private UUID subscribe(UUID customer, String url) {
        UUID webhook = Ids.next();
        database.asOwner(sql -> sql.execute("insert into webhook (customer_id, id, url) values (?, ?, ?)", customer,
                webhook, url));
        return webhook;
    }

    private void anEvent(UUID customer) {
        database.forCustomer(customer, session -> {
            EventWriter.created(session, Organizations.ORGANIZATION, UUID.randomUUID(), null);
            return null;
        });
    }

    /**
     * A subscription switched off while a batch of it was pending keeps that batch pending (it is sent when the
     * subscription is switched on again), due since long before any newer delivery. More such batches than there
     * are senders must not take every claim and leave the active subscriptions' deliveries unsent.
     */
    @Test
    void pendingBatchesOfInactiveSubscriptionsHoldBackNoActiveSubscription() {
        UUID customer = new ClientRegistry(database).create("Claim AB", Optional.empty(), List.of("*")).customerId();
        for (int i = 0; i < WebhookDispatcher.SENDERS; i++) {
            subscribe(customer, "https://paused.example.com/" + i);
        }
        anEvent(customer);
        dispatcher.queue();
        database.asOwner(sql -> sql.execute("update webhook set is_active = false where customer_id = ?", customer));
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            subscribe(customer, receiver.url());
            anEvent(customer);
            dispatcher.queue();

            int claimed = dispatcher.send();

            assertThat(claimed).isOne();
            receiver.await(received -> received.size() == 1, Duration.ofSeconds(30));
        }
    }
}
