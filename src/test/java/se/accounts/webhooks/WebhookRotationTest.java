package se.accounts.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
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
import se.accounts.tenancy.ClientRegistry;

/**
 * Queueing rotates: a round takes a bounded number of customers (and of subscriptions per customer), and the
 * rounds reach every one of them even when all stay queueable, each round's deliveries being delivered and new
 * events arriving before the next. Runs on a database of its own with no service, so only this dispatcher queues,
 * with two customers (and subscriptions) per round.
 */
class WebhookRotationTest {
    private static final int ROUND_SIZE = 2;

    private final OwnDatabase own = new OwnDatabase("accounts-webhook-rotation");
    private final Database database = own.database();
    private final WebhookDispatcher dispatcher = new WebhookDispatcher(database.background(),
            new WebhookAddress(true, HostResolver.SYSTEM), Duration.ofSeconds(1), Duration.ofHours(24),
            ROUND_SIZE);

    @AfterEach
    void close() {
        dispatcher.close();
        own.close();
    }

    private UUID customer() {
        return new ClientRegistry(database).create("Rotation " + UUID.randomUUID(), Optional.empty(), List.of("*")).customerId();
    }

    private UUID subscribe(UUID customer) {
        UUID webhook = Ids.next();
        database.asOwner(sql -> sql.execute("insert into webhook (customer_id, id, url) values (?, ?, ?)", customer,
                webhook, "https://hooks.example.com/"));
        return webhook;
    }

    private void anEvent(UUID customer) {
        database.forCustomer(customer, session -> {
            EventWriter.created(session, Organizations.ORGANIZATION, UUID.randomUUID(), null);
            return null;
        });
    }

    /** Queues, then delivers what was queued and gives every customer a new event: all stay queueable. */
    private void round(List<UUID> customers) {
        dispatcher.queue();
        database.asOwner(sql -> sql.execute("update webhook_delivery set status = 'delivered'"
                + " where status = 'pending'"));
        customers.forEach(this::anEvent);
    }

    private long queued(String column) {
        return database.asOwner(sql -> sql.fetchSingle("select count(distinct " + column + ") from webhook_delivery")
                .get(0, Long.class));
    }

    @Test
    void everyCustomerIsQueuedWithinAsManyRoundsAsBatchesOfCustomers() {
        List<UUID> customers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID customer = customer();
            subscribe(customer);
            anEvent(customer);
            customers.add(customer);
        }

        for (int round = 0; round < 3; round++) {
            round(customers);
        }

        assertThat(queued("customer_id")).isEqualTo(5);
    }

    @Test
    void everySubscriptionOfACustomerIsQueuedWithinAsManyRoundsAsBatchesOfSubscriptions() {
        UUID customer = customer();
        for (int i = 0; i < 5; i++) {
            subscribe(customer);
        }
        anEvent(customer);

        for (int round = 0; round < 3; round++) {
            round(List.of(customer));
        }

        assertThat(queued("webhook_id")).isEqualTo(5);
    }

    @Test
    void customersWhoseQueueingFailsHoldBackNoOtherCustomer() {
        List<UUID> customers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID customer = customer();
            UUID webhook = subscribe(customer);
            if (i < ROUND_SIZE) {
                // Patterns that are not a list of strings make queueing this subscription throw, every round.
                database.asOwner(sql -> sql.execute("update webhook set event_identifiers = '{}'::jsonb"
                        + " where customer_id = ? and id = ?", customer, webhook));
            }
            anEvent(customer);
            customers.add(customer);
        }

        round(customers);
        round(customers);

        assertThat(queued("customer_id")).isOne();
    }
}
