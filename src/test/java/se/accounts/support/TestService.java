package se.accounts.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import se.accounts.AccountsService;
import se.accounts.Config;
import se.accounts.db.Database;
import se.accounts.tenancy.ClientCredentials;
import se.accounts.tenancy.ClientRegistry;

/**
 * One service for the whole test run, on its own embedded PostgreSQL in a fresh temporary data directory and a
 * free port. Tests isolate themselves by creating their own customer, so they can run in any order.
 */
public final class TestService {
    private static TestService instance;

    private final AccountsService service;
    private final Config config;
    private final String firstStartOutput;

    private TestService(AccountsService service, Config config, String firstStartOutput) {
        this.service = service;
        this.config = config;
        this.firstStartOutput = firstStartOutput;
    }

    public static synchronized TestService get() {
        if (instance == null) {
            try {
                Path dataDir = Files.createTempDirectory("accounts-test-");
                Config config = Config.fromEnvironment(Map.of("ACCOUNTS_DATA_DIR", dataDir.toString(),
                        "ACCOUNTS_PORT", "0"));
                ByteArrayOutputStream console = new ByteArrayOutputStream();
                AccountsService service = AccountsService.start(config,
                        new PrintStream(console, true, StandardCharsets.UTF_8));
                instance = new TestService(service, config, console.toString(StandardCharsets.UTF_8));
                Runtime.getRuntime().addShutdownHook(new Thread(service::close));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + service.port();
    }

    public Config config() {
        return config;
    }

    public Database database() {
        return service.database().database();
    }

    /** What the service printed on its first start (the demo client). */
    public String firstStartOutput() {
        return firstStartOutput;
    }

    /** A new customer with a client holding {@code permissions} ("*" for all). */
    public ApiClient newCustomer(String... permissions) {
        return client(newCredentials(permissions));
    }

    public ClientCredentials newCredentials(String... permissions) {
        return new ClientRegistry(database()).create("Test customer " + UUID.randomUUID(), Optional.empty(),
                List.of(permissions.length == 0 ? new String[] {"*"} : permissions));
    }

    /** Another client of an existing customer. */
    public ApiClient anotherClientOf(UUID customerId, String... permissions) {
        return client(new ClientRegistry(database()).create("unused", Optional.of(customerId),
                List.of(permissions)));
    }

    public ApiClient client(ClientCredentials credentials) {
        return new ApiClient(baseUrl(), credentials.headers(), credentials);
    }

    public ApiClient anonymous() {
        return new ApiClient(baseUrl(), Map.of(), null);
    }
}
