package se.accounts.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import se.accounts.Config;

/** Sends through the configured SMTP server, with timeouts so a hanging server cannot stall the sender. */
public final class SmtpServer implements MailTransport {
    private static final String TIMEOUT_MILLIS = "10000";

    private final Config.Smtp smtp;
    private final Session session;

    public SmtpServer(Config.Smtp smtp) {
        this.smtp = smtp;
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", Integer.toString(smtp.port()));
        properties.put("mail.smtp.auth", Boolean.toString(!smtp.user().isEmpty()));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(smtp.startTls()));
        properties.put("mail.smtp.starttls.required", Boolean.toString(smtp.startTls()));
        properties.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.timeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
        this.session = Session.getInstance(properties);
    }

    @Override
    public MimeMessage newMessage() {
        return new MimeMessage(session);
    }

    @Override
    public void send(MimeMessage message) throws MessagingException {
        if (smtp.user().isEmpty()) {
            Transport.send(message);
        } else {
            Transport.send(message, smtp.user(), smtp.password());
        }
    }
}
