package se.accounts.resource;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jooq.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.accounts.entities.EntityCatalog;
import se.accounts.entities.ExternalClients;
import se.accounts.entities.OrganizationUsers;
import se.accounts.entities.Organizations;
import se.accounts.json.Json;
import se.accounts.model.Attribute;
import se.accounts.model.Entity;
import se.accounts.model.FieldType;
import se.accounts.query.EntitySql;
import se.accounts.support.ApiClient;
import se.accounts.support.SampleObjects;
import se.accounts.support.TestService;

/**
 * Lists, exports and detail responses write JSON straight from the result set ({@link RowJson}); the oracle is the
 * record path that write responses use ({@link ObjectJson}: jOOQ reads the row, each field type writes its value).
 * Every entity of the catalog, full and slim, as an unpaged list, a page with a count and JSON Lines, and each of
 * its objects as {@code GET {pk}/}, must give the same bytes.
 */
class ListJsonTest {
    private static final String AWKWARD = "Åsa \"Ö\" \\ 😀 \u0007 <&> \u2028";

    private static final int SETTLE_ATTEMPTS = 100;

    private final ApiClient client = TestService.get().newCustomer();

    static Stream<Entity> entities() {
        return EntityCatalog.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entities")
    void everyListFormWritesTheBytesOfTheRecordPath(Entity entity) {
        seed(entity);
        for (boolean slim : new boolean[] {false, true}) {
            String query = entity.path() + "list/?_order_by=id" + (slim ? "&_slim=true" : "");
            Function<List<String>, String> array = objects -> "[" + String.join(",", objects) + "]";

            assertSameAsRecordPath(entity, slim, query, () -> body(query), array);
            String page = query + "&_page=1&_page_size=1000&_statistics=true";
            assertSameAsRecordPath(entity, slim, page, () -> body(page), array);
            String lines = query + "&_jsonl=true";
            assertSameAsRecordPath(entity, slim, lines, () -> body(lines), objects -> String.join("\n", objects) + "\n");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entities")
    void theDetailResponseWritesTheBytesOfTheRecordPath(Entity entity) {
        seed(entity);

        assertSameAsRecordPath(entity, false, "GET {pk}/ of each object", () -> details(entity),
                objects -> String.join("\n", objects));
    }

    /** Each object's detail response, in id order, one per line; its ETag must name the stored version. */
    private String details(Entity entity) {
        Table<?> table = EntitySql.table(entity);
        Map<UUID, Long> versions = TestService.get().database().forCustomer(client.customerId(), session -> session
                .sql().select(EntitySql.id(entity), EntitySql.version(entity)).from(table).where(session.owns(table))
                .fetchMap(EntitySql.id(entity), EntitySql.version(entity)));
        List<String> bodies = new ArrayList<>();
        for (JsonNode object : Json.parse(body(entity.path() + "list/?_order_by=id&_slim=true")
                .getBytes(StandardCharsets.UTF_8))) {
            ApiClient.Response detail = client.get(entity.path() + object.get("id").asText() + "/");
            assertThat(detail.status()).as(detail.body()).isEqualTo(200);
            String etag = Precondition.etagOf(versions.get(UUID.fromString(object.get("id").asText())));
            if (!etag.equals(detail.header("ETag"))) {
                return "ETag " + detail.header("ETag") + " of " + object.get("id") + ", stored " + etag;
            }
            bodies.add(detail.body());
        }
        return String.join("\n", bodies);
    }

    /** Invitations and webhook deliveries change in the background (mail sent, delivery attempted): compared
     * when the record path reads the same objects before and after the list. */
    private void assertSameAsRecordPath(Entity entity, boolean slim, String query, Supplier<String> response,
                                        Function<List<String>, String> expected) {
        for (int attempt = 0; attempt < SETTLE_ATTEMPTS; attempt++) {
            List<String> before = recordPath(entity, slim);
            String actual = response.get();
            if (before.equals(recordPath(entity, slim))) {
                assertThat(before).as(entity + " has rows").hasSizeGreaterThanOrEqualTo(2);
                assertThat(actual).as(query).isEqualTo(expected.apply(before));
                return;
            }
            pause();
        }
        throw new AssertionError(entity + " kept changing");
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** So that the comparison above cannot pass on trivial data: every field type with a value somewhere. */
    @Test
    void theSeededObjectsHoldAValueOfEveryFieldType() {
        Set<FieldType> declared = new HashSet<>();
        Set<FieldType> seen = new HashSet<>();
        for (Entity entity : EntityCatalog.ALL) {
            seed(entity);
            for (String object : recordPath(entity, false)) {
                JsonNode json = Json.parse(object.getBytes(StandardCharsets.UTF_8));
                for (Attribute attribute : entity.attributes()) {
                    declared.add(attribute.type());
                    JsonNode value = json.get(attribute.name());
                    if (!value.isNull() && !(value.isArray() && value.isEmpty())) {
                        seen.add(attribute.type());
                    }
                }
            }
        }
        declared.remove(FieldType.ALWAYS_NULL);

        assertThat(seen).containsAll(declared);
    }

    /** Two objects of the entity; for users also one with awkward text, every relation, json arrays and a
     * date-time with microseconds and an offset. */
    private void seed(Entity entity) {
        SampleObjects.create(client, entity);
        SampleObjects.create(client, entity);
        if (entity != OrganizationUsers.ORGANIZATION_USER) {
            return;
        }
        Map<String, Object> user = new HashMap<>(SampleObjects.body(entity));
        user.put("first_name", AWKWARD);
        user.put("last_name", null);
        user.put("organization", Map.of("id", SampleObjects.create(client, Organizations.ORGANIZATION).get("id")
                .asText()));
        List<Object> externalClients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            externalClients.add(Map.of("id", SampleObjects.create(client, ExternalClients.EXTERNAL_CLIENT).get("id")
                    .asText()));
        }
        user.put("external_clients", externalClients);
        user.put("active_to", "2031-02-03T04:05:06.123456+02:00");
        user.put("birth_date", "1970-01-31");
        user.put("invoice_distribution_instruction", List.of(Map.of("to", AWKWARD, "amount", 1.5,
                "nested", Map.of("list", List.of(1, true, "x")))));
        ApiClient.Response created = client.post(entity.path(), user);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    /** The objects as the record path writes them, in id order. */
    private List<String> recordPath(Entity entity, boolean slim) {
        EntitySql.Selection selection = EntitySql.selection(entity, slim ? entity.slimAttributes()
                : entity.attributes());
        Table<?> table = EntitySql.table(entity);
        return TestService.get().database().forCustomer(client.customerId(), session -> session.sql()
                .select(selection.fields()).from(table).where(session.owns(table)).orderBy(EntitySql.id(entity))
                .fetch(row -> new String(new ObjectJson(selection).toBytes(row), StandardCharsets.UTF_8)));
    }

    private String body(String path) {
        ApiClient.Response response = client.get(path);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }
}
