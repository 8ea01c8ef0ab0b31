package se.accounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.accounts.entities.OrganizationUsers;
import se.accounts.model.Entity;
import se.accounts.support.ApiClient;
import se.accounts.support.TestService;

/**
 * An {@code in} list is bound as one array ({@code = any(?)}): every length is one statement shape, compiled and
 * cached once, and lists of any length up to the bound return exactly their rows.
 */
class InListTest {
    private static final Entity USER = OrganizationUsers.ORGANIZATION_USER;
    private static final int USERS = 500;

    private static ListPlan plan(String parameter, String value) {
        return ListPlanner.plan(ListRequestParser.parse(List.of(new QueryParameter(parameter, value),
                new QueryParameter("_page", "1"), new QueryParameter("_page_size", "25"))), USER);
    }

    @Test
    void everyLengthOfAnInListSharesOneStatement() {
        ListStatements statements = new ListStatements(USER, EntitySql.selection(USER, USER.attributes()),
                EntitySql.selection(USER, USER.slimAttributes()));
        UUID customer = UUID.randomUUID();

        ListStatements.Bound one = statements.bind(plan("first_name__in", "a"), customer);
        ListStatements.Bound two = statements.bind(plan("first_name__in", "a,b"), customer);
        ListStatements.Bound none = statements.bind(plan("first_name__in", ""), customer);
        ListStatements.Bound ids = statements.bind(plan("external_clients", UUID.randomUUID() + "," + UUID.randomUUID()),
                customer);
        ListStatements.Bound oneId = statements.bind(plan("external_clients", UUID.randomUUID().toString()), customer);

        assertThat(two.rows()).isSameAs(one.rows());
        assertThat(none.rows()).isSameAs(one.rows());
        assertThat(two.count()).isSameAs(one.count());
        assertThat(one.rows().alone()).contains("= any(cast(? as varchar[]))");
        assertThat(oneId.rows()).isSameAs(ids.rows());
        assertThat(ids.rows().alone()).contains("= any(cast(? as uuid[]))");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, USERS})
    void anInListReturnsExactlyTheRowsOfItsItems(int items) {
        ApiClient client = TestService.get().newCustomer();
        List<Map<String, Object>> users = new ArrayList<>();
        IntStream.range(0, USERS).forEach(i -> users.add(Map.of("first_name", "In" + i, "detail_access", 0)));
        users.add(Map.of("first_name", "Other", "detail_access", 0));
        ApiClient.Response created = client.post(USER.path() + "list/", users);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        List<String> names = IntStream.range(0, items).mapToObj(i -> "In" + (i * 7 % USERS)).toList();

        ApiClient.Response found = client.get(USER.path() + "list/?_page=1&_page_size=1000&first_name__in="
                + String.join(",", names));
        ApiClient.Response others = client.get(USER.path() + "list/?_page=1&_page_size=1000&first_name__in!="
                + String.join(",", names));

        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(firstNames(found)).isEqualTo(new HashSet<>(names)).hasSize(items);
        assertThat(firstNames(others)).hasSize(USERS + 1 - items).contains("Other").doesNotContainAnyElementsOf(names);
    }

    private static Set<String> firstNames(ApiClient.Response response) {
        Set<String> names = new HashSet<>();
        for (JsonNode user : response.json()) {
            names.add(user.get("first_name").asText());
        }
        return names;
    }
}
