package se.accounts.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL 17 that the service runs for itself when no database is configured, with its data under
 * {@code <data dir>/postgres} so that it survives restarts.
 *
 * <p>One process owns the server: the one holding {@code embedded-postgres.lock}. It writes the port to
 * {@code embedded-postgres.port} so that a second process (the CLI while the server runs) can attach instead of
 * starting another postmaster on the same files.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final FileLock ownership;
    private final Path portFile;
    private final ConnectionSettings settings;

    private EmbeddedDatabase(EmbeddedPostgres postgres, FileLock ownership, Path portFile) {
        this.postgres = postgres;
        this.ownership = ownership;
        this.portFile = portFile;
        this.settings = settingsForPort(postgres == null ? readPort(portFile) : postgres.getPort());
    }

    /** Starts the embedded server, or attaches to the one another process of this data directory runs. */
    public static EmbeddedDatabase startOrAttach(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path portFile = dataDir.resolve("embedded-postgres.port");
            FileChannel channel = FileChannel.open(dataDir.resolve("embedded-postgres.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                log.info("Using the embedded PostgreSQL that another process runs on {}", dataDir);
                return new EmbeddedDatabase(null, null, portFile);
            }
            Path pgData = dataDir.resolve("postgres");
            stopOrphanedPostmaster(pgData);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    // ICU Swedish as the database default: names sort the Swedish way and lower()/ILIKE fold
                    // Unicode case whatever the operating system's locales are.
                    .setLocaleConfig("locale-provider", "icu")
                    .setLocaleConfig("icu-locale", "sv-SE")
                    .setLocaleConfig("locale", "C")
                    // zonky's defaults are for throwaway test databases; a user's data must survive a power cut.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            writeAtomically(portFile, Integer.toString(postgres.getPort()));
            return new EmbeddedDatabase(postgres, lock, portFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL under " + dataDir, e);
        }
    }

    public ConnectionSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        if (postgres == null) {
            return;
        }
        try {
            Files.deleteIfExists(portFile);
            postgres.close();
            ownership.release();
            ownership.channel().close();
        } catch (IOException e) {
            log.warn("Stopping the embedded PostgreSQL failed: {}", e.getMessage());
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    /**
     * After a kill -9 of the service the postmaster survives as an orphan and keeps postmaster.pid; we hold the
     * lock, so no live process of ours owns it and it can be stopped.
     */
    private static void stopOrphanedPostmaster(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> orphan = lines.isEmpty() ? Optional.empty()
                : parsePid(lines.get(0)).flatMap(ProcessHandle::of)
                        .filter(ProcessHandle::isAlive)
                        .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        log.warn("Stopping an orphaned embedded PostgreSQL (pid {}) left by an earlier run", orphan.get().pid());
        orphan.get().destroy();
        try {
            orphan.get().onExit().get(15, TimeUnit.SECONDS);
        } catch (Exception notStopped) {
            orphan.get().destroyForcibly();
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int readPort(Path portFile) {
        try {
            return Integer.parseInt(Files.readString(portFile).trim());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("Another process holds the embedded database lock but "
                    + portFile + " is missing or unreadable; is it still starting?", e);
        }
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, content);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static ConnectionSettings settingsForPort(int port) {
        return new ConnectionSettings("jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER, "");
    }
}
