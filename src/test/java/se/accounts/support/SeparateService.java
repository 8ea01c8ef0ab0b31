package se.accounts.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.accounts.AccountsService;
import se.accounts.Config;
import se.accounts.tenancy.ClientCredentials;
import se.accounts.tenancy.ClientRegistry;

/**
 * A service of its own on a PostgreSQL of its own, configured as an external database (ACCOUNTS_DB_URL), for
 * tests that stop the database or the service, or need settings of their own.
 */
public final class SeparateService implements AutoCloseable {
    private final Path pgData;
    private final int port;
    private final Config config;
    private EmbeddedPostgres postgres;
    private AccountsService service;
    private final ClientCredentials credentials;

    public SeparateService() throws Exception {
        this(Map.of());
    }

    /** With extra environment variables ({@code ACCOUNTS_SMTP_HOST}, say). */
    public SeparateService(Map<String, String> environment) throws Exception {
        pgData = Files.createTempDirectory("accounts-separate-pg");
        postgres = startPostgres(0);
        port = postgres.getPort();
        Map<String, String> variables = new HashMap<>(environment);
        variables.put("ACCOUNTS_PORT", "0");
        variables.putIfAbsent("ACCOUNTS_DATA_DIR", Files.createTempDirectory("accounts-separate").toString());
        variables.put("ACCOUNTS_DB_URL", "jdbc:postgresql://127.0.0.1:" + port + "/postgres");
        variables.put("ACCOUNTS_DB_USER", "postgres");
        config = Config.fromEnvironment(variables);
        service = AccountsService.start(config, new PrintStream(new ByteArrayOutputStream()));
        credentials = new ClientRegistry(service.database().database()).create("Separate AB", Optional.empty(),
                List.of("*"));
    }

    private EmbeddedPostgres startPostgres(int fixedPort) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false)
                .setPort(fixedPort).start();
    }

    public AccountsService service() {
        return service;
    }

    public Config config() {
        return config;
    }

    /** A client of the customer "Separate AB" with every permission, on the service's current port. */
    public ApiClient client() {
        return new ApiClient("http://127.0.0.1:" + service.port(), Map.of(), null).withCredentials(credentials);
    }

    /** A client of another customer, on the same service. */
    public ApiClient anotherClient() {
        ClientCredentials other = new ClientRegistry(service.database().database()).create(
                "Other " + java.util.UUID.randomUUID(), Optional.empty(), List.of("*"));
        return new ApiClient("http://127.0.0.1:" + service.port(), Map.of(), null).withCredentials(other);
    }

    public ApiClient anonymous() {
        return new ApiClient("http://127.0.0.1:" + service.port(), Map.of(), null);
    }

    public EmbeddedPostgres postgres() {
        return postgres;
    }

    public void stopDatabase() throws Exception {
        postgres.close();
    }

    public void restartDatabase() throws Exception {
        postgres = startPostgres(port);
    }

    /** Stops the service (gracefully) and starts it again on the same database and data directory. */
    public void restartService() {
        service.close();
        service = AccountsService.start(config, new PrintStream(new ByteArrayOutputStream()));
    }

    @Override
    public void close() throws Exception {
        service.close();
        postgres.close();
        TemporaryDirectories.delete(pgData);
        TemporaryDirectories.delete(config.dataDir());
    }
}
