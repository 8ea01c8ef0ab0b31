package se.accounts.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.TestService;

/** Every kind of write produces the documented events of contract 10.1, in the writer's transaction. */
class EventLogTest {
    private static final String USERS = "/accounts/users/organization/organizationuser/";
    private static final String EXTERNAL_CLIENTS = "/organization/externalclient/";
    private static final String EVENTS = "/common/eventlog/";

    private final TestService service = TestService.get();
    private final ApiClient client = service.newCustomer();

    private static Map<String, Object> userBody(Object... pairs) {
        Map<String, Object> body = new HashMap<>();
        body.put("first_name", "Åsa");
        body.put("last_name", "Öberg");
        body.put("email", "user." + UUID.randomUUID().toString().substring(0, 8) + "@example.se");
        body.put("detail_access", 1);
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private String createUser(Object... pairs) {
        ApiClient.Response created = client.post(USERS, userBody(pairs));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private List<JsonNode> events(String query) {
        ApiClient.Response response = client.get(EVENTS + "list/?_order_by=sequence&" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        response.json().forEach(events::add);
        return events;
    }

    private List<String> identifiersOf(String objectId) {
        return events("object_id=" + objectId).stream().map(e -> e.get("event_identifier").asText()).toList();
    }

    @Test
    void creatingWritesInstanceCreatedWithTheCustomIdAndTheIntegration() {
        String user = createUser("custom_id", "hr-17");

        List<JsonNode> events = events("object_id=" + user);

        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        assertThat(event.get("event_identifier").asText()).isEqualTo("accounts.organizationuser.instancecreated");
        assertThat(event.get("content_type").asText()).isEqualTo("accounts.organizationuser");
        assertThat(event.get("custom_id").asText()).isEqualTo("hr-17");
        assertThat(event.get("event_context").toString()).isEqualTo("{}");
        assertThat(event.get("triggered_by_integration").get("id").asText())
                .isEqualTo(client.credentials().activationId().toString());
        assertThat(event.get("triggered_by_organization_user").isNull()).isTrue();
        assertThat(event.get("sequence").asLong()).isPositive();
    }

    @Test
    void updatingWritesTheNamesOfTheChangedFieldsOnly() {
        String user = createUser("first_name", "Åsa", "phone_number", "+46701234567");

        client.patch(USERS + user + "/", Map.of("first_name", "Eva", "last_name", "Öberg",
                "phone_number", "+46701234567"));

        JsonNode updated = events("object_id=" + user).get(1);
        assertThat(updated.get("event_identifier").asText()).isEqualTo("accounts.organizationuser.instanceupdated");
        assertThat(updated.get("event_context").toString()).isEqualTo("{\"changed\":[\"first_name\"]}");
    }

    @Test
    void anUpdateThatChangesNothingWritesNoEvent() {
        String user = createUser("last_name", "Öberg");

        ApiClient.Response patched = client.patch(USERS + user + "/", Map.of("last_name", "Öberg"));

        assertThat(patched.status()).isEqualTo(200);
        assertThat(identifiersOf(user)).containsExactly("accounts.organizationuser.instancecreated");
    }

    @Test
    void deletingWritesTheDeletionAndTheChangesOfTheObjectsThatLoseIt() {
        String externalClient = client.post(EXTERNAL_CLIENTS, Map.of("name", "Fortnox")).json().get("id").asText();
        String user = createUser("external_clients", List.of(Map.of("id", externalClient)));

        assertThat(client.delete(EXTERNAL_CLIENTS + externalClient + "/").status()).isEqualTo(204);

        assertThat(identifiersOf(externalClient)).containsExactly("organization.externalclient.instancecreated",
                "organization.externalclient.instancedeleted");
        JsonNode userChange = events("object_id=" + user).get(1);
        assertThat(userChange.get("event_identifier").asText()).isEqualTo("accounts.organizationuser.instanceupdated");
        assertThat(userChange.get("event_context").toString()).isEqualTo("{\"changed\":[\"external_clients\"]}");
    }

    @Test
    void deletingAUserWritesTheDeletionOfItsInvitations() {
        String user = createUser();
        client.post("/accounts/users/auth/invite/organization/organizationuser/", Map.of("id", user));
        String invitation = client.get("/accounts/users/auth/invitation/list/?user=" + user).json().get(0).get("id")
                .asText();

        client.delete(USERS + user + "/");

        assertThat(identifiersOf(user)).last().isEqualTo("accounts.organizationuser.instancedeleted");
        assertThat(identifiersOf(invitation)).containsExactly("accounts.invitation.instancecreated",
                "accounts.invitation.sent", "accounts.invitation.instancedeleted");
    }

    @Test
    void aBulkWriteWritesOneEventPerItemInInputOrder() {
        String existing = createUser();
        List<Map<String, Object>> items = List.of(userBody("custom_id", "a"), Map.of("id", existing,
                "custom_id", "b"), userBody("custom_id", "c"));

        ApiClient.Response written = client.post(USERS + "list/", items);

        assertThat(written.status()).as(written.body()).isEqualTo(201);
        long after = events("").get(0).get("sequence").asLong();
        List<JsonNode> events = events("sequence__gt=" + after);
        assertThat(events).extracting(e -> e.get("custom_id").asText()).containsExactly("a", "b", "c");
        assertThat(events).extracting(e -> e.get("event_identifier").asText()).containsExactly(
                "accounts.organizationuser.instancecreated", "accounts.organizationuser.instanceupdated",
                "accounts.organizationuser.instancecreated");
    }

    @Test
    void aFailedBulkWriteWritesNoEvent() {
        createUser();
        int before = events("").size();

        ApiClient.Response refused = client.post(USERS + "list/", List.of(userBody(), userBody("email", "nope")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(events("")).hasSize(before);
    }

    @Test
    void anonymizingWritesItsEventAndClearsTheCustomIdInTheUsersEvents() {
        String user = createUser("custom_id", "hr-42");
        client.patch(USERS + user + "/", Map.of("first_name", "Eva"));

        client.patch(USERS + user + "/", Map.of("anonymized", true));

        List<JsonNode> events = events("object_id=" + user);
        assertThat(events).extracting(e -> e.get("event_identifier").asText()).endsWith(
                "accounts.organizationuser.instanceupdated", "accounts.organizationuser.anonymized");
        assertThat(events).allSatisfy(event -> assertThat(event.get("custom_id").isNull()).isTrue());
        assertThat(client.get(EVENTS + "list/?custom_id=hr-42").json()).isEmpty();
    }

    @Test
    void invitingAgainRevokesAndEveryInvitationStepIsAnEvent() {
        String user = createUser();
        String invite = "/accounts/users/auth/invite/organization/organizationuser/";
        client.post(invite, Map.of("id", user));
        String first = client.get("/accounts/users/auth/invitation/list/?user=" + user).json().get(0).get("id")
                .asText();

        client.post(invite, Map.of("id", user));

        assertThat(identifiersOf(first)).containsExactly("accounts.invitation.instancecreated",
                "accounts.invitation.sent", "accounts.invitation.revoked");
        assertThat(events("object_id=" + user + "&event_identifier__endswith=updated")).extracting(
                e -> e.get("event_context").toString()).containsOnly("{\"changed\":[\"hotp_invite_sendout_time\"]}");
    }

    @Test
    void acceptingAnInvitationIsTriggeredByTheUser() {
        Map<String, Object> body = userBody("is_active", false);
        String email = (String) body.get("email");
        String user = client.post(USERS, body).json().get("id").asText();
        client.post("/accounts/users/auth/invite/organization/organizationuser/", Map.of("id", user));
        String token = service.mailbox().awaitOne(email).token();

        ApiClient.Response accepted = service.anonymous().post("/accounts/users/auth/invite/accept/",
                Map.of("token", token, "username", "asa." + UUID.randomUUID().toString().substring(0, 6),
                        "password", "korrekt häst batteri"));

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        List<JsonNode> events = events("triggered_by_organization_user=" + user);
        assertThat(events).extracting(e -> e.get("event_identifier").asText()).containsExactly(
                "accounts.invitation.accepted", "accounts.organizationuser.instanceupdated");
        assertThat(events.get(1).get("event_context").toString())
                .isEqualTo("{\"changed\":[\"username\",\"email_verified\",\"is_active\"]}");
        assertThat(events).allSatisfy(event -> assertThat(event.get("triggered_by_integration").isNull()).isTrue());
    }

    @Test
    void revokingAnInvitationIsAnEvent() {
        String user = createUser();
        client.post("/accounts/users/auth/invite/organization/organizationuser/", Map.of("id", user));
        String invitation = client.get("/accounts/users/auth/invitation/list/?user=" + user).json().get(0).get("id")
                .asText();

        client.delete("/accounts/users/auth/invitation/" + invitation + "/");

        assertThat(identifiersOf(invitation)).containsExactly("accounts.invitation.instancecreated",
                "accounts.invitation.sent", "accounts.invitation.revoked");
    }

    @Test
    void readingTheLogNeedsTheViewPermission() {
        ApiClient withoutIt = service.newCustomer("accounts.organizationuser.view");
        ApiClient withIt = service.newCustomer("common.eventlog.view");

        assertThat(withoutIt.get(EVENTS + "list/").status()).isEqualTo(403);
        assertThat(withIt.get(EVENTS + "list/").status()).isEqualTo(200);
    }

    @Test
    void theLogIsReadOnly() {
        String user = createUser();
        String event = events("object_id=" + user).get(0).get("id").asText();

        assertThat(client.post(EVENTS + "list/", List.of()).status()).isEqualTo(405);
        assertThat(client.patch(EVENTS + event + "/", Map.of()).status()).isEqualTo(405);
        assertThat(client.delete(EVENTS + event + "/").status()).isEqualTo(405);
        assertThat(client.get(EVENTS + event + "/").json().get("object_id").asText()).isEqualTo(user);
    }

    @Test
    void theLogIsOrderedOnlyBySequenceCreatedAtAndId() {
        assertThat(client.get(EVENTS + "list/?_order_by=-sequence").status()).isEqualTo(200);
        assertThat(client.get(EVENTS + "list/?_order_by=created_at,id").status()).isEqualTo(200);

        ApiClient.Response byCustomId = client.get(EVENTS + "list/?_order_by=custom_id");
        assertThat(byCustomId.status()).isEqualTo(400);
        assertThat(byCustomId.json().get("_order_by").get(0).asText())
                .contains("'custom_id' is not an orderable field").contains("Orderable fields: id, sequence,"
                        + " created_at.");
    }
}
