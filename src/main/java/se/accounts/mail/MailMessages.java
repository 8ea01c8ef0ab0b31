package se.accounts.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.UUID;

/** Builds the MIME message of an outgoing mail: multipart/alternative with a plain-text and an HTML part. */
final class MailMessages {
    /** Names the outbox row in the message, for tracing a delivered mail back to it. */
    static final String OUTBOX_ID_HEADER = "X-Accounts-Outbox-Id";

    private MailMessages() {
    }

    static MimeMessage build(MailTransport transport, String from, UUID outboxId, OutgoingMail mail)
            throws MessagingException {
        MimeMessage message = transport.newMessage();
        message.setFrom(new InternetAddress(from));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(mail.recipient()));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        message.setHeader(OUTBOX_ID_HEADER, outboxId.toString());
        message.setContent(new MimeMultipart("alternative", part(mail.text(), "plain"), part(mail.html(), "html")));
        message.saveChanges();
        return message;
    }

    /**
     * Sent as 8-bit UTF-8 rather than quoted-printable, so that the link stays on one line in the raw message (an
     * {@code .eml} file opened in a text editor); every line is far below SMTP's 998-character limit.
     */
    private static MimeBodyPart part(String content, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content, StandardCharsets.UTF_8.name(), subtype);
        part.setHeader("Content-Transfer-Encoding", "8bit");
        return part;
    }
}
