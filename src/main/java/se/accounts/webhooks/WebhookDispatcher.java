package se.accounts.webhooks;

import com.fasterxml.jackson.core.type.TypeReference;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.accounts.db.Database;
import se.accounts.db.QueueMetrics;
import se.accounts.db.RetryWhileUnavailable;
import se.accounts.db.SqlWork;
import se.accounts.entities.EventLog;
import se.accounts.entities.rules.WebhookAddress;
import se.accounts.query.EntitySql;
import se.accounts.json.Json;
import se.accounts.resource.ObjectJson;

/**
 * Delivers events to webhook subscriptions in the background, on every instance at once.
 *
 * <p>Each round first <b>queues</b>: for every active subscription without a pending delivery (claimed with
 * {@code FOR UPDATE SKIP LOCKED} in a transaction of its customer), the next matching events after its cursor, at
 * most 100 in sequence order, become one delivery row, and the cursor moves past them. The event log's sync
 * guarantee means the cursor never passes an event that is not yet visible. Because a subscription has at most one pending delivery
 * (a unique index), its next batch waits until the previous one was delivered or given up: batches stay in order.
 *
 * <p>Then it <b>sends</b>: due pending deliveries are claimed with {@code FOR UPDATE SKIP LOCKED} and a lease longer
 * than the subscription's timeout, so two instances never send one delivery at once, and an instance that dies
 * mid-send leaves a delivery that another sends again when the lease runs out (at least once; receivers
 * deduplicate by event id). The outcome is recorded after the answer: delivered on a 2xx; otherwise retried after a
 * delay doubling from ACCOUNTS_WEBHOOK_RETRY_SECONDS (at most an hour), and given up (failed) once the delivery is
 * older than the give-up window (24 hours). Redirects are not followed, and the address rule is checked again
 * by the resolution each connection is made with ({@link WebhookPost}).
 *
 * <p>An outcome is recorded only while the claim still holds the delivery by the database's clock: the row is
 * pending, with the lease this claim set (its attempt count) not yet run out. An outcome arriving later (the
 * database was unavailable until the lease ran out, and another claim may have sent the batch again and recorded
 * its own outcome) changes nothing; it is logged and counted as {@code late}. Every comparison with a time stored
 * in the database is made in SQL with {@code now()}, so the service's and the database's clocks never meet.
 */
public final class WebhookDispatcher implements AutoCloseable, MeterBinder {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    static final int MAX_BATCH = 100;
    private static final int SCAN = 1000;
    /** Customers per round, and subscriptions per customer: bounds a round and each customer's transaction. */
    private static final int ROUND_SIZE = 50;
    /** An active subscription {@code w} without a pending delivery and with events after its cursor. */
    private static final String QUEUEABLE = "w.is_active"
            + " and not exists (select 1 from webhook_delivery d where d.customer_id = w.customer_id"
            + " and d.webhook_id = w.id and d.status = 'pending')"
            + " and exists (select 1 from event_log e where e.customer_id = w.customer_id"
            + " and e.sequence > w.last_queued_sequence)";
    static final int SENDERS = 8;
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);
    private static final Duration MAX_DELAY = Duration.ofHours(1);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    /**
     * The delivery {@code (customer_id, id)} while the claim that made attempt {@code ?} holds it: every claim
     * counts an attempt as it sets the lease, so a later claim's lease carries a higher count.
     */
    private static final String HELD = "customer_id = ? and id = ? and status = 'pending' and attempts = ?"
            + " and lease_until > now()";

    private final Database database;
    private final Duration retryDelay;
    private final Duration giveUp;
    private final int roundSize;
    private final WebhookPost post;
    private final EntitySql.Selection eventSelection = EntitySql.selection(EventLog.EVENT_LOG,
            EventLog.EVENT_LOG.attributes());
    private final ObjectJson eventJson = new ObjectJson(eventSelection);
    private final Semaphore freeSenders = new Semaphore(SENDERS);
    private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS, runnable -> {
        Thread thread = new Thread(runnable, "webhook-sender");
        thread.setDaemon(true);
        return thread;
    });
    private final Thread worker;
    private volatile boolean running = true;
    private final QueueMetrics metrics;

    /**
     * A claimed delivery. {@code recordBy} is when its lease ends by this JVM's clock, counted from before the
     * claim (so not after the database's lease ends): how long an unavailable database is waited for.
     */
    private record Claimed(UUID customerId, UUID id, UUID webhookId, UUID[] eventIds, int attempt, String url,
                           String secret, int timeoutSeconds, Instant recordBy) {
    }

    public WebhookDispatcher(Database database, WebhookAddress address, Duration retryDelay, Duration giveUp) {
        this(database, address, retryDelay, giveUp, ROUND_SIZE);
    }

    /** With {@code roundSize} customers per round and subscriptions per customer (tests make rounds small). */
    WebhookDispatcher(Database database, WebhookAddress address, Duration retryDelay, Duration giveUp,
                      int roundSize) {
        this.database = database;
        this.post = new WebhookPost(address);
        this.retryDelay = retryDelay;
        this.giveUp = giveUp;
        this.roundSize = roundSize;
        this.metrics = new QueueMetrics(database,
                new QueueMetrics.Depth("accounts.webhook.deliveries.pending", "Webhook deliveries waiting to be sent",
                        "select count(*) from webhook_delivery where status = 'pending'"),
                new QueueMetrics.Outcomes("accounts.webhook.deliveries", "Webhook delivery attempts by outcome",
                        List.of("delivered", "retry", "failed", "late")));
        this.worker = new Thread(this::run, "webhook-dispatcher");
        this.worker.setDaemon(true);
    }

    /**
     * The queue depth (pending deliveries of every customer) and the delivery outcomes: delivered, retry, failed,
     * and late (an outcome that came after the claim's lease and was not recorded).
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        metrics.bindTo(registry);
    }

    public void start() {
        worker.start();
    }

    private void run() {
        while (running) {
            try {
                queue();
                send();
            } catch (RuntimeException e) {
                log.warn("Webhook dispatcher round failed; trying again shortly: {}", e.toString());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Turns new matching events into delivery rows, one pending batch per subscription at most. Each customer's
     * subscriptions are queued in a transaction of that customer, so one customer's failure or lock holds back no
     * other's; within it they are claimed skipping those another instance holds. A round takes a bounded number of
     * customers and of subscriptions per customer, those whose turn ({@code queued_at}) is oldest first, so the
     * rounds rotate through all of them however many stay queueable. A customer whose queueing fails takes its
     * turn all the same: otherwise it would stay first and, with enough such customers, hold back every other.
     */
    void queue() {
        List<UUID> customers = database.asOwner(sql -> sql.fetch("select w.customer_id from webhook w where "
                + QUEUEABLE + " group by w.customer_id order by min(w.queued_at), w.customer_id limit ?", roundSize)
                .getValues(0, UUID.class));
        for (UUID customer : customers) {
            try {
                database.forCustomer(customer, session -> {
                    for (Record webhook : session.sql().fetch("select w.customer_id, w.id, w.last_queued_sequence,"
                            + " w.event_identifiers::text as patterns from webhook w where w.customer_id = ? and "
                            + QUEUEABLE + " order by w.queued_at, w.id limit ? for update of w skip locked", customer,
                            roundSize)) {
                        queueBatch(session.sql(), webhook);
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                log.warn("Queueing the webhook deliveries of customer {} failed; trying again shortly: {}", customer,
                        e.toString());
                takeTurn(customer);
            }
        }
    }

    /** Moves a customer whose queueing failed to the end of the rotation; if that fails too, the round goes on. */
    private void takeTurn(UUID customer) {
        try {
            database.forCustomer(customer, session -> session.sql().execute("update webhook w set queued_at = now()"
                    + " where w.customer_id = ? and " + QUEUEABLE, customer));
        } catch (RuntimeException e) {
            log.warn("Moving customer {} to the end of the webhook rotation failed: {}", customer, e.toString());
        }
    }

    private void queueBatch(DSLContext sql, Record webhook) {
        UUID customer = webhook.get("customer_id", UUID.class);
        UUID id = webhook.get("id", UUID.class);
        EventPatterns patterns = new EventPatterns(patternsOf(webhook.get("patterns", String.class)));
        List<UUID> batch = new ArrayList<>();
        long first = 0;
        long cursor = webhook.get("last_queued_sequence", Long.class);
        for (Record event : sql.fetch("select id, sequence, event_identifier from event_log where customer_id = ?"
                + " and sequence > ? order by sequence limit ?", customer, cursor, SCAN)) {
            long sequence = event.get("sequence", Long.class);
            if (patterns.matches(event.get("event_identifier", String.class))) {
                first = batch.isEmpty() ? sequence : first;
                batch.add(event.get("id", UUID.class));
            }
            cursor = sequence;
            if (batch.size() == MAX_BATCH) {
                break;
            }
        }
        if (!batch.isEmpty()) {
            sql.execute("insert into webhook_delivery (customer_id, id, webhook_id, event_ids, first_sequence,"
                            + " last_sequence, event_count) values (?, ?, ?, ?, ?, ?, ?)", customer,
                    se.accounts.db.Ids.next(), id, batch.toArray(UUID[]::new), first, cursor, batch.size());
        }
        sql.execute("update webhook set last_queued_sequence = ?, queued_at = now() where customer_id = ? and id = ?",
                cursor, customer, id);
    }

    private static List<String> patternsOf(String json) {
        try {
            return Json.MAPPER.readValue(json, STRINGS);
        } catch (IOException e) {
            throw new IllegalStateException("event_identifiers is always a JSON array of strings", e);
        }
    }

    /** Claims as many due deliveries as there are free senders and hands them over; answers how many. */
    int send() {
        int free = freeSenders.availablePermits();
        if (free == 0) {
            return 0;
        }
        List<Claimed> claimed = claim(free);
        for (Claimed delivery : claimed) {
            freeSenders.acquireUninterruptibly();
            senders.execute(() -> {
                try {
                    deliver(delivery);
                } catch (RuntimeException e) {
                    log.warn("Webhook delivery {} could not be recorded: {}", delivery.id(), e.toString());
                } finally {
                    freeSenders.release();
                }
            });
        }
        return claimed.size();
    }

    private List<Claimed> claim(int limit) {
        Instant claimedAt = Instant.now();
        return database.asOwner(sql -> sql.fetch("update webhook_delivery d set attempts = d.attempts + 1,"
                        + " last_attempt_at = now(), lease_until = now() + make_interval(secs => w.timeout_seconds + ?)"
                        + " from webhook w where w.customer_id = d.customer_id and w.id = d.webhook_id"
                        // Only deliveries of active subscriptions are picked: a switched-off subscription's pending
                        // batch stays due, oldest of all, and would otherwise take the claims every round.
                        + " and (d.customer_id, d.id) in (select p.customer_id, p.id from webhook_delivery p"
                        + " join webhook a on a.customer_id = p.customer_id and a.id = p.webhook_id and a.is_active"
                        + " where p.status = 'pending' and p.next_attempt_at <= now()"
                        + " and (p.lease_until is null or p.lease_until < now())"
                        + " order by p.next_attempt_at limit ? for update of p skip locked)"
                        + " returning d.customer_id, d.id, d.webhook_id, d.event_ids, d.attempts,"
                        + " w.url, w.secret, w.timeout_seconds", LEASE_MARGIN.toSeconds(), limit)
                .map(row -> {
                    int timeoutSeconds = row.get("timeout_seconds", Integer.class);
                    return new Claimed(row.get("customer_id", UUID.class), row.get("id", UUID.class),
                            row.get("webhook_id", UUID.class), row.get("event_ids", UUID[].class),
                            row.get("attempts", Integer.class), row.get("url", String.class),
                            row.get("secret", String.class), timeoutSeconds,
                            claimedAt.plusSeconds(timeoutSeconds).plus(LEASE_MARGIN));
                }));
    }

    private void deliver(Claimed delivery) {
        if (WebhookAddress.host(delivery.url()).isEmpty()) {
            failed(delivery, null, "not sent: " + WebhookAddress.FORM);
            return;
        }
        byte[] body = body(delivery);
        long now = System.currentTimeMillis() / 1000;
        WebhookPost.Outcome outcome;
        try {
            outcome = post.send(delivery.url(), Map.of(
                    "X-Accounts-Webhook-Id", delivery.webhookId().toString(),
                    "X-Accounts-Delivery-Id", delivery.id().toString(),
                    Signature.HEADER, Signature.header(delivery.secret(), now, body)),
                    body, Duration.ofSeconds(delivery.timeoutSeconds()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (outcome.delivered()) {
            delivered(delivery, outcome.status());
        } else if (outcome.status() == null) {
            failed(delivery, null, outcome.error());
        } else {
            int status = outcome.status();
            failed(delivery, status, status >= 300 && status < 400 ? "redirect not followed (" + status + ")"
                    : "answered " + status);
        }
    }

    /** The events as the event log shows them, read in the customer's own transaction. */
    private byte[] body(Claimed delivery) {
        return database.forCustomer(delivery.customerId(), session -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write('[');
            var table = EntitySql.table(EventLog.EVENT_LOG);
            boolean firstEvent = true;
            for (Record row : session.sql().select(eventSelection.fields()).from(table).where(session.owns(table))
                    .and(EntitySql.id(EventLog.EVENT_LOG).in(delivery.eventIds()))
                    .orderBy(EntitySql.column(EventLog.EVENT_LOG, EventLog.EVENT_LOG.require("sequence")))
                    .fetch()) {
                if (!firstEvent) {
                    out.write(',');
                }
                firstEvent = false;
                out.writeBytes(eventJson.toBytes(row));
            }
            out.write(']');
            return out.toByteArray();
        });
    }

    private void delivered(Claimed delivery, int status) {
        boolean recorded = recordOutcome(delivery, sql -> {
            if (sql.execute("update webhook_delivery set status = 'delivered', lease_until = null,"
                    + " last_response_status = ?, last_error = null where " + HELD, status, delivery.customerId(),
                    delivery.id(), delivery.attempt()) == 0) {
                return false;
            }
            sql.execute("update webhook set last_delivery_at = now(), last_delivery_status = 'delivered',"
                    + " consecutive_failures = 0 where customer_id = ? and id = ?", delivery.customerId(),
                    delivery.webhookId());
            return true;
        });
        if (recorded) {
            metrics.count("delivered");
        } else {
            late(delivery, "delivered (" + status + ")");
        }
    }

    /**
     * Retries the delivery after the doubling delay, or gives it up (failed) once it is older than the give-up
     * window, both decided by the database's clock.
     */
    private void failed(Claimed delivery, Integer status, String error) {
        Duration delay = retryDelay.multipliedBy(1L << Math.min(delivery.attempt() - 1, 20));
        long delaySeconds = (delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay).toSeconds();
        Optional<String> recorded = recordOutcome(delivery, sql -> {
            Optional<String> outcome = sql.fetchOptional("update webhook_delivery set status = case"
                            + " when created_at < now() - make_interval(secs => ?) then 'failed' else 'pending' end,"
                            + " lease_until = null, last_response_status = ?, last_error = left(?, 255),"
                            + " next_attempt_at = now() + make_interval(secs => ?) where " + HELD
                            + " returning status", giveUp.toSeconds(), status, error, delaySeconds,
                    delivery.customerId(), delivery.id(), delivery.attempt())
                    .map(row -> row.get(0, String.class).equals("failed") ? "failed" : "retrying");
            outcome.ifPresent(latest -> sql.execute("update webhook set last_delivery_at = now(),"
                            + " last_delivery_status = ?, consecutive_failures = consecutive_failures + 1"
                            + " where customer_id = ? and id = ?", latest, delivery.customerId(),
                    delivery.webhookId()));
            return outcome;
        });
        if (recorded.isEmpty()) {
            late(delivery, "failed (" + error + ")");
            return;
        }
        boolean givenUp = recorded.get().equals("failed");
        log.warn("Webhook delivery {} attempt {} failed ({}); {}", delivery.id(), delivery.attempt(), error,
                givenUp ? "given up" : "retrying in " + delaySeconds + " s");
        metrics.count(givenUp ? "failed" : "retry");
    }

    /** An outcome that came after the claim lost the delivery: whatever the delivery's next claim records stands. */
    private void late(Claimed delivery, String outcome) {
        log.warn("Webhook delivery {} attempt {} {}, too late to be recorded: its lease had run out, so the"
                + " delivery's next claim decides", delivery.id(), delivery.attempt(), outcome);
        metrics.count("late");
    }

    /**
     * Records what became of a sent delivery, again while the database is unavailable, until the claim's lease
     * runs out: given up earlier, the lease would lapse and the batch be sent a second time.
     */
    private <T> T recordOutcome(Claimed delivery, SqlWork<T> record) {
        return RetryWhileUnavailable.until(delivery.recordBy(), () -> running,
                "Recording webhook delivery " + delivery.id(), () -> database.asOwner(record));
    }

    /** Stops claiming; deliveries being sent finish (or their lease runs out and another instance sends them). */
    @Override
    public void close() {
        running = false;
        worker.interrupt();
        senders.shutdown();
        try {
            senders.awaitTermination(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        post.close();
    }
}
