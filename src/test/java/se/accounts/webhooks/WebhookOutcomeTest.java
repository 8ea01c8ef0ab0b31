package se.accounts.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.accounts.db.Database;
import se.accounts.entities.Organizations;
import se.accounts.entities.rules.HostResolver;
import se.accounts.entities.rules.WebhookAddress;
import se.accounts.events.EventWriter;
import se.accounts.support.Await;
import se.accounts.support.BackgroundPoolHold;
import se.accounts.support.OwnDatabase;
import se.accounts.support.WebhookReceiver;
import se.accounts.tenancy.ClientRegistry;

/**
 * The dispatcher records what became of a delivery it sent, even when the database is unavailable for a moment
 * right after the receiver answered, and only while its claim still holds the delivery. Runs on a database of its
 * own with no service, so no other dispatcher claims its deliveries, and with a background pool of one connection,
 * which the test can take away.
 */
class WebhookOutcomeTest {
    private final OwnDatabase own = new OwnDatabase("accounts-webhook-outcome");
    private final Database database = own.database();
    private final WebhookDispatcher dispatcher = new WebhookDispatcher(database.background(),
            new WebhookAddress(true, HostResolver.SYSTEM), Duration.ofSeconds(1),
            Duration.ofHours(24));

    @AfterEach
    void close() {
        dispatcher.close();
        own.close();
    }

    private UUID subscribedCustomerWithAnEvent(String url) {
        UUID customer = new ClientRegistry(database).create("Hook AB", Optional.empty(), List.of("*")).customerId();
        database.asOwner(sql -> sql.execute("insert into webhook (customer_id, id, url) values (?, ?, ?)", customer,
                UUID.randomUUID(), url));
        database.forCustomer(customer, session -> {
            EventWriter.created(session, Organizations.ORGANIZATION, UUID.randomUUID(), null);
            return null;
        });
        return customer;
    }

    private List<String> statuses() {
        return database.asOwner(sql -> sql.fetch("select status from webhook_delivery").getValues(0, String.class));
    }

    private void awaitNoDeliveryLeased() throws InterruptedException {
        Await.until("no delivery leased", Duration.ofSeconds(30), () -> database.asOwner(sql -> sql.fetchSingle(
                "select count(*) from webhook_delivery where status = 'pending' and lease_until > now()")
                .get(0, Long.class)) == 0);
    }

    @Test
    void aDeliveryWhoseRecordFindsTheDatabaseBusyIsRecordedAndNotSentAgain() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            subscribedCustomerWithAnEvent(receiver.url());
            AtomicBoolean first = new AtomicBoolean(true);
            receiver.onArrival(() -> {
                if (first.getAndSet(false)) {
                    BackgroundPoolHold.untilATransactionTimedOut(database, own.meters());
                }
            });

            dispatcher.queue();
            dispatcher.send();
            receiver.await(received -> received.size() == 1, Duration.ofSeconds(30));
            awaitNoDeliveryLeased();
            database.asOwner(sql -> sql.execute("update webhook_delivery set lease_until = now() - interval '1 second',"
                    + " next_attempt_at = now() - interval '1 second' where status = 'pending'"));
            int claimedAgain = dispatcher.send();

            assertThat(claimedAgain).isZero();
            assertThat(receiver.received()).hasSize(1);
            assertThat(BackgroundPoolHold.timeouts(own.meters())).isOne();
            assertThat(statuses()).containsExactly("delivered");
        }
    }

    @Test
    void aLateFailureLeavesTheOutcomeOfTheClaimThatTookTheDeliveryOver() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            subscribedCustomerWithAnEvent(receiver.url());
            receiver.answer(500);
            // Meanwhile this claim's lease ran out, and another instance claimed the delivery, delivered it and
            // recorded that.
            takenOverOnArrival(receiver, "update webhook_delivery set attempts = attempts + 1, status = 'delivered',"
                    + " lease_until = null, last_response_status = 204",
                    "update webhook set last_delivery_status = 'delivered', consecutive_failures = 0");

            sendOnceAndAwaitALateOutcome();

            assertThat(deliveryRow()).isEqualTo(List.of("delivered", 2, 204, false));
            List<Object> webhook = database.asOwner(sql -> sql.fetchSingle("select last_delivery_status,"
                    + " consecutive_failures from webhook").intoList());
            assertThat(webhook).isEqualTo(List.of("delivered", 0));
        }
    }

    @Test
    void aLateFailureLeavesTheLeaseOfTheClaimThatTookTheDeliveryOver() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            subscribedCustomerWithAnEvent(receiver.url());
            receiver.answer(500);
            // Another instance's claim, still sending: erasing its lease would let a third send the batch at once.
            takenOverOnArrival(receiver, "update webhook_delivery set attempts = attempts + 1,"
                    + " lease_until = now() + interval '1 minute'");

            sendOnceAndAwaitALateOutcome();

            assertThat(deliveryRow()).isEqualTo(Arrays.asList("pending", 2, null, true));
        }
    }

    @Test
    void aLateSuccessLeavesTheDeliveryToTheClaimThatTookItOver() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            subscribedCustomerWithAnEvent(receiver.url());
            takenOverOnArrival(receiver, "update webhook_delivery set attempts = attempts + 1,"
                    + " lease_until = now() + interval '1 minute'");

            sendOnceAndAwaitALateOutcome();

            assertThat(deliveryRow()).isEqualTo(Arrays.asList("pending", 2, null, true));
        }
    }

    /** Runs the {@code takeover} statements once the receiver has the delivery, before it answers. */
    private void takenOverOnArrival(WebhookReceiver receiver, String... takeover) {
        receiver.onArrival(() -> database.asOwner(sql -> {
            for (String statement : takeover) {
                sql.execute(statement);
            }
            return null;
        }));
    }

    private void sendOnceAndAwaitALateOutcome() throws InterruptedException {
        dispatcher.bindTo(own.meters());
        dispatcher.queue();
        assertThat(dispatcher.send()).isOne();
        Await.until("an outcome counted as late", Duration.ofSeconds(30), () -> own.meters()
                .counter("accounts.webhook.deliveries", "outcome", "late").count() == 1);
    }

    /** The delivery's status, attempts, last response status and whether it is leased. */
    private List<Object> deliveryRow() {
        return database.asOwner(sql -> sql.fetchSingle("select status, attempts, last_response_status,"
                + " lease_until is not null from webhook_delivery").intoList());
    }
}
