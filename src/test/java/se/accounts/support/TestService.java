package se.accounts.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
    private final Mailbox mailbox;

    private TestService(AccountsService service, Config config, String firstStartOutput, Mailbox mailbox) {
        this.service = service;
        this.config = config;
        this.firstStartOutput = firstStartOutput;
        this.mailbox = mailbox;
    }

    public static synchronized TestService get() {
        if (instance == null) {
            try {
                Path dataDir = Files.createTempDirectory("accounts-test-");
                Mailbox mailbox = new Mailbox();
                Map<String, String> environment = new HashMap<>(mailbox.environment());
                environment.put("ACCOUNTS_DATA_DIR", dataDir.toString());
                environment.put("ACCOUNTS_PORT", "0");
                // Every test calls from 127.0.0.1; the accept limit has its own test on a separate service.
                environment.put("ACCOUNTS_ACCEPT_LIMIT_PER_MINUTE", "100000");
                // Tests make thousands of requests a minute with one client; the limit has tests of its own.
                environment.put("ACCOUNTS_RATE_LIMIT_PER_MINUTE", "0");
                // Many tests send wrong credentials on purpose, all from 127.0.0.1; that limit has its own tests.
                environment.put("ACCOUNTS_AUTH_FAILURES_PER_MINUTE", "0");
                // Webhook tests deliver to receivers on 127.0.0.1; the address rule has its own test.
                environment.put("ACCOUNTS_WEBHOOK_ALLOW_PRIVATE", "true");
                environment.put("ACCOUNTS_WEBHOOK_RETRY_SECONDS", "1");
                Config config = Config.fromEnvironment(environment);
                ByteArrayOutputStream console = new ByteArrayOutputStream();
                AccountsService service = AccountsService.start(config,
                        new PrintStream(console, true, StandardCharsets.UTF_8));
                instance = new TestService(service, config, console.toString(StandardCharsets.UTF_8), mailbox);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    service.close();
                    mailbox.close();
                    TemporaryDirectories.delete(dataDir);
                }));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + service.port();
    }

    /** Every path the server answers with its methods. */
    public Map<String, List<String>> routes() {
        return service.routes();
    }

    /** The SMTP server the service sends to. */
    public Mailbox mailbox() {
        return mailbox;
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

    /** Another client of an existing customer (named as it is: a name and id of two customers are refused). */
    public ApiClient anotherClientOf(UUID customerId, String... permissions) {
        String name = database().asOwner(sql -> sql.fetchSingle("select name from customer where id = ?", customerId)
                .get(0, String.class));
        return client(new ClientRegistry(database()).create(name, Optional.of(customerId), List.of(permissions)));
    }

    public ApiClient client(ClientCredentials credentials) {
        return new ApiClient(baseUrl(), credentials.headers(), credentials);
    }

    public ApiClient anonymous() {
        return ApiClient.anonymous(baseUrl());
    }
}
