package se.accounts.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.TestService;

class TenantIsolationTest {
    private final TestService service = TestService.get();
    private final ApiClient alice = service.newCustomer();
    private final ApiClient bob = service.newCustomer();

    private String createOrganization(ApiClient client, String name) {
        ApiClient.Response created = client.post("/sales/organization/", Map.of("name", name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    @Test
    void anotherCustomersObjectIsNotFound() {
        String id = createOrganization(alice, "Alice AB");

        assertThat(bob.get("/sales/organization/" + id + "/").status()).isEqualTo(404);
        assertThat(bob.patch("/sales/organization/" + id + "/", Map.of("name", "Stolen")).status())
                .isEqualTo(404);
        assertThat(bob.delete("/sales/organization/" + id + "/").status()).isEqualTo(404);
        assertThat(alice.get("/sales/organization/" + id + "/").json().get("name").asText()).isEqualTo("Alice AB");
    }

    @Test
    void listsAndCountsShowOnlyTheCallersRows() {
        createOrganization(alice, "Shared name");
        createOrganization(bob, "Shared name");

        ApiClient.Response list = bob.get("/sales/organization/list/?_statistics=true");

        assertThat(list.json()).hasSize(1);
        assertThat(list.header("X-Total-Count")).isEqualTo("1");
    }

    @Test
    void uniquenessIsPerCustomer() {
        createOrganization(alice, "Same");

        assertThat(bob.post("/sales/organization/", Map.of("name", "Same")).status()).isEqualTo(201);
    }

    @Test
    void referencingAnotherCustomersObjectIsAFieldError() {
        String aliceOrganization = createOrganization(alice, "Parent");

        ApiClient.Response response = bob.post("/sales/organization/",
                Map.of("name", "Child", "organization", Map.of("id", aliceOrganization)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().has("organization")).isTrue();
    }

    @Test
    void rowLevelSecurityHidesOtherCustomersRowsFromAQueryWithoutThePredicate() {
        createOrganization(alice, "Visible only to Alice");
        createOrganization(bob, "Visible only to Bob");

        List<UUID> seenByBob = service.database().forCustomer(bob.customerId(), session -> session.sql()
                .fetch("select customer_id from organization").getValues(0, UUID.class));

        assertThat(seenByBob).isNotEmpty().containsOnly(bob.customerId());
    }

    /**
     * The statements the list engine runs come through {@code execute}: first in their transaction, the tenant
     * setting goes in front of them in the same round trip, or alone before a cursor. Row-level security must
     * already confine them, without any predicate of their own.
     */
    @Test
    void rowLevelSecurityConfinesTheFirstStatementRunInTheTenantSettingsRoundTripAndThroughACursor() {
        createOrganization(alice, "Visible only to Alice");
        createOrganization(bob, "Visible only to Bob");
        TenantSql unscoped = TenantSql.of("select customer_id from organization");

        for (int fetchSize : new int[] {0, 500}) {
            List<UUID> seenByBob = service.database().forCustomer(bob.customerId(), session -> {
                List<UUID> seen = new java.util.ArrayList<>();
                try (var executed = session.execute(unscoped, new Object[0], fetchSize);
                     var rows = executed.getResultSet()) {
                    while (rows.next()) {
                        seen.add(rows.getObject(1, UUID.class));
                    }
                }
                return seen;
            });

            assertThat(seenByBob).as("fetch size " + fetchSize).isNotEmpty().containsOnly(bob.customerId());
        }
    }

    /**
     * A read's last statement may commit in its own round trip ({@code executeThenCommit}); the tenant setting is
     * the transaction's, so it ends there too. Whatever runs after it, first in a new transaction, must be confined
     * to the same customer again, whether through {@code execute} or the jOOQ context.
     */
    @Test
    void statementsAfterAReadCommittedWithItsLastStatementAreConfinedToTheSameCustomer() {
        createOrganization(alice, "Visible only to Alice");
        createOrganization(bob, "Visible only to Bob");
        TenantSql unscoped = TenantSql.of("select customer_id from organization");

        List<List<UUID>> seen = service.database().forCustomer(bob.customerId(), session -> {
            List<List<UUID>> each = new java.util.ArrayList<>();
            for (int round = 0; round < 2; round++) {
                try (var executed = session.executeThenCommit(unscoped, new Object[0]);
                     var rows = executed.getResultSet()) {
                    List<UUID> customers = new java.util.ArrayList<>();
                    while (rows.next()) {
                        customers.add(rows.getObject(1, UUID.class));
                    }
                    each.add(customers);
                }
            }
            each.add(session.sql().fetch("select customer_id from organization").getValues(0, UUID.class));
            try (var executed = session.execute(unscoped, new Object[0], 500); var rows = executed.getResultSet()) {
                List<UUID> customers = new java.util.ArrayList<>();
                while (rows.next()) {
                    customers.add(rows.getObject(1, UUID.class));
                }
                each.add(customers);
            }
            return each;
        });

        assertThat(seen).hasSize(4).allSatisfy(customers ->
                assertThat(customers).isNotEmpty().containsOnly(bob.customerId()));
    }

    @Test
    void rowLevelSecurityShowsNothingWithoutACustomer() {
        createOrganization(alice, "Anything");

        int visible = service.database().withoutCustomer(sql -> sql.fetch(
                "select 1 from organization").size());

        assertThat(visible).isZero();
    }

    @Test
    void rowLevelSecurityRefusesWritingAnotherCustomersRow() {
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() ->
                service.database().forCustomer(bob.customerId(), session -> session.sql().execute(
                        "insert into organization (customer_id, id, name) values (?, ?, 'x')",
                        alice.customerId(), Ids.next())));

        assertThat(failure).hasMessageContaining("row-level security");
    }
}
