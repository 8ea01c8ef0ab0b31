package se.accounts.mail;

import java.util.Optional;

/**
 * Writes the message for one kind of queued mail at the moment it is sent (so secrets such as an invitation's
 * token never wait in the outbox). Empty when the mail is no longer wanted (its invitation was revoked, say).
 */
@FunctionalInterface
public interface MailComposer {
    Optional<OutgoingMail> compose(QueuedMail mail);
}
