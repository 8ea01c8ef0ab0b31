package se.accounts.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;

/** Where composed messages go: an SMTP server, or files for a laptop without one. */
public interface MailTransport {
    /** A message to fill and hand to {@link #send}. */
    MimeMessage newMessage();

    void send(MimeMessage message) throws MessagingException, IOException;
}
