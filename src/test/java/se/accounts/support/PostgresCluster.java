package se.accounts.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway cluster of the operating system's PostgreSQL (Debian's {@code postgresql} package, which
 * {@code .ci/run} installs) in a temporary directory, on 127.0.0.1 and a free port, with password authentication
 * (scram-sha-256) only, like a server an operator runs. PostgreSQL refuses to run as root, so as root it runs as
 * the package's {@code postgres} user. Stopped by its process id.
 */
public final class PostgresCluster implements AutoCloseable {
    public static final String SUPERUSER = "postgres";
    private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");

    private final Path directory;
    private final Process postmaster;
    private final int port;
    private final String password;

    private PostgresCluster(Path directory, Process postmaster, int port, String password) {
        this.directory = directory;
        this.postmaster = postmaster;
        this.port = port;
        this.password = password;
    }

    public static PostgresCluster start() throws Exception {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path directory = Files.createTempDirectory("accounts-pg-cluster");
        String password = UUID.randomUUID().toString();
        Path passwordFile = directory.resolve("password");
        Files.writeString(passwordFile, password);
        if (root) {
            UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(directory, users.lookupPrincipalByName(SUPERUSER));
            Files.setOwner(passwordFile, users.lookupPrincipalByName(SUPERUSER));
        }
        Path data = directory.resolve("data");
        run(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
                "--auth=scram-sha-256", "--pwfile=" + passwordFile, "--encoding=UTF8", "--locale=C.UTF-8",
                "--locale-provider=icu", "--icu-locale=sv-SE"), directory.resolve("initdb.log"));
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        // A test database: durability is not needed, speed is.
        Process postmaster = command(root, List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "max_connections=200"))
                .redirectErrorStream(true).redirectOutput(directory.resolve("postgres.log").toFile()).start();
        PostgresCluster cluster = new PostgresCluster(directory, postmaster, port, password);
        cluster.awaitReady();
        return cluster;
    }

    /** The newest version under /usr/lib/postgresql, or a failure that says how to install it. */
    private static Path binaries() {
        try (Stream<Path> versions = Files.isDirectory(DEBIAN_BINARIES) ? Files.list(DEBIAN_BINARIES)
                : Stream.empty()) {
            Optional<Path> newest = versions.filter(version -> version.getFileName().toString().matches("\\d+"))
                    .filter(version -> Files.isExecutable(version.resolve("bin").resolve("initdb")))
                    .max(Comparator.comparing(version -> Integer.parseInt(version.getFileName().toString())))
                    .map(version -> version.resolve("bin"));
            return newest.orElseThrow(() -> new IllegalStateException("The multi-instance tests need Debian's"
                    + " PostgreSQL server binaries under " + DEBIAN_BINARIES + "/<version>/bin (initdb, postgres):"
                    + " run .ci/run, which installs them, or apt-get install postgresql."));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProcessBuilder command(boolean root, List<String> command) {
        List<String> full = new ArrayList<>();
        if (root) {
            // setpriv executes the command in place, so the process id is the server's own.
            full.addAll(List.of("setpriv", "--reuid=" + SUPERUSER, "--regid=" + SUPERUSER, "--init-groups", "--"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full);
        builder.environment().put("LC_ALL", "C.UTF-8");
        return builder;
    }

    private static void run(boolean root, List<String> command, Path log) throws Exception {
        Process process = command(root, command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(command.get(0) + " failed: " + Files.readString(log));
        }
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Connection ignored = connect("postgres")) {
                return;
            } catch (SQLException notYet) {
                if (!postmaster.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("PostgreSQL did not start: "
                            + Files.readString(directory.resolve("postgres.log")), notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A connection as the superuser, for a test's setup and checks. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), SUPERUSER, password);
    }

    /** Creates an empty database. */
    public void createDatabase(String name) throws SQLException {
        try (Connection connection = connect("postgres")) {
            connection.createStatement().execute("create database " + name);
        }
    }

    /** The service's three database variables for {@code database} of this cluster, as its owner (superuser). */
    public Map<String, String> environment(String database) {
        return Map.of("ACCOUNTS_DB_URL", url(database), "ACCOUNTS_DB_USER", SUPERUSER,
                "ACCOUNTS_DB_PASSWORD", password);
    }

    /** Fast shutdown (SIGINT to the postmaster's process id), then the directory goes. */
    @Override
    public void close() throws Exception {
        new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid())).start().waitFor();
        if (!postmaster.waitFor(30, TimeUnit.SECONDS)) {
            postmaster.destroyForcibly().waitFor();
        }
        TemporaryDirectories.delete(directory);
    }
}
