package se.accounts.mail;

import java.util.UUID;

/** An outbox row claimed for sending: what kind of mail, about which object, to whom, and which attempt this is. */
public record QueuedMail(UUID customerId, UUID id, String kind, UUID referenceId, String recipient, int attempt) {
}
