package se.accounts.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The outbox holds acceptance links: only the service's OS user may read it (issue 12, item 9). */
class OutboxFilesTest {

    private static void sendOne(OutboxFiles outbox) throws Exception {
        MimeMessage message = outbox.newMessage();
        message.setHeader(MailMessages.OUTBOX_ID_HEADER, UUID.randomUUID().toString());
        message.setText("https://accounts.example/accounts/users/auth/invite/accept/?token=secret");
        outbox.send(message);
    }

    @Test
    void mailFilesAreOwnerOnlyInAnOwnerOnlyFolder() throws Exception {
        Path directory = Files.createTempDirectory("accounts-outbox").resolve("outbox");

        sendOne(new OutboxFiles(directory));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        try (var files = Files.list(directory)) {
            assertThat(files.toList()).singleElement().satisfies(file -> {
                assertThat(file.toString()).endsWith(".eml");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                        .isEqualTo("rw-------");
            });
        }
    }

    @Test
    void anExistingWorldReadableFolderIsTightened() throws Exception {
        Path directory = Files.createTempDirectory("accounts-outbox").resolve("outbox");
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));

        sendOne(new OutboxFiles(directory));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
    }
}
