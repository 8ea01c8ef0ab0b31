package se.accounts.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.accounts.AccountsService;
import se.accounts.Config;
import se.accounts.tenancy.ClientRegistry;

/**
 * A service of its own on a PostgreSQL of its own, configured as an external database (ACCOUNTS_DB_URL), for
 * tests that stop the database or the service.
 */
public final class SeparateService implements AutoCloseable {
    private final Path pgData;
    private final int port;
    private EmbeddedPostgres postgres;
    private final AccountsService service;
    private final ApiClient client;

    public SeparateService() throws Exception {
        pgData = Files.createTempDirectory("accounts-separate-pg");
        postgres = startPostgres(0);
        port = postgres.getPort();
        Config config = Config.fromEnvironment(Map.of("ACCOUNTS_PORT", "0",
                "ACCOUNTS_DATA_DIR", Files.createTempDirectory("accounts-separate").toString(),
                "ACCOUNTS_DB_URL", "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "ACCOUNTS_DB_USER", "postgres"));
        service = AccountsService.start(config, new PrintStream(new ByteArrayOutputStream()));
        client = new ApiClient("http://127.0.0.1:" + service.port(), Map.of(), null).withCredentials(
                new ClientRegistry(service.database().database()).create("Separate AB", Optional.empty(),
                        List.of("*")));
    }

    private EmbeddedPostgres startPostgres(int fixedPort) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false)
                .setPort(fixedPort).start();
    }

    public AccountsService service() {
        return service;
    }

    public ApiClient client() {
        return client;
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

    @Override
    public void close() throws Exception {
        service.close();
        postgres.close();
    }
}
