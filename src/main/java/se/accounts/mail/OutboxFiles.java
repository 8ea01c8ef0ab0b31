package se.accounts.mail;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport without an SMTP server: each message becomes an {@code .eml} file (RFC 822, opens in any mail
 * program) in the outbox directory, written to a temporary name and renamed so a reader never sees half a file.
 *
 * <p>A message holds an invitation's acceptance link, which sets a password for whoever opens it first, so only
 * the service's OS user may read them: files are created 0600 and the directory 0700 (a directory that already
 * exists with wider permissions is tightened), on file systems that have POSIX permissions.
 */
public final class OutboxFiles implements MailTransport {
    private static final Logger log = LoggerFactory.getLogger(OutboxFiles.class);
    static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

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
        boolean posix = prepareDirectory();
        String name = message.getHeader(MailMessages.OUTBOX_ID_HEADER, null) + ".eml";
        Path partial = directory.resolve(name + ".part");
        Files.deleteIfExists(partial);
        if (posix) {
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(FILE_MODE));
        }
        try (OutputStream out = Files.newOutputStream(partial)) {
            message.writeTo(out);
        }
        Path file = directory.resolve(name);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        log.info("No SMTP server configured: mail written to {}", file);
    }

    /** Creates the directory owner-only, or tightens an existing one; false where there are no POSIX modes. */
    private boolean prepareDirectory() throws IOException {
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIRECTORY_MODE)}
                : new FileAttribute<?>[0];
        Files.createDirectories(directory, attributes);
        if (posix && !Files.getPosixFilePermissions(directory).equals(DIRECTORY_MODE)) {
            Files.setPosixFilePermissions(directory, DIRECTORY_MODE);
        }
        return posix;
    }
}
