package se.accounts.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.accounts.Config;
import se.accounts.db.Database;
import se.accounts.support.BackgroundPoolHold;
import se.accounts.support.Mailbox;
import se.accounts.support.OwnDatabase;
import se.accounts.tenancy.ClientRegistry;

/**
 * The sender records what became of a mail it sent, even when the database is unavailable for a moment right after
 * the message went out. Runs on a database of its own with no service, so no other sender claims its mail, and with
 * a background pool of one connection, which the test can take away.
 */
class MailSenderTest {
    private static final String KIND = "test";
    private static final String RECIPIENT = "once@example.se";

    private final Mailbox mailbox = new Mailbox();
    private final OwnDatabase own = new OwnDatabase("accounts-mail-sender");
    private final Database database = own.database();

    @AfterEach
    void close() {
        own.close();
        mailbox.close();
    }

    private SmtpServer smtp() {
        return new SmtpServer(new Config.Smtp("127.0.0.1",
                Integer.parseInt(mailbox.environment().get("ACCOUNTS_SMTP_PORT")), "", "", false));
    }

    /**
     * Sends through {@code smtp}; after the first message went out, other background work takes the pool's only
     * connection and keeps it until a transaction has waited for it in vain (the pool's timeout).
     */
    private MailTransport poolBusyAfterTheFirstSend(MailTransport smtp) {
        AtomicBoolean first = new AtomicBoolean(true);
        return new MailTransport() {
            @Override
            public MimeMessage newMessage() {
                return smtp.newMessage();
            }

            @Override
            public void send(MimeMessage message) throws MessagingException, IOException {
                smtp.send(message);
                if (first.getAndSet(false)) {
                    BackgroundPoolHold.untilATransactionTimedOut(database, own.meters());
                }
            }
        };
    }

    private void expireTheLeases() {
        database.asOwner(sql -> sql.execute("update mail_outbox set lease_until = now() - interval '1 second'"
                + " where lease_until is not null"));
    }

    private List<String> statuses() {
        return database.asOwner(sql -> sql.fetch("select status from mail_outbox").getValues(0, String.class));
    }

    @Test
    void aSentMailWhoseRecordFindsTheDatabaseBusyIsRecordedAndNotSentAgain() {
        UUID customer = new ClientRegistry(database).create("Mail AB", Optional.empty(), List.of("*")).customerId();
        database.forCustomer(customer, session -> {
            MailOutbox.enqueue(session, KIND, UUID.randomUUID(), RECIPIENT);
            return null;
        });
        MailSender sender = new MailSender(database.background(), poolBusyAfterTheFirstSend(smtp()),
                "accounts@example.se", Map.of(KIND, mail -> Optional.of(new OutgoingMail(mail.recipient(), "Once",
                        "Sent once.", "<p>Sent once.</p>"))), Duration.ofSeconds(1));

        Throwable firstRound = catchThrowable(sender::deliverDueMail);
        expireTheLeases();
        sender.deliverDueMail();

        assertThat(mailbox.messagesTo(RECIPIENT)).hasSize(1);
        assertThat(firstRound).isNull();
        assertThat(BackgroundPoolHold.timeouts(own.meters())).isOne();
        assertThat(statuses()).containsExactly("sent");
    }
}
