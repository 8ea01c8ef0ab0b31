package se.accounts.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.accounts.entities.EntityCatalog;
import se.accounts.support.ApiClient;
import se.accounts.support.SampleObjects;
import se.accounts.support.TestService;

/**
 * Row-level security as the second wall behind the query builders: every table that holds a customer's data has a
 * policy, and the application role, asked for rows without any tenant predicate, sees only its own customer's.
 * The one exception is {@code activation}, the operator-managed credentials: a request is authenticated by it
 * before any customer is known, and it holds only hashes of the secrets.
 */
class RowSecurityTest {
    private static final List<String> READ_BEFORE_THE_CUSTOMER_IS_KNOWN = List.of("activation");

    private final TestService service = TestService.get();

    private List<String> tenantTables() {
        return service.database().asOwner(sql -> sql.fetch("select c.table_name from information_schema.columns c"
                + " join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema"
                + " where c.column_name = 'customer_id' and c.table_schema = 'public' and t.table_type = 'BASE TABLE'"
                + " order by 1").getValues(0, String.class)).stream()
                .filter(table -> !READ_BEFORE_THE_CUSTOMER_IS_KNOWN.contains(table)).toList();
    }

    @Test
    void everyTableWithACustomerIdHasRowLevelSecurity() {
        List<String> tables = tenantTables();
        Map<String, Boolean> protectedTables = new java.util.HashMap<>();
        service.database().asOwner(sql -> sql.fetch("select relname::text, relrowsecurity from pg_class"
                + " where relkind = 'r' and relname::text = any(?)", (Object) tables.toArray(String[]::new)))
                .forEach(row -> protectedTables.put(row.get(0, String.class), row.get(1, Boolean.class)));

        assertThat(tables).contains("organizationuser", "organizationuser_external_client", "invitation",
                "mail_outbox", "idempotency_key", "organization", "role", "externalclient", "event_log",
                "event_counter", "webhook", "webhook_delivery");
        assertThat(protectedTables).allSatisfy((table, on) -> assertThat(on).as(table).isTrue());
    }

    @Test
    void aQueryWithoutTheTenantPredicateSeesOnlyTheCallersRowsInEveryTable() {
        ApiClient alice = service.newCustomer();
        ApiClient bob = service.newCustomer();
        for (ApiClient client : List.of(alice, bob)) {
            String organization = client.post("/sales/organization/", Map.of("name", "Org")).json().get("id").asText();
            client.post("/accounts/permissions/role/", Map.of("name", "Role"));
            String external = client.post("/organization/externalclient/", Map.of("name", "Ext")).json().get("id")
                    .asText();
            String user = client.send("POST", "/accounts/users/organization/organizationuser/", Map.of(
                    "first_name", "Rls", "email", "rls@example.se", "detail_access", 0,
                    "organization", Map.of("id", organization), "external_clients", List.of(Map.of("id", external))),
                    Map.of("Idempotency-Key", "rls")).json().get("id").asText();
            client.post("/accounts/users/auth/invite/organization/organizationuser/", Map.of("id", user));
            // An object of every entity of the catalog, so a table added with an entity has rows too; read-only
            // ones (events, webhook deliveries) get theirs through the writes that produce them.
            EntityCatalog.ALL.forEach(entity -> SampleObjects.create(client, entity));
        }

        for (String table : tenantTables()) {
            long othersSeenByBob = service.database().forCustomer(bob.customerId(), session -> session.sql()
                    .fetchSingle("select count(*) from " + table + " where customer_id <> ?", bob.customerId())
                    .get(0, Long.class));
            long alicesRows = service.database().asOwner(sql -> sql.fetchSingle("select count(*) from " + table
                    + " where customer_id = ?", alice.customerId()).get(0, Long.class));

            assertThat(alicesRows).as("Alice has rows in " + table).isPositive();
            assertThat(othersSeenByBob).as(table).isZero();
        }
    }
}
