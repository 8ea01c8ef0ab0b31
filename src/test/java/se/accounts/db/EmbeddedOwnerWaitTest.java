package se.accounts.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A start while another process holds the data directory but runs no server that answers (it is still starting
 * it, or stopping it during a restart) waits for that process instead of attaching to nothing.
 */
class EmbeddedOwnerWaitTest {
    /** A data directory whose lock this test holds (as another process would) and whose port file leads nowhere. */
    private static FileLock heldWithoutAServer(Path dir) throws IOException {
        try (ServerSocket unused = new ServerSocket(0)) {
            Files.writeString(dir.resolve("embedded-postgres.port"), Integer.toString(unused.getLocalPort()));
        }
        return FileChannel.open(dir.resolve("embedded-postgres.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE).lock();
    }

    @Test
    void aStartWaitsUntilTheHolderLetsGoAndRunsItsOwnServer() throws Exception {
        Path dir = Files.createTempDirectory("owner-wait");
        FileLock held = heldWithoutAServer(dir);
        Thread holderStops = new Thread(() -> {
            try {
                Thread.sleep(1_500);
                held.channel().close();
            } catch (InterruptedException | IOException e) {
                throw new IllegalStateException(e);
            }
        });
        holderStops.start();

        try (EmbeddedDatabase database = EmbeddedDatabase.startOrAttach(dir, Duration.ofSeconds(30));
             Connection connection = DriverManager.getConnection(database.settings().jdbcUrl(),
                     database.settings().user(), database.settings().password())) {
            assertThat(connection.isValid(2)).isTrue();
        }
        holderStops.join();
    }

    @Test
    void aHolderWhoseServerNeverAnswersIsNamedOnceTheWaitIsOver() throws Exception {
        Path dir = Files.createTempDirectory("owner-wait");
        try (FileChannel held = heldWithoutAServer(dir).channel()) {
            assertThatThrownBy(() -> EmbeddedDatabase.startOrAttach(dir, Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("embedded-postgres.lock")
                    .hasMessageContaining("did not answer");
        }
    }
}
