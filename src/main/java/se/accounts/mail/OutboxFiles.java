package se.accounts.mail;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport without an SMTP server: each message becomes an {@code .eml} file (RFC 822, opens in any mail
 * program) in the outbox directory, written to a temporary name and renamed so a reader never sees half a file.
 */
public final class OutboxFiles implements MailTransport {
    private static final Logger log = LoggerFactory.getLogger(OutboxFiles.class);

    private final Path directory;
    private final Session session = Session.getInstance(new Properties());

    public OutboxFiles(Path directory) {
        this.directory = directory;
    }

    @Override
    public MimeMessage newMessage() {
        return new MimeMessage(session);
    }

    @Override
    public void send(MimeMessage message) throws IOException, jakarta.mail.MessagingException {
        Files.createDirectories(directory);
        String name = message.getHeader(MailMessages.OUTBOX_ID_HEADER, null) + ".eml";
        Path partial = directory.resolve(name + ".part");
        try (OutputStream out = Files.newOutputStream(partial)) {
            message.writeTo(out);
        }
        Path file = directory.resolve(name);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        log.info("No SMTP server configured: mail written to {}", file);
    }
}
