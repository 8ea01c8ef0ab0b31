package se.accounts.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.accounts.AccountsService;
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
            return CountCache.Key.of(plan, statements.bind(plan, customer).countValues());
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
}
