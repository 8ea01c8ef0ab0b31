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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL 17 that the service runs for itself when no database is configured, with its data under
 * {@code <data dir>/postgres} so that it survives restarts.
 *
 * <p>One process owns the server: the one holding {@code embedded-postgres.lock}. It writes the port to
 * {@code embedded-postgres.port} so that a second process (the CLI while the server runs) can attach instead of
 * starting another postmaster on the same files.
 *
 * <p>Every login needs a password (scram-sha-256, also on 127.0.0.1): the superuser's is generated on the first
 * start and kept in {@code <data dir>/postgres-password} (mode 0600), where attaching processes read it. A data
 * directory of an earlier release (trust authentication, no password) is upgraded on start; see {@link #upgrade}.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String SUPERUSER = "postgres";
    private static final String PASSWORD_FILE = "postgres-password";
    /** How long a start waits for the process that holds the data directory to answer or let go of it. */
    private static final Duration OWNER_WAIT = Duration.ofSeconds(30);
    private static final Duration OWNER_POLL = Duration.ofMillis(200);
    private static final String PASSWORD_ONLY_HBA = """
            # Written by the Accounts service: every connection needs its password.
            # TYPE  DATABASE        USER            ADDRESS                 METHOD
            local   all             all                                     scram-sha-256
            host    all             all             127.0.0.1/32            scram-sha-256
            host    all             all             ::1/128                 scram-sha-256
            local   replication     all                                     scram-sha-256
            host    replication     all             127.0.0.1/32            scram-sha-256
            host    replication     all             ::1/128                 scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final FileLock ownership;
    private final Path portFile;
    private final ConnectionSettings settings;

    private EmbeddedDatabase(EmbeddedPostgres postgres, FileLock ownership, Path portFile, String password) {
        this.postgres = postgres;
        this.ownership = ownership;
        this.portFile = portFile;
        this.settings = new ConnectionSettings("jdbc:postgresql://127.0.0.1:"
                + (postgres == null ? readPort(portFile) : postgres.getPort()) + "/postgres", SUPERUSER, password,
                Optional.empty());
    }

    /** Starts the embedded server, or attaches to the one another process of this data directory runs. */
    public static EmbeddedDatabase startOrAttach(Path dataDir) {
        return startOrAttach(dataDir, OWNER_WAIT);
    }

    /**
     * {@link #startOrAttach(Path)}, waiting at most {@code ownerWait} while the process that holds the directory
     * runs no server that answers: it is still starting it, or stopping it (a restart that begins before the
     * previous process has ended). The server is ours as soon as the lock is free.
     */
    static EmbeddedDatabase startOrAttach(Path dataDir, Duration ownerWait) {
        try {
            Files.createDirectories(dataDir);
            Path portFile = dataDir.resolve("embedded-postgres.port");
            Path passwordFile = dataDir.resolve(PASSWORD_FILE);
            Path lockFile = dataDir.resolve("embedded-postgres.lock");
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + ownerWait.toNanos();
            FileLock lock;
            try {
                lock = tryLock(channel);
                while (lock == null) {
                    Optional<EmbeddedDatabase> running = answering(portFile, passwordFile);
                    if (running.isPresent()) {
                        channel.close();
                        log.info("Using the embedded PostgreSQL that another process runs on {}", dataDir);
                        return running.get();
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Another process holds " + lockFile + " but its"
                                + " PostgreSQL did not answer within " + ownerWait.toSeconds() + " s; stop that"
                                + " process");
                    }
                    sleep(OWNER_POLL);
                    lock = tryLock(channel);
                }
            } catch (IOException | RuntimeException notOurs) {
                channel.close();
                throw notOurs;
            }
            Path pgData = dataDir.resolve("postgres");
            stopOrphanedPostmaster(pgData);
            boolean existing = Files.exists(pgData.resolve("postgresql.conf"));
            boolean trusting = existing && trustsAnyone(pgData.resolve("pg_hba.conf"));
            if (existing && !trusting && !Files.exists(passwordFile)) {
                throw new IllegalStateException(passwordFile + " is missing, and the embedded PostgreSQL under "
                        + pgData + " requires its password; restore the file from a backup");
            }
            // Written before the server is touched: a crash at any later point leaves a password the next start
            // can use.
            String password = PasswordFile.readOrCreate(passwordFile);
            EmbeddedPostgres.Builder builder = builder(pgData, passwordFile, password);
            EmbeddedPostgres postgres = builder.start();
            if (trusting) {
                postgres = upgrade(postgres, builder, pgData, password);
            }
            writeAtomically(portFile, Integer.toString(postgres.getPort()));
            return new EmbeddedDatabase(postgres, lock, portFile, password);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL under " + dataDir, e);
        }
    }

    private static EmbeddedPostgres.Builder builder(Path pgData, Path passwordFile, String password) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                // initdb of a new data directory: password authentication from the start, no moment of trust.
                // zonky passes its own "-A trust" first; initdb takes the last one given.
                .setLocaleConfig("auth", "scram-sha-256")
                .setLocaleConfig("pwfile", passwordFile.toString())
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
                .setConnectConfig("password", password)
                .setPGStartupWait(Duration.ofSeconds(60));
    }

    /**
     * Gives a data directory of an earlier release (trust for everyone, superuser without password) the password of
     * the password file and a pg_hba.conf that requires it, then restarts the server so that no connection is
     * accepted under the old rules any more. Every step is idempotent and the password file exists before the
     * first one, so a crash half-way is finished by the next start: pg_hba.conf still says trust until the last
     * step, and the password it will require is the one in the file. The upgrade itself, a second or two, runs
     * under the old rules, as every start of the earlier release did; a new data directory never trusts anyone.
     */
    private static EmbeddedPostgres upgrade(EmbeddedPostgres postgres, EmbeddedPostgres.Builder builder, Path pgData,
            String password) throws IOException {
        log.info("Upgrading the embedded PostgreSQL under {} from trust to password authentication", pgData);
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            connection.unwrap(PGConnection.class).alterUserPassword(SUPERUSER, password.toCharArray(),
                    "scram-sha-256");
        } catch (SQLException e) {
            postgres.close();
            throw new IOException("Could not set the superuser's password", e);
        }
        writeAtomically(pgData.resolve("pg_hba.conf"), PASSWORD_ONLY_HBA);
        postgres.close();
        return builder.start();
    }

    /** Whether pg_hba.conf lets anyone in without a password (as zonky's initdb defaults did). */
    private static boolean trustsAnyone(Path hbaFile) throws IOException {
        return Files.readAllLines(hbaFile).stream()
                .map(line -> line.replaceFirst("#.*", "").trim())
                .filter(line -> !line.isEmpty())
                .anyMatch(line -> List.of(line.split("\\s+")).contains("trust"));
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

    /** The server another process runs, if it accepts a login now (not while it starts or stops). */
    private static Optional<EmbeddedDatabase> answering(Path portFile, Path passwordFile) throws IOException {
        if (!Files.exists(portFile)) {
            return Optional.empty();
        }
        EmbeddedDatabase attached;
        try {
            // A server of an earlier release, still running, has no password yet.
            attached = new EmbeddedDatabase(null, null, portFile,
                    Files.exists(passwordFile) ? PasswordFile.read(passwordFile) : "");
        } catch (IllegalStateException portBeingWritten) {
            return Optional.empty();
        }
        ConnectionSettings settings = attached.settings();
        try (Connection probe = DriverManager.getConnection(settings.jdbcUrl() + "?connectTimeout=2",
                settings.user(), settings.password())) {
            return Optional.of(attached);
        } catch (SQLException notNow) {
            return Optional.empty();
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded PostgreSQL", e);
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
}
