package se.accounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.accounts.entities.EntityCatalog;
import se.accounts.entities.OrganizationUsers;
import se.accounts.entities.Organizations;
import se.accounts.model.Action;
import se.accounts.model.Attribute;
import se.accounts.model.Entity;
import se.accounts.model.FieldType;
import se.accounts.model.Operator;
import se.accounts.support.ApiClient;
import se.accounts.support.FilterOracle;
import se.accounts.support.SampleObjects;
import se.accounts.support.SwedishNumbers;
import se.accounts.support.TestService;

/**
 * Filters sent to the service compared with an independent in-memory evaluation of the same filters over the same
 * objects ({@link FilterOracle}): every operator of every filterable field with and without {@code !}, then random
 * combinations (fixed seed). Catches disagreements in negation, null handling, case folding, escaping, quoting of
 * in-lists, date-time comparison and relation filters.
 */
class FilterPropertyTest {
    private static final long SEED = 20261126L;
    private static final int CASES_PER_OPERATOR = 3;
    private static final int RANDOM_COMBINATIONS = 1000;
    /** Case pairs of Swedish and other non-ASCII letters (ẞ lowercases to ß), LIKE's special characters, the
     * in-list's quote and separator. */
    private static final String ALPHABET = "aAbBåÅäÄöÖéÉßẞ%_\\ ,\"x";

    private final ApiClient client = TestService.get().newCustomer();
    private final Random random = new Random(SEED);

    /** Organizations and users with hand-made data, and every other entity that can be created with random data
     * made from its declaration, so an entity added later is covered without changing this test. */
    static Stream<Arguments> entities() {
        BiFunction<FilterPropertyTest, Entity, List<JsonNode>> organizations = FilterPropertyTest::seedOrganizations;
        BiFunction<FilterPropertyTest, Entity, List<JsonNode>> users = FilterPropertyTest::seedUsers;
        BiFunction<FilterPropertyTest, Entity, List<JsonNode>> declared = FilterPropertyTest::seedFromDeclaration;
        return Stream.concat(Stream.of(Arguments.of(Organizations.ORGANIZATION, organizations),
                        Arguments.of(OrganizationUsers.ORGANIZATION_USER, users)),
                EntityCatalog.ALL.stream().filter(entity -> entity != Organizations.ORGANIZATION
                                && entity != OrganizationUsers.ORGANIZATION_USER && entity.actions().contains(Action.ADD))
                        .map(entity -> Arguments.of(entity, declared)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entities")
    void everyOperatorOfEveryFieldWithAndWithoutNegationAgreesWithTheOracle(
            Entity entity, BiFunction<FilterPropertyTest, Entity, List<JsonNode>> seed) {
        List<JsonNode> rows = seed.apply(this, entity);
        FilterOracle oracle = new FilterOracle(entity, rows, random);
        for (Attribute attribute : oracle.filterable()) {
            for (Operator operator : attribute.type().operators()) {
                for (boolean negated : new boolean[] {false, true}) {
                    for (int i = 0; i < CASES_PER_OPERATOR; i++) {
                        check(entity, rows, List.of(oracle.filter(attribute, operator, negated)));
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entities")
    void randomCombinationsOfFiltersAgreeWithTheOracle(
            Entity entity, BiFunction<FilterPropertyTest, Entity, List<JsonNode>> seed) {
        List<JsonNode> rows = seed.apply(this, entity);
        FilterOracle oracle = new FilterOracle(entity, rows, random);
        for (int i = 0; i < RANDOM_COMBINATIONS; i++) {
            List<FilterOracle.Case> filters = new ArrayList<>();
            Set<String> parameters = new HashSet<>();
            int count = 1 + random.nextInt(3);
            while (filters.size() < count) {
                FilterOracle.Case filter = oracle.any();
                if (parameters.add(filter.parameter())) {
                    filters.add(filter);
                }
            }
            check(entity, rows, filters);
        }
    }

    private void check(Entity entity, List<JsonNode> rows, List<FilterOracle.Case> filters) {
        String query = String.join("&", filters.stream().map(FilterOracle.Case::query).toList());
        Predicate<JsonNode> expected = filters.stream().map(FilterOracle.Case::expected)
                .reduce(row -> true, Predicate::and);

        ApiClient.Response response = client.get(entity.path() + "list/?" + query + "&_order_by=id&_statistics=true");

        assertThat(response.status()).as(query + " -> " + response.body()).isEqualTo(200);
        List<String> actual = new ArrayList<>();
        response.json().forEach(object -> actual.add(object.get("id").asText()));
        List<String> wanted = rows.stream().filter(expected).map(row -> row.get("id").asText()).sorted().toList();
        assertThat(actual).as(query).isEqualTo(wanted);
        assertThat(response.header("X-Total-Count")).as(query).isEqualTo(Integer.toString(wanted.size()));
    }

    private List<JsonNode> seedOrganizations(Entity entity) {
        String list = entity.path() + "list/";
        List<Object> first = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            first.add(organization(i, null));
        }
        JsonNode created = created(list, first);
        List<Object> second = new ArrayList<>();
        for (int i = 40; i < 60; i++) {
            second.add(organization(i, random.nextBoolean() ? created.get(random.nextInt(40)).get("id").asText()
                    : null));
        }
        created(list, second);
        return all(list);
    }

    private Map<String, Object> organization(int index, String parent) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", randomText(8).strip() + "#" + index);
        body.put("custom_id", sometimes(randomText(5).strip() + "c"));
        body.put("organization", parent == null ? null : Map.of("id", parent));
        return body;
    }

    private List<JsonNode> seedUsers(Entity entity) {
        List<String> organizations = ids(created("/sales/organization/list/",
                List.of(Map.of("name", "One"), Map.of("name", "Two"), Map.of("name", "Three"))));
        List<String> roles = ids(created("/accounts/permissions/role/list/",
                List.of(Map.of("name", "Admin"), Map.of("name", "Reader"))));
        List<String> externalClients = ids(created("/organization/externalclient/list/",
                List.of(Map.of("name", "Fortnox"), Map.of("name", "Visma"), Map.of("name", "Bank"))));
        String list = entity.path() + "list/";
        List<String> userIds = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            List<Object> bodies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                bodies.add(user(batch * 20 + i, organizations, roles, externalClients));
            }
            userIds.addAll(ids(created(list, bodies)));
        }
        for (int i = 0; i < 5; i++) {
            String id = userIds.get(random.nextInt(userIds.size()));
            assertThat(client.patch(entity.path() + id + "/", Map.of("anonymized", true)).status()).isEqualTo(200);
        }
        return all(list);
    }

    private Map<String, Object> user(int index, List<String> organizations, List<String> roles,
                                     List<String> externalClients) {
        Map<String, Object> body = new HashMap<>();
        body.put("first_name", sometimes(randomText(8).strip() + "f"));
        body.put("last_name", sometimes(randomText(8).strip() + "l"));
        body.put("corporate_name", random.nextInt(4) == 0 ? randomText(8).strip() + " AB" : null);
        if (body.get("first_name") == null && body.get("last_name") == null) {
            body.put("corporate_name", "Bolag " + index);
        }
        body.put("custom_id", sometimes(randomText(5).strip() + "c"));
        body.put("email", sometimes(randomText(4).replaceAll("[^aAbBx%_]", "") + index + "@ex" + "åa".charAt(
                random.nextInt(2)) + ".se"));
        body.put("phone_number", sometimes("+467" + (1000000 + random.nextInt(9000000))));
        LocalDate birth = LocalDate.of(1940 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28));
        boolean coordination = random.nextInt(5) == 0;
        body.put("ssn", sometimes(SwedishNumbers.personalNumber(birth, random.nextInt(1000), coordination,
                random.nextBoolean())));
        body.put("ssn_is_coordination_number", body.get("ssn") != null && coordination);
        body.put("birth_date", sometimes(birth.toString()));
        body.put("org_no", sometimes(SwedishNumbers.organizationNumber(
                Integer.toString(100000000 + random.nextInt(899999999)), random.nextBoolean())));
        body.put("fmi", sometimes("FMI" + (10000000000000L + random.nextInt(1000000))));
        body.put("organization", random.nextBoolean() ? null
                : Map.of("id", organizations.get(random.nextInt(organizations.size()))));
        body.put("role", random.nextBoolean() ? null : Map.of("id", roles.get(random.nextInt(roles.size()))));
        body.put("detail_access", random.nextInt(3));
        body.put("is_active", random.nextBoolean());
        body.put("active_to", sometimes(Instant.parse("2025-01-01T00:00:00Z")
                .plusSeconds(random.nextInt(86400 * 30)).plusNanos(random.nextInt(1000000) * 1000L)
                .atOffset(ZoneOffset.ofHours(random.nextInt(3))).toString()));
        body.put("anonymization_name", sometimes(randomText(6).strip() + "n"));
        body.put("prefer_invoice_view_only", random.nextBoolean());
        List<Object> related = new ArrayList<>();
        for (String externalClient : externalClients) {
            if (random.nextInt(3) == 0) {
                related.add(Map.of("id", externalClient));
            }
        }
        body.put("external_clients", related);
        return body;
    }

    /**
     * Sixty objects with random values of each writable field's type: strings from the awkward alphabet (those
     * with a pattern or rules take their declared example), a few related objects per to-one relation, nulls where
     * the field allows them.
     */
    private List<JsonNode> seedFromDeclaration(Entity entity) {
        Map<Attribute, List<String>> targets = new HashMap<>();
        for (Attribute attribute : entity.attributes()) {
            if (attribute.type() == FieldType.TO_ONE && !attribute.isReadOnly()) {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    ids.add(SampleObjects.create(client, attribute.target()).get("id").asText());
                }
                targets.put(attribute, ids);
            }
        }
        String list = entity.path() + "list/";
        for (int batch = 0; batch < 3; batch++) {
            List<Object> bodies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Map<String, Object> body = new HashMap<>(SampleObjects.body(entity));
                for (Attribute attribute : entity.attributes()) {
                    if (attribute.isReadOnly()) {
                        continue;
                    }
                    if (attribute.isNullable() && random.nextInt(10) < 3) {
                        body.put(attribute.name(), null);
                    } else {
                        randomValue(entity, attribute, targets, batch * 20 + i)
                                .ifPresent(value -> body.put(attribute.name(), value));
                    }
                }
                bodies.add(body);
            }
            created(list, bodies);
        }
        return all(list);
    }

    /** A random value for a writable field, or empty to keep the sample's; {@code index} keeps unique fields
     * unique. */
    private Optional<Object> randomValue(Entity entity, Attribute attribute, Map<Attribute, List<String>> targets,
                                         int index) {
        FieldType type = attribute.type();
        if (type == FieldType.STRING && attribute.pattern() == null && attribute.rules().isEmpty()) {
            boolean unique = entity.uniques().stream().anyMatch(u -> u.field().equals(attribute.name()));
            String text = randomText(Math.max(1, Math.min(attribute.maxLength(), 8) - 3)).strip() + "s";
            return Optional.of(unique ? text + "#" + index : text);
        }
        if (type == FieldType.TO_ONE) {
            List<String> ids = targets.get(attribute);
            return Optional.of(Map.of("id", ids.get(random.nextInt(ids.size()))));
        }
        if (type == FieldType.BOOLEAN) {
            return Optional.of(random.nextBoolean());
        }
        if (type == FieldType.INTEGER_ENUM) {
            List<Integer> values = List.copyOf(attribute.allowedValues());
            return Optional.of(values.get(random.nextInt(values.size())));
        }
        if (type == FieldType.INTEGER && attribute.rules().isEmpty()) {
            return Optional.of(random.nextInt(7) - 3);
        }
        if (type == FieldType.DATE) {
            return Optional.of(LocalDate.of(1950 + random.nextInt(70), 1 + random.nextInt(12),
                    1 + random.nextInt(28)).toString());
        }
        if (type == FieldType.DATETIME) {
            return Optional.of(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(random.nextInt(86400 * 30))
                    .toString());
        }
        return Optional.empty();
    }

    private JsonNode created(String path, List<Object> bodies) {
        ApiClient.Response response = client.post(path, bodies);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private List<JsonNode> all(String list) {
        List<JsonNode> rows = new ArrayList<>();
        client.get(list).json().forEach(rows::add);
        return rows;
    }

    private static List<String> ids(JsonNode objects) {
        List<String> ids = new ArrayList<>();
        objects.forEach(object -> ids.add(object.get("id").asText()));
        return ids;
    }

    private <T> T sometimes(T value) {
        return random.nextInt(10) < 7 ? value : null;
    }

    private String randomText(int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(maxLength);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
