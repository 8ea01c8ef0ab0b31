package se.accounts.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.accounts.entities.EntityCatalog;
import se.accounts.model.Action;
import se.accounts.model.Attribute;
import se.accounts.model.Entity;
import se.accounts.model.FieldType;
import se.accounts.model.Operator;
import se.accounts.support.ApiClient;
import se.accounts.support.FilterOracle;
import se.accounts.support.SampleObjects;
import se.accounts.support.TestService;

/**
 * Tenant isolation for every entity of the catalog and every operation, generated from the metamodel: customer
 * Bob never sees, counts, references or changes customer Alice's objects, and Alice's ids get exactly the answers
 * that random ids get.
 */
class IsolationMatrixTest {
    private final TestService service = TestService.get();
    private final ApiClient alice = service.newCustomer();
    private final ApiClient bob = service.newCustomer();

    static Stream<Entity> entities() {
        return EntityCatalog.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entities")
    void everyFilterOperatorAndSearchThatFindsAlicesObjectFindsNothingForBob(Entity entity) {
        JsonNode object = SampleObjects.create(alice, entity);
        FilterOracle oracle = new FilterOracle(entity, List.of(object), new Random(7));
        List<String> queries = new ArrayList<>();
        for (Attribute attribute : oracle.filterable()) {
            for (Operator operator : attribute.type().operators()) {
                FilterOracle.Case filter = oracle.filter(attribute, operator, false);
                queries.add(filter.query());
                queries.add(filter.negated().query());
            }
        }
        for (Attribute attribute : entity.searchAttributes()) {
            JsonNode value = object.get(attribute.name());
            if (!value.isNull()) {
                queries.add("_search=" + java.net.URLEncoder.encode(value.asText(),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        }

        for (String query : queries) {
            ApiClient.Response response = bob.get(entity.path() + "list/?_statistics=true&" + query);
            assertThat(response.status()).as(query + " " + response.body()).isEqualTo(200);
            assertThat(response.json()).as(query).isEmpty();
            assertThat(response.header("X-Total-Count")).as(query).isEqualTo("0");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entities")
    void alicesIdsAnswerBobExactlyAsRandomIdsDo(Entity entity) {
        String alicesId = SampleObjects.create(alice, entity).get("id").asText();
        String randomId = UUID.randomUUID().toString();
        Map<String, Object> change = SampleObjects.body(entity);

        for (String method : List.of("GET", "PATCH", "DELETE")) {
            ApiClient.Response forAlices = bob.send(method, entity.path() + alicesId + "/",
                    method.equals("PATCH") ? change : null, Map.of());
            ApiClient.Response forRandom = bob.send(method, entity.path() + randomId + "/",
                    method.equals("PATCH") ? change : null, Map.of());

            assertThat(forAlices.status()).as(method).isEqualTo(forRandom.status());
            assertThat(forAlices.body()).as(method).isEqualTo(forRandom.body());
        }
        if (entity.actions().contains(Action.CHANGE)) {
            Map<String, Object> alicesItem = new HashMap<>(change);
            alicesItem.put("id", alicesId);
            Map<String, Object> randomItem = new HashMap<>(change);
            randomItem.put("id", randomId);

            assertThat(bob.post(entity.path() + "list/", List.of(alicesItem)).body())
                    .isEqualTo(bob.post(entity.path() + "list/", List.of(randomItem)).body());
        }
        assertThat(alice.get(entity.path() + alicesId + "/").status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entities")
    void bobCannotPointARelationAtAlicesObjects(Entity entity) {
        if (!entity.actions().contains(Action.ADD)) {
            return;
        }
        for (Attribute relation : entity.attributes()) {
            boolean toOne = relation.type() == FieldType.TO_ONE;
            if (relation.isReadOnly() || !toOne && relation.type() != FieldType.TO_MANY
                    || !relation.target().actions().contains(Action.ADD)) {
                continue;
            }
            String alicesTarget = SampleObjects.create(alice, relation.target()).get("id").asText();
            Map<String, Object> pointingAtAlice = SampleObjects.body(entity);
            pointingAtAlice.put(relation.name(), reference(toOne, alicesTarget));
            Map<String, Object> pointingAtNothing = SampleObjects.body(entity);
            pointingAtNothing.put(relation.name(), reference(toOne, UUID.randomUUID().toString()));

            ApiClient.Response forAlices = bob.post(entity.path(), pointingAtAlice);
            ApiClient.Response forNothing = bob.post(entity.path(), pointingAtNothing);

            assertThat(forAlices.status()).as(relation.name()).isEqualTo(400);
            assertThat(forAlices.body()).as(relation.name()).isEqualTo(forNothing.body());
        }
    }

    @org.junit.jupiter.api.Test
    void invitingAlicesUserAnswersBobAsARandomIdDoes() {
        String alicesUser = SampleObjects.create(alice, se.accounts.entities.OrganizationUsers.ORGANIZATION_USER)
                .get("id").asText();
        String path = "/accounts/users/auth/invite/organization/organizationuser/";

        ApiClient.Response forAlices = bob.post(path, Map.of("id", alicesUser));
        ApiClient.Response forRandom = bob.post(path, Map.of("id", UUID.randomUUID().toString()));

        assertThat(forAlices.status()).isEqualTo(400);
        assertThat(forAlices.body()).isEqualTo(forRandom.body());
        assertThat(alice.get("/accounts/users/auth/invitation/list/?user=" + alicesUser).json()).isEmpty();
    }

    private static Object reference(boolean toOne, String id) {
        return toOne ? Map.of("id", id) : List.of(Map.of("id", id));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entities")
    void bobsListsAndCountsStayEmptyWhileAliceHasObjects(Entity entity) {
        SampleObjects.create(alice, entity);

        ApiClient.Response list = bob.get(entity.path() + "list/?_statistics=true&_page=1&_page_size=10");

        assertThat(list.json()).isEmpty();
        assertThat(list.header("X-Total-Count")).isEqualTo("0");
    }
}
