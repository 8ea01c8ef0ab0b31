package se.accounts.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.accounts.AccountsService;
import se.accounts.db.EmbeddedDatabase;
import se.accounts.entities.EventLog;
import se.accounts.entities.OrganizationUsers;
import se.accounts.model.Entity;
import se.accounts.query.EntitySql;
import se.accounts.query.ListPlan;
import se.accounts.query.ListPlanner;
import se.accounts.query.ListRequestParser;
import se.accounts.query.ListStatements;
import se.accounts.query.QueryParameter;
import se.accounts.support.ApiClient;
import se.accounts.support.SeparateService;
import se.accounts.support.TestService;

/**
 * `_statistics=true` counts are cached per customer, filters and data version: paging does not count again, and
 * every kind of write (one object, a delete, a bulk write, an anonymization) makes the next count exact, also when
 * another instance on the same database wrote.
 */
class CountCacheTest {
    private static final String USERS = OrganizationUsers.ORGANIZATION_USER.path();
    private static final String COUNTED = USERS + "list/?first_name__icontains=zorbakk&_statistics=true"
            + "&_page=%d&_page_size=1";

    private static String total(ApiClient client, int page) {
        ApiClient.Response response = client.get(COUNTED.formatted(page));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.header("X-Total-Count");
    }

    private static String create(ApiClient client) {
        ApiClient.Response created = client.post(USERS, Map.of("first_name", "Zorbakk", "detail_access", 0));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    @Test
    void theCountIsExactAfterEveryKindOfWrite() {
        ApiClient client = TestService.get().newCustomer();
        create(client);
        String deleted = create(client);
        String anonymized = create(client);
        assertThat(total(client, 1)).isEqualTo("3");
        assertThat(total(client, 2)).isEqualTo("3");

        create(client);
        assertThat(total(client, 2)).isEqualTo("4");

        assertThat(client.delete(USERS + deleted + "/").status()).isEqualTo(204);
        assertThat(total(client, 1)).isEqualTo("3");

        ApiClient.Response bulk = client.post(USERS + "list/", List.of(
                Map.of("first_name", "Zorbakk", "detail_access", 0), Map.of("first_name", "Zorbakk", "detail_access", 0)));
        assertThat(bulk.status()).as(bulk.body()).isEqualTo(201);
        assertThat(total(client, 1)).isEqualTo("5");

        assertThat(client.patch(USERS + anonymized + "/", Map.of("anonymized", true)).status()).isEqualTo(200);
        assertThat(total(client, 1)).isEqualTo("4");
        assertThat(client.get(USERS + "list/?first_name__icontains=zorbakk&_statistics=true&_page=1&_page_size=0")
                .header("X-Total-Count")).isEqualTo("4");
    }

    /** An {@code in} list is bound as one array: two requests with the same items share one cached count. */
    @Test
    void aCountWithAnInListIsKeptByTheListsItems() {
        Entity user = OrganizationUsers.ORGANIZATION_USER;
        ListStatements statements = new ListStatements(user, EntitySql.selection(user, user.attributes()),
                EntitySql.selection(user, user.slimAttributes()));
        UUID customer = UUID.randomUUID();
        java.util.function.Function<String, CountCache.Key> key = names -> {
            ListPlan plan = ListPlanner.plan(ListRequestParser.parse(List.of(
                    new QueryParameter("first_name__in", names), new QueryParameter("_statistics", "true"))), user);
            ListStatements.Bound bound = statements.bind(plan, customer);
            return CountCache.Key.of(bound.shape(), bound.countValues());
        };

        assertThat(key.apply("Ann,Bo")).isEqualTo(key.apply("Ann,Bo")).hasSameHashCodeAs(key.apply("Ann,Bo"))
                .isNotEqualTo(key.apply("Ann,Bob"));
    }

    /**
     * The event log is read through a view, whose tables' writes raise no version of the view's name: a cached
     * count would stay at its first value. Views' counts are counted every time.
     */
    @Test
    void theCountOfAnEntityReadThroughAViewIsExactAfterAWrite() {
        ApiClient client = TestService.get().newCustomer();
        create(client);
        String events = EventLog.EVENT_LOG.path() + "list/?_statistics=true&_page=%d&_page_size=1";
        String before = client.get(events.formatted(1)).header("X-Total-Count");
        assertThat(client.get(events.formatted(2)).header("X-Total-Count")).isEqualTo(before);

        create(client);

        assertThat(Long.parseLong(client.get(events.formatted(2)).header("X-Total-Count")))
                .isEqualTo(Long.parseLong(before) + 1);
    }

    @Test
    void aCountCachedByOneInstanceSeesTheWritesOfAnother() throws Exception {
        try (SeparateService separate = new SeparateService()) {
            AccountsService second = AccountsService.start(separate.config(),
                    new PrintStream(new ByteArrayOutputStream()));
            try {
                ApiClient first = separate.client();
                ApiClient other = first.rebased("http://127.0.0.1:" + second.port());
                create(first);
                assertThat(total(first, 1)).isEqualTo("1");
                assertThat(total(other, 1)).isEqualTo("1");

                create(other);

                assertThat(total(first, 1)).isEqualTo("2");
            } finally {
                second.close();
            }
        }
    }

    /**
     * The version is raised once per transaction and table, remembered in a transaction-local setting; but a custom
     * setting, once named, stays defined on its connection for good. Named per customer (V13_1), every pooled
     * connection grew by about 375 bytes per customer it ever wrote for. pg_settings does not list such settings
     * (PostgreSQL hides placeholders), so the test reads the memory the connection keeps its settings in.
     */
    @Test
    void writesForManyCustomersOnOneConnectionDoNotGrowItsSettings() throws Exception {
        int customers = 500;
        try (EmbeddedDatabase attached = EmbeddedDatabase.startOrAttach(TestService.get().config().dataDir());
                Connection connection = DriverManager.getConnection(attached.settings().jdbcUrl(),
                        attached.settings().user(), attached.settings().password())) {
            writeAnOrganizationForNewCustomers(connection, 3);
            long afterAFew = settingsMemory(connection);

            writeAnOrganizationForNewCustomers(connection, customers);

            assertThat(afterAFew).isPositive();
            assertThat(settingsMemory(connection) - afterAFew).as("bytes more after %d customers", customers)
                    .isLessThan(customers);
        }
    }

    /** Each statement its own transaction (auto-commit), at whose commit the version is raised. */
    private static void writeAnOrganizationForNewCustomers(Connection connection, int customers) throws Exception {
        try (PreparedStatement customer = connection.prepareStatement("insert into customer (id, name) values (?, ?)");
                PreparedStatement organization = connection.prepareStatement(
                        "insert into organization (customer_id, id, name) values (?, ?, 'Settings AB')")) {
            for (int i = 0; i < customers; i++) {
                UUID id = UUID.randomUUID();
                customer.setObject(1, id);
                customer.setString(2, "Settings " + id);
                customer.executeUpdate();
                organization.setObject(1, id);
                organization.setObject(2, UUID.randomUUID());
                organization.executeUpdate();
            }
        }
    }

    /** The bytes in use for the settings of this connection: their values and their names' hash table. */
    private static long settingsMemory(Connection connection) throws Exception {
        try (ResultSet used = connection.createStatement().executeQuery("select sum(used_bytes)"
                + " from pg_backend_memory_contexts where name in ('GUCMemoryContext', 'GUC hash table')")) {
            used.next();
            return used.getLong(1);
        }
    }
}
