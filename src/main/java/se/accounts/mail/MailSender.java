package se.accounts.mail;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.accounts.db.Database;
import se.accounts.db.QueueMetrics;
import se.accounts.db.RetryWhileUnavailable;

/**
 * Delivers the mail outbox in the background. Each round claims due rows of every customer with
 * {@code FOR UPDATE SKIP LOCKED} and a lease (so instances never send one row at once, and a crashed instance's
 * claim runs out), composes each message, hands it to the transport, and records the outcome: sent, or a retry
 * after a delay that doubles with every attempt, until the attempts run out and the mail is marked failed. A
 * send is recorded only after the transport accepted it, so a crash in between can repeat a mail but never lose
 * one; once recorded it is never sent again. A record that finds the database unavailable (its background pool
 * busy, a restart) is tried again until the claim's lease runs out, since a claim left to lapse would send the mail
 * again; mail of the batch whose lease ran out meanwhile is left to the next claim.
 */
public final class MailSender implements AutoCloseable, MeterBinder {
    private static final Logger log = LoggerFactory.getLogger(MailSender.class);
    private static final int BATCH = 10;
    static final int MAX_ATTEMPTS = 10;
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration MAX_DELAY = Duration.ofHours(1);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Database database;
    private final MailTransport transport;
    private final String from;
    private final Map<String, MailComposer> composers;
    private final Duration retryDelay;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Thread worker;
    private volatile boolean running = true;
    private final QueueMetrics metrics;

    public MailSender(Database database, MailTransport transport, String from, Map<String, MailComposer> composers,
                      Duration retryDelay) {
        this.database = database;
        this.transport = transport;
        this.from = from;
        this.composers = Map.copyOf(composers);
        this.retryDelay = retryDelay;
        this.metrics = new QueueMetrics(database,
                new QueueMetrics.Depth("accounts.mail.outbox.queued", "Mail waiting in the outbox to be sent",
                        "select count(*) from mail_outbox where status = 'queued'"),
                new QueueMetrics.Outcomes("accounts.mail.deliveries", "Mail delivery attempts by outcome",
                        List.of("sent", "retry", "failed", "dropped")));
        this.worker = new Thread(this::run, "mail-sender");
        this.worker.setDaemon(true);
    }

    /** The outbox depth (queued mail of every customer) and the delivery outcomes: sent, retry, failed, dropped. */
    @Override
    public void bindTo(MeterRegistry registry) {
        metrics.bindTo(registry);
    }

    public void start() {
        worker.start();
    }

    /** Looks at the outbox now rather than at the next poll (after a transaction that queued mail committed). */
    public void wakeUp() {
        wakeUps.release();
    }

    private void run() {
        while (running) {
            int handled = 0;
            try {
                handled = deliverDueMail();
            } catch (RuntimeException e) {
                log.warn("Mail sender round failed; trying again shortly: {}", e.toString());
            }
            if (handled < BATCH) {
                try {
                    wakeUps.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** One round: claims up to a batch of due mail and delivers it. Answers how many rows were claimed. */
    int deliverDueMail() {
        Instant leaseEnd = Instant.now().plus(LEASE);
        List<QueuedMail> claimed = claim();
        for (QueuedMail mail : claimed) {
            if (Instant.now().isAfter(leaseEnd)) {
                break;
            }
            deliver(mail, leaseEnd);
        }
        return claimed.size();
    }

    private List<QueuedMail> claim() {
        return database.asOwner(sql -> sql.fetch(
                "update mail_outbox set lease_until = now() + make_interval(secs => ?), attempts = attempts + 1"
                        + " where (customer_id, id) in (select customer_id, id from mail_outbox"
                        + " where status = 'queued' and next_attempt_at <= now()"
                        + " and (lease_until is null or lease_until < now())"
                        + " order by next_attempt_at limit ? for update skip locked)"
                        + " returning customer_id, id, kind, reference_id, recipient, attempts",
                LEASE.toSeconds(), BATCH).map(MailSender::queued));
    }

    private static QueuedMail queued(Record row) {
        return new QueuedMail(row.get("customer_id", UUID.class), row.get("id", UUID.class),
                row.get("kind", String.class), row.get("reference_id", UUID.class), row.get("recipient", String.class),
                row.get("attempts", Integer.class));
    }

    private void deliver(QueuedMail mail, Instant leaseEnd) {
        Optional<OutgoingMail> message;
        try {
            MailComposer composer = composers.get(mail.kind());
            message = composer == null ? Optional.empty() : composer.compose(mail);
        } catch (RuntimeException e) {
            retryLater(mail, leaseEnd, "composing failed: " + e);
            return;
        }
        if (message.isEmpty()) {
            record(mail, leaseEnd, "failed",
                    "not sent: nothing to send any more (for example, the invitation was revoked)");
            metrics.count("dropped");
            log.info("Mail {} ({}) not sent: nothing to send any more", mail.id(), mail.kind());
            return;
        }
        try {
            transport.send(MailMessages.build(transport, from, mail.id(), message.get()));
        } catch (Exception e) {
            retryLater(mail, leaseEnd, e.toString());
            return;
        }
        record(mail, leaseEnd, "sent", null);
        metrics.count("sent");
        log.info("Mail {} ({}) sent on attempt {}", mail.id(), mail.kind(), mail.attempt());
    }

    private void retryLater(QueuedMail mail, Instant leaseEnd, String error) {
        if (mail.attempt() >= MAX_ATTEMPTS) {
            log.error("Mail {} ({}) failed for good after {} attempts: {}", mail.id(), mail.kind(), mail.attempt(),
                    error);
            record(mail, leaseEnd, "failed", error);
            metrics.count("failed");
            return;
        }
        Duration delay = retryDelay.multipliedBy(1L << Math.min(mail.attempt() - 1, 20));
        delay = delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
        log.warn("Mail {} ({}) not delivered on attempt {}; retrying in {} s: {}", mail.id(), mail.kind(),
                mail.attempt(), delay.toSeconds(), error);
        long delaySeconds = delay.toSeconds();
        metrics.count("retry");
        update(mail, leaseEnd, "retry", "update mail_outbox set lease_until = null, last_error = ?,"
                + " next_attempt_at = now() + make_interval(secs => ?) where customer_id = ? and id = ?"
                + " and status = 'queued'", error, delaySeconds, mail.customerId(), mail.id());
    }

    private void record(QueuedMail mail, Instant leaseEnd, String status, String error) {
        update(mail, leaseEnd, status, "update mail_outbox set status = ?, lease_until = null, last_error = ?,"
                + " sent_at = case when ? = 'sent' then now() end where customer_id = ? and id = ?"
                + " and status = 'queued'", status, error, status, mail.customerId(), mail.id());
    }

    /**
     * Records an outcome, tried again while the database is unavailable until the lease ends. Only a queued row
     * changes: an instance that took over a lapsed claim and recorded its own outcome keeps it.
     */
    private void update(QueuedMail mail, Instant leaseEnd, String outcome, String statement, Object... values) {
        RetryWhileUnavailable.until(leaseEnd, () -> running, "Recording mail " + mail.id() + " as " + outcome,
                () -> database.asOwner(sql -> sql.execute(statement, values)));
    }

    /** Stops after the mail being sent now, if any; unsent mail waits in the outbox for the next start. */
    @Override
    public void close() {
        running = false;
        wakeUps.release();
        try {
            worker.join(Duration.ofSeconds(20).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
