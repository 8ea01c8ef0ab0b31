package se.accounts.entities;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.SwedishNumbers;
import se.accounts.support.TestService;

/** Anonymizing an organization user (contract 6.1 and 9): irreversible, clearing, and frozen afterwards. */
class AnonymizationTest {
    private static final String USERS = OrganizationUsers.ORGANIZATION_USER.path();

    private final ApiClient client = TestService.get().newCustomer();

    private JsonNode createPerson() {
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
        ApiClient.Response response = client.post(USERS, body);
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
