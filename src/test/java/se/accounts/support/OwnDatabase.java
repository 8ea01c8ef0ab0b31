package se.accounts.support;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import se.accounts.db.Database;
import se.accounts.db.EmbeddedDatabase;

/**
 * A database of a test's own, with no service on it (so no other background worker claims its rows), a background
 * pool of one connection that {@link BackgroundPoolHold} can take away, and its metrics in {@link #meters()}.
 */
public final class OwnDatabase implements AutoCloseable {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Path directory;
    private final EmbeddedDatabase embedded;
    private final Database database;

    public OwnDatabase(String name) {
        try {
            directory = Files.createTempDirectory(name);
            embedded = EmbeddedDatabase.startOrAttach(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        database = Database.open(embedded.settings(), 2, new Database.OwnerPools(1, 1), false);
        database.publishMetrics(meters);
    }

    public Database database() {
        return database;
    }

    public SimpleMeterRegistry meters() {
        return meters;
    }

    @Override
    public void close() {
        database.close();
        embedded.close();
        TemporaryDirectories.delete(directory);
    }
}
