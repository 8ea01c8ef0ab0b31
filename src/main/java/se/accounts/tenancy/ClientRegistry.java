package se.accounts.tenancy;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;
import se.accounts.db.Database;
import se.accounts.db.Ids;

/** Operator commands on customers and their integration clients; runs as the database owner. */
public final class ClientRegistry {
    private final Database database;

    public ClientRegistry(Database database) {
        this.database = database;
    }

    /**
     * Creates (or reuses, by id or else by name) the customer, then a new application, service, service version
     * with {@code permissions} and an active activation. The secret exists in clear only in the returned value.
     */
    public ClientCredentials create(String customerName, Optional<UUID> requestedCustomerId,
                                    List<String> permissions) {
        String secret = SecretHasher.newSecret();
        String secretHash = ClientSecrets.hash(secret);
        return database.asOwner(sql -> {
            UUID customerId = customerFor(sql, customerName, requestedCustomerId);
            UUID applicationId = insert(sql, "application", "name", customerName + " integration");
            UUID serviceId = Ids.next();
            sql.insertInto(table("service"), field("id"), field("application_id"), field("name"))
                    .values(serviceId, applicationId, "Accounts API").execute();
            UUID versionId = Ids.next();
            sql.insertInto(table("service_version"), field("id"), field("service_id"), field("version"),
                            field("permissions", SQLDataType.VARCHAR.array()))
                    .values(versionId, serviceId, "1", permissions.toArray(String[]::new)).execute();
            UUID activationId = Ids.next();
            sql.insertInto(table("activation"), field("id"), field("customer_id"), field("service_version_id"),
                            field("secret_hash"))
                    .values(activationId, customerId, versionId, secretHash).execute();
            return new ClientCredentials(customerId, applicationId, serviceId, versionId, activationId, secret);
        });
    }

    /** Deactivates an activation; true when one was active. */
    public boolean revoke(UUID activationId) {
        return database.asOwner(sql -> sql.update(table("activation"))
                .set(field("active", Boolean.class), false)
                .set(field("revoked_at"), org.jooq.impl.DSL.currentOffsetDateTime())
                .where(field("id", UUID.class).eq(activationId).and(field("active", Boolean.class).isTrue()))
                .execute() == 1);
    }

    public boolean hasCustomers() {
        return database.asOwner(sql -> sql.fetchExists(table("customer")));
    }

    /**
     * The customer of that id, or else of that name, created when there is none. A name and an id that name two
     * different customers are refused: reusing either would issue a client, with the permissions asked for, for a
     * customer the operator did not mean.
     */
    private static UUID customerFor(DSLContext sql, String name, Optional<UUID> requestedId) {
        Optional<UUID> byName = sql.select(field("id", UUID.class)).from(table("customer"))
                .where(field("name", String.class).eq(name)).fetchOptional(0, UUID.class);
        if (requestedId.isEmpty()) {
            return byName.orElseGet(() -> insertCustomer(sql, Ids.next(), name));
        }
        UUID id = requestedId.get();
        Optional<String> nameOfId = sql.select(field("name", String.class)).from(table("customer"))
                .where(field("id", UUID.class).eq(id)).fetchOptional(0, String.class);
        if (nameOfId.isPresent() && !nameOfId.get().equals(name)) {
            throw new CustomerMismatchException("Customer " + id + " is named '" + nameOfId.get() + "', not '"
                    + name + "'; give its name with its id, or no id for a customer of that name.");
        }
        if (nameOfId.isEmpty() && byName.isPresent()) {
            throw new CustomerMismatchException("A customer named '" + name + "' already exists with id "
                    + byName.get() + "; pass that id, or another name for a new customer " + id + ".");
        }
        return nameOfId.isPresent() ? id : insertCustomer(sql, id, name);
    }

    private static UUID insertCustomer(DSLContext sql, UUID id, String name) {
        sql.insertInto(table("customer"), field("id"), field("name")).values(id, name).execute();
        return id;
    }

    /** {@link #create}'s customer name and id name two different customers; the message says which. */
    public static final class CustomerMismatchException extends RuntimeException {
        CustomerMismatchException(String message) {
            super(message);
        }
    }

    private static UUID insert(DSLContext sql, String tableName, String column, String value) {
        UUID id = Ids.next();
        sql.insertInto(table(name(tableName)), field("id"), field(column)).values(id, value).execute();
        return id;
    }
}
