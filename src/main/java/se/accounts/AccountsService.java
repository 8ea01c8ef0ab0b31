package se.accounts;

import io.javalin.Javalin;
import java.io.PrintStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.accounts.db.ManagedDatabase;
import se.accounts.entities.EntityCatalog;
import se.accounts.http.HttpServer;
import se.accounts.http.EntityRoutes;
import se.accounts.resource.EntityService;
import se.accounts.resource.References;
import se.accounts.resource.Json;
import se.accounts.tenancy.Caller;
import se.accounts.tenancy.ClientCredentials;
import se.accounts.tenancy.ClientRegistry;
import se.accounts.tenancy.ClientVerifier;

/** The running service: database, HTTP server and the wiring between them. */
public final class AccountsService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AccountsService.class);
    static final String DEMO_CUSTOMER = "Demo AB";

    private final ManagedDatabase database;
    private final Javalin http;

    private AccountsService(ManagedDatabase database, Javalin http) {
        this.database = database;
        this.http = http;
    }

    /** Starts everything; {@code console} receives the demo credentials on a first start. */
    public static AccountsService start(Config config, PrintStream console) {
        ManagedDatabase database = ManagedDatabase.open(config);
        try {
            ClientRegistry clients = new ClientRegistry(database.database());
            if (database.isEmbedded() && !clients.hasCustomers()) {
                printDemoClient(config, console, clients.create(DEMO_CUSTOMER, java.util.Optional.empty(),
                        List.of(Caller.ALL_PERMISSIONS)));
            }
            Javalin http = HttpServer.create(config, database.database(), new ClientVerifier(database.database()),
                    Json.MAPPER, List.of(new EntityRoutes(services(database), database.database())));
            http.start(config.host(), config.port());
            log.info("Listening on http://{}:{}", config.host(), http.port());
            return new AccountsService(database, http);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static List<EntityService> services(ManagedDatabase database) {
        References references = new References(EntityCatalog.ALL);
        return EntityCatalog.ALL.stream()
                .map(entity -> new EntityService(entity, database.database(), references)).toList();
    }

    public int port() {
        return http.port();
    }

    public ManagedDatabase database() {
        return database;
    }

    @Override
    public void close() {
        http.stop();
        database.close();
    }

    private static void printDemoClient(Config config, PrintStream console, ClientCredentials credentials) {
        console.println();
        console.println("First start: created the customer \"" + DEMO_CUSTOMER
                + "\" and an integration client with every permission.");
        console.println("Its headers (the secret is shown only this once):");
        credentials.headers().forEach((name, value) -> console.println("  " + name + ": " + value));
        console.println();
        console.println("Try it:");
        console.println(credentials.curl(config.publicUrl() + EntityCatalog.DEMO_LIST_PATH));
        console.println();
        console.flush();
    }
}
