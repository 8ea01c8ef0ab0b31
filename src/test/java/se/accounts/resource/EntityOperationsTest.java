package se.accounts.resource;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.accounts.support.ApiClient;
import se.accounts.support.TestService;

/** Every operation of the generic engine, through HTTP, on each entity that has a unique name. */
class EntityOperationsTest {
    private final ApiClient client = TestService.get().newCustomer();

    private static List<Object> namedItems(int count) {
        return IntStream.range(0, count).mapToObj(i -> (Object) Map.of("name", "bulk " + i)).toList();
    }

    private JsonNode create(String path, Map<String, Object> body) {
        ApiClient.Response response = client.post(path, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sales/organization/", "/accounts/permissions/role/"})
    void createReturnsTheFullObjectWithAnETag(String path) {
        ApiClient.Response response = client.post(path, Map.of("name", "  Ekonomi  ", "custom_id", "E-1"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
        JsonNode object = response.json();
        assertThat(object.get("name").asText()).isEqualTo("Ekonomi");
        assertThat(object.get("custom_id").asText()).isEqualTo("E-1");
        assertThat(object.get("organization").isNull()).isTrue();
        assertThat(object.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,6})?Z");
        assertThat(UUID.fromString(object.get("id").asText()).version()).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sales/organization/", "/accounts/permissions/role/"})
    void getReturnsWhatCreateReturned(String path) {
        JsonNode created = create(path, Map.of("name", "Get me"));

        ApiClient.Response response = client.get(path + created.get("id").asText() + "/");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(created);
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sales/organization/", "/accounts/permissions/role/"})
    void patchChangesOnlyTheGivenFieldsAndIgnoresReadOnlyOnes(String path) {
        JsonNode created = create(path, Map.of("name", "Before", "custom_id", "keep"));
        String url = path + created.get("id").asText() + "/";

        ApiClient.Response response = client.patch(url, Map.of("name", "After", "created_at", "2000-01-01T00:00:00Z",
                "id", UUID.randomUUID().toString()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).isEqualTo("\"2\"");
        assertThat(response.json().get("name").asText()).isEqualTo("After");
        assertThat(response.json().get("custom_id").asText()).isEqualTo("keep");
        assertThat(response.json().get("created_at")).isEqualTo(created.get("created_at"));
        assertThat(response.json().get("id")).isEqualTo(created.get("id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sales/organization/", "/accounts/permissions/role/"})
    void emptyStringClearsANullableField(String path) {
        JsonNode created = create(path, Map.of("name", "Clear", "custom_id", "x"));

        JsonNode updated = client.patch(path + created.get("id").asText() + "/", Map.of("custom_id", "  ")).json();

        assertThat(updated.get("custom_id").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sales/organization/", "/accounts/permissions/role/"})
    void deleteRemovesTheObject(String path) {
        String url = path + create(path, Map.of("name", "Gone")).get("id").asText() + "/";

        ApiClient.Response response = client.delete(url);

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(client.get(url).status()).isEqualTo(404);
        assertThat(client.delete(url).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sales/organization/", "/accounts/permissions/role/"})
    void duplicateNameIsAFieldErrorNotAServerError(String path) {
        create(path, Map.of("name", "Twice"));

        ApiClient.Response response = client.post(path, Map.of("name", "Twice"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("name").get(0).asText()).endsWith("with this name already exists.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sales/organization/", "/accounts/permissions/role/"})
    void fieldTypeAndLengthErrorsNameTheField(String path) {
        ApiClient.Response response = client.post(path, Map.of("name", "x".repeat(256), "custom_id", 5,
                "organization", "not-an-object"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("name").get(0).asText()).contains("no more than 255 characters");
        assertThat(response.json().get("custom_id").get(0).asText()).isEqualTo("Not a valid string.");
        assertThat(response.json().get("organization").get(0).asText()).contains("{\"id\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sales/organization/", "/accounts/permissions/role/"})
    void unknownRelationIdIsAFieldError(String path) {
        ApiClient.Response response = client.post(path, Map.of("name", "Orphan",
                "organization", Map.of("id", UUID.randomUUID().toString())));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("organization").get(0).asText()).contains("no organization");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sales/organization/", "/accounts/permissions/role/"})
    void bulkWriteCreatesAndUpdatesInInputOrder(String path) {
        JsonNode existing = create(path, Map.of("name", "Existing"));
        List<Object> items = List.of(Map.of("name", "First"),
                Map.of("id", existing.get("id").asText(), "custom_id", "updated"), Map.of("name", "Third"));

        ApiClient.Response response = client.post(path + "list/", items);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json()).extracting(n -> n.get("name").asText())
                .containsExactly("First", "Existing", "Third");
        assertThat(response.json().get(1).get("custom_id").asText()).isEqualTo("updated");
        assertThat(response.json().get(0).get("created_at")).isEqualTo(response.json().get(2).get("created_at"));
        assertThat(response.json().get(0).get("id").asText()).isLessThan(response.json().get(2).get("id").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sales/organization/", "/accounts/permissions/role/"})
    void bulkWriteIsAllOrNothingWithPerItemErrors(String path) {
        List<Object> items = List.of(Map.of("name", "Fine"), Map.of("colour", "red"),
                Map.of("name", "Same"), Map.of("name", "Same"),
                Map.of("id", UUID.randomUUID().toString(), "name", "Ghost"));

        ApiClient.Response response = client.post(path + "list/", items);

        assertThat(response.status()).isEqualTo(400);
        JsonNode errors = response.json();
        assertThat(errors).hasSize(5);
        assertThat(errors.get(0).isEmpty()).isTrue();
        assertThat(errors.get(1).has("colour")).isTrue();
        assertThat(errors.get(2).isEmpty()).isTrue();
        assertThat(errors.get(3).get("name").get(0).asText()).endsWith("already exists.");
        assertThat(errors.get(4).get("id").get(0).asText()).isEqualTo("Object with this id does not exist.");
        assertThat(client.get(path + "list/?name=Fine").json()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sales/organization/", "/accounts/permissions/role/"})
    void bulkWriteRefusesMoreThanAThousandItems(String path) {
        ApiClient.Response response = client.post(path + "list/", namedItems(1001));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("non_field_errors").get(0).asText()).contains("At most 1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sales/organization/", "/accounts/permissions/role/"})
    void bulkWriteOfAThousandItemsSucceeds(String path) {
        ApiClient.Response response = client.post(path + "list/", namedItems(1000));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json()).hasSize(1000);
        assertThat(client.get(path + "list/?name__startswith=bulk%20&_statistics=true&_page=1&_page_size=0")
                .header("X-Total-Count")).isEqualTo("1000");
    }

    /**
     * Found by fuzzing: every PATCH counted as a new version, so a client that sent back what it read (or an empty
     * body) made every other client's If-Match stale although the object, and the event log, had not changed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/sales/organization/", "/accounts/permissions/role/"})
    void anUpdateThatChangesNothingKeepsTheETag(String path) {
        JsonNode created = create(path, Map.of("name", "Unchanged", "custom_id", "same"));
        String url = path + created.get("id").asText() + "/";

        ApiClient.Response empty = client.patch(url, Map.of());
        ApiClient.Response sameValues = client.patch(url, Map.of("name", "Unchanged", "custom_id", " same "));

        assertThat(empty.header("ETag")).isEqualTo("\"1\"");
        assertThat(sameValues.header("ETag")).isEqualTo("\"1\"");
        assertThat(client.send("PATCH", url, Map.of("custom_id", "other"), Map.of("If-Match", "\"1\"")).status())
                .isEqualTo(200);
    }

    /** To-many ids are compared as a set: changing them alone is a write; the same ids reordered are not. */
    @Test
    void anUpdateOfToManyIdsAloneIsAWriteAndTheSameIdsReorderedAreNot() {
        String first = create("/organization/externalclient/", Map.of("name", "First")).get("id").asText();
        String second = create("/organization/externalclient/", Map.of("name", "Second")).get("id").asText();
        String users = "/accounts/users/organization/organizationuser/";
        String url = users + create(users, Map.of("first_name", "Linked", "detail_access", 0,
                "external_clients", List.of(Map.of("id", first)))).get("id").asText() + "/";

        ApiClient.Response added = client.patch(url, Map.of("external_clients",
                List.of(Map.of("id", first), Map.of("id", second))));
        ApiClient.Response reordered = client.patch(url, Map.of("external_clients",
                List.of(Map.of("id", second), Map.of("id", first))));

        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(added.header("ETag")).isEqualTo("\"2\"");
        assertThat(reordered.header("ETag")).isEqualTo("\"2\"");
    }

    /** Found by fuzzing: only the first If-Match line was read (HTTP reads several lines as one list). */
    @ParameterizedTest
    @ValueSource(strings = {"PATCH", "DELETE"})
    void ifMatchSentAsTwoHeaderLinesMatchesEitherTag(String method) {
        String path = "/sales/organization/";
        String url = path + create(path, Map.of("name", "Two lines " + method)).get("id").asText() + "/";

        Object body = method.equals("PATCH") ? Map.of("custom_id", "x") : null;
        ApiClient.Response response = client.withHeader("If-Match", "\"9\"")
                .send(method, url, body, Map.of("If-Match", "\"1\""));

        assertThat(response.status()).isEqualTo(method.equals("PATCH") ? 200 : 204);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sales/organization/", "/accounts/permissions/role/"})
    void staleIfMatchIsRefusedAndCurrentOneAccepted(String path) {
        String url = path + create(path, Map.of("name", "Versioned")).get("id").asText() + "/";
        client.patch(url, Map.of("custom_id", "v2"));

        ApiClient.Response stale = client.send("PATCH", url, Map.of("custom_id", "v3"), Map.of("If-Match", "\"1\""));
        ApiClient.Response current = client.send("PATCH", url, Map.of("custom_id", "v3"),
                Map.of("If-Match", "\"2\""));
        ApiClient.Response staleDelete = client.send("DELETE", url, null, Map.of("If-Match", "\"2\""));

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.header("ETag")).isEqualTo("\"2\"");
        assertThat(current.status()).isEqualTo(200);
        assertThat(staleDelete.status()).isEqualTo(412);
        assertThat(client.send("DELETE", url, null, Map.of("If-Match", "\"3\"")).status()).isEqualTo(204);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sales/organization/", "/accounts/permissions/role/"})
    void idempotencyKeyReplaysTheFirstResponse(String path) {
        String key = UUID.randomUUID().toString();
        Map<String, String> header = Map.of("Idempotency-Key", key);

        ApiClient.Response first = client.send("POST", path, "{\"name\": \"Once\", \"custom_id\": \"a\"}", header);
        ApiClient.Response retry = client.send("POST", path, "{\"custom_id\":\"a\",\"name\":\"Once\"}", header);
        ApiClient.Response different = client.send("POST", path, Map.of("name", "Other"), header);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(different.status()).isEqualTo(422);
        assertThat(client.get(path + "list/?name=Once").json()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sales/organization/", "/accounts/permissions/role/"})
    void failedRequestReleasesItsIdempotencyKey(String path) {
        Map<String, String> header = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        assertThat(client.send("POST", path, Map.of("colour", "x"), header).status()).isEqualTo(400);
        assertThat(client.send("POST", path, Map.of("name", "Fixed"), header).status()).isEqualTo(201);
    }

    /** Which of two keys a proxy or a retry would keep is not known: neither is used, and nothing is written. */
    @Test
    void anIdempotencyKeySentTwiceIsRefusedUnderItsNameAndWritesNothing() {
        String name = "Twice " + UUID.randomUUID();

        ApiClient.Response response = client.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .send("POST", "/sales/organization/", Map.of("name", name),
                        Map.of("Idempotency-Key", UUID.randomUUID().toString()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("Idempotency-Key").get(0).asText())
                .isEqualTo("Sent more than once; send one key.");
        assertThat(client.get("/sales/organization/list/?name=" + name.replace(" ", "%20")).json()).isEmpty();
    }
}
