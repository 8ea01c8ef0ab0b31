package se.accounts.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import se.accounts.Config;
import se.accounts.db.Ids;
import se.accounts.db.ManagedDatabase;
import se.accounts.entities.EntityCatalog;
import se.accounts.json.Json;
import se.accounts.tenancy.Caller;
import se.accounts.tenancy.ClientCredentials;
import se.accounts.tenancy.ClientRegistry;

/** {@code client create} and {@code client revoke}. */
final class ClientCommands {
    private final Config config;
    private final PrintStream out;

    ClientCommands(Config config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    int create(Options options) {
        options.allowOnly(Set.of("customer", "customer-id", "permissions"));
        String customer = options.required("customer");
        Optional<UUID> customerId = options.optional("customer-id").map(text -> Ids.parse(text)
                .orElseThrow(() -> new UsageException("--customer-id must be a UUID, got '" + text + "'.")));
        List<String> permissions = permissions(options.required("permissions"));
        ClientCredentials credentials;
        try (ManagedDatabase database = ManagedDatabase.open(config)) {
            credentials = new ClientRegistry(database.database()).create(customer, customerId, permissions);
        } catch (ClientRegistry.CustomerMismatchException e) {
            throw new UsageException(e.getMessage());
        }
        if (options.has("json")) {
            out.println(Json.write(credentials.headers()));
        } else {
            out.println("Created a client for customer \"" + customer + "\". Its headers (the secret is shown only"
                    + " this once):");
            credentials.headers().forEach((name, value) -> out.println("  " + name + ": " + value));
            out.println();
            out.println(credentials.curl(config.publicUrl() + EntityCatalog.DEMO_LIST_PATH));
        }
        return 0;
    }

    int revoke(Options options) {
        options.allowOnly(Set.of("entity"));
        String text = options.required("entity");
        UUID entity = Ids.parse(text)
                .orElseThrow(() -> new UsageException("--entity must be a UUID, got '" + text + "'."));
        try (ManagedDatabase database = ManagedDatabase.open(config)) {
            boolean revoked = new ClientRegistry(database.database()).revoke(entity);
            out.println(revoked ? "Revoked activation " + entity + "; it stops working within 5 seconds."
                    : "No active activation " + entity + ".");
            return revoked ? 0 : 1;
        }
    }

    private static List<String> permissions(String argument) {
        if (argument.equals("all")) {
            return List.of(Caller.ALL_PERMISSIONS);
        }
        List<String> permissions = Arrays.stream(argument.split(",")).map(String::trim)
                .filter(p -> !p.isEmpty()).toList();
        Set<String> known = EntityCatalog.permissions();
        for (String permission : permissions) {
            if (!known.contains(permission)) {
                throw new UsageException("Unknown permission '" + permission + "'. Known: all, "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
        if (permissions.isEmpty()) {
            throw new UsageException("--permissions needs 'all' or at least one permission.");
        }
        return permissions;
    }
}
