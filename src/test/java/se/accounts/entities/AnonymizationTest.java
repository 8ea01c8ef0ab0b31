package se.accounts.entities;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.SwedishNumbers;
import se.accounts.support.TestService;

/** Anonymizing an organization user (contract 6.1 and 9): irreversible, clearing, and frozen afterwards. */
class AnonymizationTest {
    private static final String USERS = OrganizationUsers.ORGANIZATION_USER.path();

    private final ApiClient client = TestService.get().newCustomer();

    private static Map<String, Object> person() {
        Map<String, Object> body = new HashMap<>();
        body.put("first_name", "Åsa");
        body.put("last_name", "Öberg");
        body.put("corporate_name", "Öberg Konsult");
        body.put("email", "asa.oberg@example.se");
        body.put("phone_number", "+46701234567");
        body.put("ssn", SwedishNumbers.personalNumber(LocalDate.of(1975, 3, 4), 123, false, true));
        body.put("birth_date", "1975-03-04");
        body.put("org_no", SwedishNumbers.organizationNumber("556036079", true));
        body.put("custom_id", "HR-17");
        body.put("detail_access", 2);
        body.put("invoice_distribution_instruction", List.of(Map.of("method", "email")));
        return body;
    }

    private JsonNode createPerson() {
        ApiClient.Response response = client.post(USERS, person());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private ApiClient.Response patch(JsonNode user, Map<String, Object> body) {
        return client.patch(USERS + user.get("id").asText() + "/", body);
    }

    private JsonNode anonymize(JsonNode user) {
        ApiClient.Response response = patch(user, Map.of("anonymized", true));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /**
     * A response kept for an Idempotency-Key shows personal data: anonymizing replaces every one that shows the
     * user by a 410, and a retry does not create the person again. Responses without the user stay.
     */
    @Test
    void anonymizingReplacesTheStoredIdempotencyResponsesThatShowTheUser() {
        Map<String, String> createKey = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        Map<String, String> bulkKey = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        Map<String, String> otherKey = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        ApiClient.Response created = client.send("POST", USERS, person(), createKey);
        String id = created.json().get("id").asText();
        List<Object> bulk = List.of(Map.of("id", id, "custom_id", "HR-18"),
                Map.of("first_name", "Bertil", "detail_access", 0));
        assertThat(client.send("POST", USERS + "list/", bulk, bulkKey).status()).isEqualTo(201);
        Map<String, Object> other = Map.of("first_name", "Cecilia", "detail_access", 0);
        ApiClient.Response otherCreated = client.send("POST", USERS, other, otherKey);

        anonymize(created.json());

        ApiClient.Response retried = client.send("POST", USERS, person(), createKey);
        assertThat(retried.status()).isEqualTo(410);
        assertThat(retried.json().get("detail").asText()).contains("anonymized");
        assertThat(client.send("POST", USERS + "list/", bulk, bulkKey).status()).isEqualTo(410);
        assertThat(client.send("POST", USERS, other, otherKey).body()).isEqualTo(otherCreated.body());
        assertThat(client.get(USERS + "list/").json()).hasSize(3);
        List<String> stored = TestService.get().database().asOwner(sql -> sql.fetch("select convert_from("
                + "response_body, 'UTF8') from idempotency_key where customer_id = ?", client.customerId())
                .getValues(0, String.class));
        assertThat(stored).hasSize(3).noneMatch(body -> body.contains("Öberg") || body.contains("asa.oberg"));
    }

    /**
     * Deleting a person erases it at least as much as anonymizing: the response a retry of its create would replay
     * becomes the 410, and no stored response keeps its personal data.
     */
    @Test
    void deletingReplacesTheStoredIdempotencyResponsesThatShowTheUser() {
        Map<String, String> createKey = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        ApiClient.Response created = client.send("POST", USERS, person(), createKey);
        assertThat(created.status()).isEqualTo(201);

        assertThat(client.delete(USERS + created.json().get("id").asText() + "/").status()).isEqualTo(204);

        ApiClient.Response retried = client.send("POST", USERS, person(), createKey);
        assertThat(retried.status()).isEqualTo(410);
        assertThat(retried.body()).doesNotContain("Öberg").doesNotContain("asa.oberg");
        List<String> stored = TestService.get().database().asOwner(sql -> sql.fetch("select convert_from("
                + "response_body, 'UTF8') from idempotency_key where customer_id = ?", client.customerId())
                .getValues(0, String.class));
        assertThat(stored).noneMatch(body -> body.contains("Öberg") || body.contains("asa.oberg"));
    }

    @Test
    void anonymizingClearsEveryPersonalFieldAndDeactivates() {
        JsonNode anonymized = anonymize(createPerson());

        for (String field : List.of("first_name", "last_name", "corporate_name", "full_name", "communication_name",
                "email", "phone_number", "ssn", "birth_date", "org_no", "username",
                "invoice_distribution_instruction", "profile_picture")) {
            assertThat(anonymized.get(field).isNull()).as(field).isTrue();
        }
        assertThat(anonymized.get("is_active").asBoolean()).isFalse();
        assertThat(anonymized.get("anonymized").asBoolean()).isTrue();
    }

    @Test
    void anonymizingKeepsWhatIsNotPersonal() {
        JsonNode anonymized = anonymize(createPerson());

        assertThat(anonymized.get("custom_id").asText()).isEqualTo("HR-17");
        assertThat(anonymized.get("detail_access").asInt()).isEqualTo(2);
    }

    @Test
    void anAnonymizedUserIsNamedWithAShortIdSuffix() {
        JsonNode user = createPerson();
        String id = user.get("id").asText().replace("-", "");

        JsonNode anonymized = anonymize(user);

        assertThat(anonymized.get("anonymization_name").asText())
                .isEqualTo("Anonymized user " + id.substring(id.length() - 8));
    }

    @Test
    void aGivenAnonymizationNameIsKept() {
        ApiClient.Response response = patch(createPerson(), Map.of("anonymized", true,
                "anonymization_name", "Former tenant 12"));

        assertThat(response.json().get("anonymization_name").asText()).isEqualTo("Former tenant 12");
    }

    @Test
    void personalFieldsSentTogetherWithTheFlagAreClearedAnyway() {
        ApiClient.Response response = patch(createPerson(), Map.of("anonymized", true, "first_name", "Kept?"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("first_name").isNull()).isTrue();
    }

    @Test
    void anonymizationCannotBeUndone() {
        JsonNode anonymized = anonymize(createPerson());

        ApiClient.Response response = patch(anonymized, Map.of("anonymized", false));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("anonymized").get(0).asText()).isEqualTo("Anonymization cannot be undone.");
    }

    @Test
    void anAnonymizedUserCannotBeChanged() {
        JsonNode anonymized = anonymize(createPerson());

        ApiClient.Response response = patch(anonymized, Map.of("first_name", "Back again"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("non_field_errors").get(0).asText())
                .isEqualTo("Anonymized users cannot be changed.");
        assertThat(client.get(USERS + anonymized.get("id").asText() + "/").json()).isEqualTo(anonymized);
    }

    @Test
    void anAnonymizedUserStillTakesCustomIdAndAnonymizationName() {
        JsonNode anonymized = anonymize(createPerson());

        ApiClient.Response response = patch(anonymized, Map.of("custom_id", "ARCHIVE-1",
                "anonymization_name", "Archived"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("custom_id").asText()).isEqualTo("ARCHIVE-1");
        assertThat(response.json().get("anonymization_name").asText()).isEqualTo("Archived");
    }

    @Test
    void sendingBackAnAnonymizedUserUnchangedIsNotAChange() {
        JsonNode anonymized = anonymize(createPerson());
        Map<String, Object> sameValues = new HashMap<>();
        anonymized.properties().forEach(field -> sameValues.put(field.getKey(), field.getValue()));

        ApiClient.Response response = client.patch(USERS + anonymized.get("id").asText() + "/",
                sameValues);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    @Test
    void anAnonymizedUserIsExemptFromTheNameRule() {
        JsonNode anonymized = anonymize(createPerson());

        assertThat(patch(anonymized, Map.of("custom_id", "still fine")).status()).isEqualTo(200);
    }

    @Test
    void aUserCannotBeCreatedAnonymized() {
        ApiClient.Response response = client.post(USERS, Map.of("first_name", "New", "detail_access", 0,
                "anonymized", true));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().has("anonymized")).isTrue();
    }

    @Test
    void anonymizingFreesTheEmailForAnotherUser() {
        anonymize(createPerson());

        ApiClient.Response response = client.post(USERS, Map.of("first_name", "Next", "detail_access", 0,
                "email", "asa.oberg@example.se"));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    @Test
    void aBulkWriteCanAnonymize() {
        JsonNode user = createPerson();

        ApiClient.Response response = client.post(USERS + "list/", List.of(Map.of("id", user.get("id").asText(),
                "anonymized", true)));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get(0).get("email").isNull()).isTrue();
    }

    @Test
    void aRefusedAnonymizationChangesNothing() {
        JsonNode user = createPerson();

        ApiClient.Response response = patch(user, Map.of("anonymized", true, "detail_access", 9));

        assertThat(response.status()).isEqualTo(400);
        assertThat(client.get(USERS + user.get("id").asText() + "/").json()).isEqualTo(user);
    }
}
