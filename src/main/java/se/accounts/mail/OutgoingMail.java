package se.accounts.mail;

/** A message ready for a transport: one recipient, a subject, and the same text as plain text and as HTML. */
public record OutgoingMail(String recipient, String subject, String text, String html) {
}
