package se.accounts.invite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.Await;
import se.accounts.support.HeldConnections;
import se.accounts.support.Mailbox;
import se.accounts.support.TestService;

/** Inviting organization users by email and accepting (contract 7), with a real SMTP server. */
class InvitationTest {
    private static final String USERS = "/accounts/users/organization/organizationuser/";
    private static final String INVITE = "/accounts/users/auth/invite/organization/organizationuser/";
    private static final String ACCEPT = "/accounts/users/auth/invite/accept/";
    private static final String INVITATIONS = "/accounts/users/auth/invitation/";
    private static final String INVALID_TOKEN_BODY = "{\"token\":[\"Invalid or expired invitation.\"]}";

    private final TestService service = TestService.get();
    private final Mailbox mailbox = service.mailbox();
    private final ApiClient client = service.newCustomer();
    private final ApiClient anonymous = service.anonymous();

    private static String uniqueEmail() {
        return "user." + UUID.randomUUID().toString().substring(0, 8) + "@example.se";
    }

    private JsonNode user(String email, Object... pairs) {
        Map<String, Object> body = new HashMap<>();
        body.put("first_name", "Åsa");
        body.put("last_name", "Öberg");
        body.put("email", email);
        body.put("detail_access", 1);
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        ApiClient.Response response = client.post(USERS, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private void invite(JsonNode user) {
        ApiClient.Response response = client.post(INVITE, Map.of("id", user.get("id").asText()));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("null");
    }

    /** Creates a user with {@code email}, invites it and answers the token its mail brought. */
    private String invitedToken(String email) {
        invite(user(email));
        return mailbox.awaitOne(email).token();
    }

    private ApiClient.Response accept(String token, String username, String password) {
        return anonymous.post(ACCEPT, Map.of("token", token, "username", username, "password", password));
    }

    private JsonNode reload(JsonNode user) {
        return client.get(USERS + user.get("id").asText() + "/").json();
    }

    private List<JsonNode> invitationsOf(JsonNode user) {
        List<JsonNode> invitations = new java.util.ArrayList<>();
        client.get(INVITATIONS + "list/?user=" + user.get("id").asText() + "&_order_by=created_at").json()
                .forEach(invitations::add);
        return invitations;
    }

    @Test
    void invitingSendsOneMailWithTheLinkInSwedishAndEnglish() {
        String email = uniqueEmail();
        String organization = client.post("/sales/organization/", Map.of("name", "Bostads AB Älven")).json()
                .get("id").asText();
        invite(user(email, "organization", Map.of("id", organization)));

        Mailbox.Mail mail = mailbox.awaitOne(email);

        assertThat(mail.subject()).isEqualTo("Inbjudan till Bostads AB Älven / Invitation to Bostads AB Älven");
        assertThat(mail.text()).contains("Hej Åsa!").contains("Du har bjudits in till Bostads AB Älven")
                .contains("Hello Åsa,").contains("You have been invited to Bostads AB Älven")
                .contains(service.baseUrl() + ACCEPT + "?token=" + mail.token());
        assertThat(mail.html()).contains("Acceptera inbjudan").contains("Accept the invitation")
                .contains(ACCEPT + "?token=" + mail.token());
        assertThat(mail.from()).contains("accounts@example.se");
        assertThat(mailbox.await(email, 2, Duration.ofMillis(500))).hasSize(1);
    }

    @Test
    void aUserWithoutOrganizationIsInvitedToTheCustomer() {
        String email = uniqueEmail();
        invite(user(email));

        assertThat(mailbox.awaitOne(email).subject()).startsWith("Inbjudan till Test customer");
    }

    @Test
    void invitingManyUsersSendsEachTheirOwnToken() {
        List<String> emails = List.of(uniqueEmail(), uniqueEmail(), uniqueEmail());
        List<Object> ids = emails.stream().map(email -> (Object) Map.of("id", user(email).get("id").asText()))
                .toList();

        ApiClient.Response response = client.post(INVITE, ids);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        List<String> tokens = emails.stream().map(email -> mailbox.awaitOne(email).token()).toList();
        assertThat(tokens).doesNotHaveDuplicates();
    }

    @Test
    void invitingRecordsTheSendoutTimeOnTheUser() {
        JsonNode user = user(uniqueEmail());

        invite(user);

        assertThat(reload(user).get("hotp_invite_sendout_time").isNull()).isFalse();
    }

    @Test
    void acceptingSetsUsernameVerifiesTheEmailAndActivates() {
        String email = uniqueEmail();
        JsonNode user = user(email, "is_active", false);
        invite(user);
        String token = mailbox.awaitOne(email).token();
        String username = "asa." + UUID.randomUUID().toString().substring(0, 6);

        ApiClient.Response response = accept(token, username, "korrekt häst batteri");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("id").asText()).isEqualTo(user.get("id").asText());
        assertThat(response.json().get("username").asText()).isEqualTo(username);
        assertThat(response.json().get("email").asText()).isEqualTo(email);
        JsonNode accepted = reload(user);
        assertThat(accepted.get("username").asText()).isEqualTo(username);
        assertThat(accepted.get("email_verified").asBoolean()).isTrue();
        assertThat(accepted.get("is_active").asBoolean()).isTrue();
    }

    @Test
    void acceptingAnswersWhileBackgroundWorkHoldsEveryBackgroundConnection() throws Exception {
        String email = uniqueEmail();
        JsonNode user = user(email);
        invite(user);
        String token = mailbox.awaitOne(email).token();

        ApiClient.Response response;
        try (HeldConnections background = HeldConnections.all(service.database().background())) {
            assertThat(background.count()).isPositive();
            response = accept(token, "busy." + UUID.randomUUID().toString().substring(0, 6), "korrekt häst batteri");
        }

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(reload(user).get("email_verified").asBoolean()).isTrue();
    }

    @Test
    void thePasswordIsStoredOnlyAsAnArgon2Hash() {
        String email = uniqueEmail();
        JsonNode user = user(email);
        invite(user);
        accept(mailbox.awaitOne(email).token(), "hashed.user." + email.substring(5, 13), "korrekt häst batteri");

        String stored = service.database().asOwner(sql -> sql.fetchSingle(
                "select password_hash from organizationuser where id = ?::uuid", user.get("id").asText())
                .get(0, String.class));

        assertThat(stored).startsWith("$argon2id$").doesNotContain("korrekt");
    }

    @Test
    void aTokenWorksOnce() {
        String email = uniqueEmail();
        String token = invitedToken(email);
        accept(token, "first.use." + email.substring(5, 13), "korrekt häst batteri");

        ApiClient.Response again = accept(token, "second.use." + email.substring(5, 13), "korrekt häst batteri");

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).isEqualTo("{\"token\":[\"Invalid or expired invitation.\"]}");
    }

    @Test
    void aWrongTokenGetsTheSameAnswer() {
        ApiClient.Response response = accept("not-a-real-token-at-all-0123456789abcdefghij", "someone.new",
                "korrekt häst batteri");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"token\":[\"Invalid or expired invitation.\"]}");
    }

    @Test
    void anExpiredTokenGetsTheSameAnswerAndTheInvitationShowsExpired() {
        String email = uniqueEmail();
        JsonNode user = user(email);
        invite(user);
        String token = mailbox.awaitOne(email).token();
        service.database().asOwner(sql -> sql.execute("update invitation set expires_at = now() - interval '1 second'"
                + " where user_id = ?::uuid", user.get("id").asText()));

        ApiClient.Response response = accept(token, "late.user." + email.substring(5, 13), "korrekt häst batteri");

        assertThat(response.body()).isEqualTo("{\"token\":[\"Invalid or expired invitation.\"]}");
        assertThat(invitationsOf(user).get(0).get("status").asText()).isEqualTo("expired");
    }

    @Test
    void reinvitingRevokesTheEarlierToken() {
        String email = uniqueEmail();
        JsonNode user = user(email);
        invite(user);
        String first = mailbox.awaitOne(email).token();
        invite(user);
        String second = mailbox.await(email, 2, Duration.ofSeconds(20)).get(1).token();

        assertThat(accept(first, "old.link." + email.substring(5, 13), "korrekt häst batteri").status())
                .isEqualTo(400);
        assertThat(accept(second, "new.link." + email.substring(5, 13), "korrekt häst batteri").status())
                .isEqualTo(200);
        assertThat(invitationsOf(user)).extracting(i -> i.get("status").asText())
                .containsExactly("revoked", "accepted");
    }

    @Test
    void openingTheLinkShowsAFormAndChangesNothing() {
        String email = uniqueEmail();
        JsonNode user = user(email);
        invite(user);
        String token = mailbox.awaitOne(email).token();

        ApiClient.Response page = anonymous.get(ACCEPT + "?token=" + token);
        anonymous.get(ACCEPT + "?token=" + token);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<form").contains("password").doesNotContain(token);
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(invitationsOf(user).get(0).get("status").asText()).isEqualTo("pending");
        assertThat(accept(token, "after.page." + email.substring(5, 13), "korrekt häst batteri").status())
                .isEqualTo(200);
    }

    @Test
    void weakPasswordsAreRefusedAndTheTokenStaysUsable() {
        String email = uniqueEmail();
        String token = invitedToken(email);
        String username = "strong.pw." + email.substring(5, 13);

        assertThat(accept(token, username, "kort").json().get("password").get(0).asText()).contains("at least 10");
        assertThat(accept(token, username, username).json().get("password").get(0).asText())
                .contains("username");
        assertThat(accept(token, username, email.toUpperCase()).json().get("password").get(0).asText())
                .contains("email");
        assertThat(accept(token, username, "korrekt häst batteri").status()).isEqualTo(200);
    }

    /** Found by fuzzing: five emoji passed as ten characters (Java counted UTF-16 units, not characters). */
    @Test
    void thePasswordLengthCountsCharactersNotUtf16Units() {
        String email = uniqueEmail();
        String token = invitedToken(email);
        String username = "emoji.pw." + email.substring(5, 13);

        ApiClient.Response fiveEmoji = accept(token, username, "\uD83D\uDE00".repeat(5));

        assertThat(fiveEmoji.status()).isEqualTo(400);
        assertThat(fiveEmoji.json().get("password").get(0).asText()).contains("at least 10");
        assertThat(accept(token, username, "\uD83D\uDE00".repeat(10)).status()).isEqualTo(200);
    }

    @Test
    void usernamesFollowTheReferenceRules() {
        String email = uniqueEmail();
        String token = invitedToken(email);

        assertThat(accept(token, "short", "korrekt häst batteri").json().has("username")).isTrue();
        assertThat(accept(token, "has space in it", "korrekt häst batteri").json().has("username")).isTrue();
        assertThat(accept(token, "x".repeat(151), "korrekt häst batteri").json().has("username")).isTrue();
    }

    @Test
    void aTakenUsernameIsRefusedAndTheTokenStaysUsable() {
        String firstEmail = uniqueEmail();
        String secondEmail = uniqueEmail();
        invite(user(firstEmail));
        invite(user(secondEmail));
        String username = "taken." + firstEmail.substring(5, 13);
        accept(mailbox.awaitOne(firstEmail).token(), username, "korrekt häst batteri");
        String token = mailbox.awaitOne(secondEmail).token();

        ApiClient.Response response = accept(token, username, "korrekt häst batteri");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("username").get(0).asText()).isEqualTo("A user with that username already exists.");
        assertThat(accept(token, username + "2", "korrekt häst batteri").status()).isEqualTo(200);
    }

    @Test
    void missingAndUnknownAcceptFieldsAreNamed() {
        ApiClient.Response response = anonymous.post(ACCEPT, Map.of("token", "x", "colour", "red"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("username").get(0).asText()).isEqualTo("This field is required.");
        assertThat(response.json().get("password").get(0).asText()).isEqualTo("This field is required.");
        assertThat(response.json().get("colour").get(0).asText()).isEqualTo("Unknown field.");
    }

    @Test
    void inviteRefusesUnknownUsersUsersWithoutEmailAndAnonymizedUsersAllOrNothing() {
        String email = uniqueEmail();
        JsonNode good = user(email);
        JsonNode noEmail = user(null);
        JsonNode anonymized = user(uniqueEmail());
        client.patch(USERS + anonymized.get("id").asText() + "/", Map.of("anonymized", true));

        ApiClient.Response response = client.post(INVITE, List.of(Map.of("id", good.get("id").asText()),
                Map.of("id", noEmail.get("id").asText()), Map.of("id", anonymized.get("id").asText()),
                Map.of("id", UUID.randomUUID().toString()), Map.of("id", good.get("id").asText())));

        assertThat(response.status()).isEqualTo(400);
        JsonNode errors = response.json();
        assertThat(errors.get(0).isEmpty()).isTrue();
        assertThat(errors.get(1).get("id").get(0).asText()).contains("no email");
        assertThat(errors.get(2).get("id").get(0).asText()).isEqualTo("Anonymized users cannot be invited.");
        assertThat(errors.get(3).get("id").get(0).asText()).isEqualTo("Object with this id does not exist.");
        assertThat(errors.get(4).get("id").get(0).asText()).contains("more than once");
        assertThat(invitationsOf(good)).isEmpty();
        assertThat(mailbox.await(email, 1, Duration.ofMillis(1500))).isEmpty();
    }

    @Test
    void aSingleBadInviteIsAFieldError() {
        ApiClient.Response response = client.post(INVITE, Map.of("id", "not-a-uuid"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("id").get(0).asText()).isEqualTo("Object with this id does not exist.");
    }

    @Test
    void moreThanAHundredUsersPerInviteAreRefused() {
        List<Object> ids = java.util.stream.IntStream.range(0, 101)
                .mapToObj(i -> (Object) Map.of("id", UUID.randomUUID().toString())).toList();

        ApiClient.Response response = client.post(INVITE, ids);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("non_field_errors").get(0).asText()).contains("At most 100");
    }

    @Test
    void invitingNeedsTheInvitePermission() {
        ApiClient viewer = service.newCustomer("accounts.organizationuser.view", "accounts.organizationuser.add");
        ApiClient.Response created = viewer.post(USERS, Map.of("first_name", "X", "email", uniqueEmail(),
                "detail_access", 0));

        ApiClient.Response response = viewer.post(INVITE, Map.of("id", created.json().get("id").asText()));

        assertThat(response.status()).isEqualTo(403);
        assertThat(viewer.get(INVITATIONS + "list/").status()).isEqualTo(403);
    }

    @Test
    void anotherCustomersUserCannotBeInvitedAndItsInvitationsAreInvisible() {
        JsonNode user = user(uniqueEmail());
        invite(user);
        ApiClient other = service.newCustomer();

        ApiClient.Response response = other.post(INVITE, Map.of("id", user.get("id").asText()));

        assertThat(response.json().get("id").get(0).asText()).isEqualTo("Object with this id does not exist.");
        String invitation = invitationsOf(user).get(0).get("id").asText();
        assertThat(other.get(INVITATIONS + invitation + "/").status()).isEqualTo(404);
        assertThat(other.delete(INVITATIONS + invitation + "/").status()).isEqualTo(404);
        assertThat(other.get(INVITATIONS + "list/?_statistics=true").header("X-Total-Count")).isEqualTo("0");
    }

    @Test
    void aRetriedInviteWithTheSameIdempotencyKeySendsOneMail() {
        String email = uniqueEmail();
        JsonNode user = user(email);
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        ApiClient.Response first = client.send("POST", INVITE, Map.of("id", user.get("id").asText()), key);
        ApiClient.Response retry = client.send("POST", INVITE, Map.of("id", user.get("id").asText()), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo("null");
        mailbox.awaitOne(email);
        assertThat(mailbox.await(email, 2, Duration.ofMillis(1500))).hasSize(1);
        assertThat(invitationsOf(user)).hasSize(1);
    }

    @Test
    void theInvitationResourceListsFiltersAndShowsDelivery() throws InterruptedException {
        String email = uniqueEmail();
        JsonNode user = user(email);
        invite(user);
        mailbox.awaitOne(email);

        JsonNode invitation = waitForDelivery(user);

        assertThat(invitation.get("user").get("id").asText()).isEqualTo(user.get("id").asText());
        assertThat(invitation.get("status").asText()).isEqualTo("pending");
        assertThat(invitation.get("delivery_attempts").asInt()).isEqualTo(1);
        assertThat(invitation.get("sent_at").isNull()).isFalse();
        assertThat(invitation.get("accepted_at").isNull()).isTrue();
        assertThat(invitation.has("token")).isFalse();
        String id = invitation.get("id").asText();
        assertThat(ids("status=pending")).contains(id);
        assertThat(ids("status!=pending")).doesNotContain(id);
        assertThat(ids("delivery_status=failed")).doesNotContain(id);
        assertThat(ids("expires_at__gt=" + java.time.LocalDate.now().plusDays(6))).contains(id);
        assertThat(ids("expires_at__lt=" + java.time.LocalDate.now().plusDays(6))).doesNotContain(id);
        assertThat(client.get(INVITATIONS + id + "/").json().get("id").asText()).isEqualTo(id);
    }

    private JsonNode waitForDelivery(JsonNode user) throws InterruptedException {
        Await.until("the invitation marked sent", Duration.ofSeconds(10),
                () -> invitationsOf(user).get(0).get("delivery_status").asText().equals("sent"));
        return invitationsOf(user).get(0);
    }

    private List<String> ids(String query) {
        List<String> ids = new java.util.ArrayList<>();
        ApiClient.Response response = client.get(INVITATIONS + "list/?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        response.json().forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    @Test
    void revokingAPendingInvitationStopsItsTokenAtOnce() {
        String email = uniqueEmail();
        JsonNode user = user(email);
        invite(user);
        String token = mailbox.awaitOne(email).token();
        String invitation = invitationsOf(user).get(0).get("id").asText();

        assertThat(client.delete(INVITATIONS + invitation + "/").status()).isEqualTo(204);

        assertThat(accept(token, "revoked." + email.substring(5, 13), "korrekt häst batteri").status())
                .isEqualTo(400);
        assertThat(client.get(INVITATIONS + invitation + "/").json().get("status").asText()).isEqualTo("revoked");
    }

    @Test
    void onlyAPendingInvitationCanBeRevoked() {
        String email = uniqueEmail();
        JsonNode user = user(email);
        invite(user);
        accept(mailbox.awaitOne(email).token(), "accepted." + email.substring(5, 13), "korrekt häst batteri");
        String invitation = invitationsOf(user).get(0).get("id").asText();

        ApiClient.Response response = client.delete(INVITATIONS + invitation + "/");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("non_field_errors").get(0).asText()).contains("this one is accepted");
    }

    @Test
    void invitationsCannotBeCreatedOrChangedThroughTheResource() {
        assertThat(client.post(INVITATIONS, Map.of()).status()).isEqualTo(404);
        assertThat(client.post(INVITATIONS + "list/", List.of()).status()).isEqualTo(405);
        assertThat(client.patch(INVITATIONS + UUID.randomUUID() + "/", Map.of()).status()).isEqualTo(405);
    }

    @Test
    void anonymizingAUserRevokesItsPendingInvitation() {
        String email = uniqueEmail();
        JsonNode user = user(email);
        invite(user);
        String token = mailbox.awaitOne(email).token();

        client.patch(USERS + user.get("id").asText() + "/", Map.of("anonymized", true));

        assertThat(accept(token, "anonymous." + email.substring(5, 13), "korrekt häst batteri").status())
                .isEqualTo(400);
        assertThat(invitationsOf(user).get(0).get("status").asText()).isEqualTo("revoked");
    }

    /** The accept answer of a revoked invitation, and its status (contract 7.2). */
    private void assertRevoked(JsonNode user, String token) {
        ApiClient.Response response = accept(token, "late." + UUID.randomUUID().toString().substring(0, 8),
                "korrekt häst batteri");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().toString()).isEqualTo(INVALID_TOKEN_BODY);
        assertThat(invitationsOf(user).get(0).get("status").asText()).isEqualTo("revoked");
    }

    private String invitedToken(JsonNode user) {
        invite(user);
        return mailbox.awaitOne(user.get("email").asText()).token();
    }

    private void patch(JsonNode user, Map<String, Object> changes) {
        ApiClient.Response response = client.patch(USERS + user.get("id").asText() + "/", changes);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private void bulkWrite(JsonNode user, Map<String, Object> changes) {
        Map<String, Object> item = new HashMap<>(changes);
        item.put("id", user.get("id").asText());
        ApiClient.Response response = client.post(USERS + "list/", List.of(item));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    @Test
    void changingTheEmailRevokesThePendingInvitation() {
        JsonNode user = user(uniqueEmail());
        String token = invitedToken(user);

        patch(user, Map.of("email", uniqueEmail()));

        assertRevoked(user, token);
        assertThat(reload(user).get("email_verified").asBoolean()).isFalse();
    }

    @Test
    void changingTheEmailThroughABulkWriteRevokesThePendingInvitation() {
        JsonNode user = user(uniqueEmail());
        String token = invitedToken(user);

        bulkWrite(user, Map.of("email", uniqueEmail()));

        assertRevoked(user, token);
    }

    @Test
    void clearingTheEmailRevokesThePendingInvitation() {
        JsonNode user = user(uniqueEmail());
        String token = invitedToken(user);

        patch(user, Map.of("email", ""));

        assertRevoked(user, token);
    }

    @Test
    void deactivatingAUserRevokesItsInvitationAndTheOldLinkLeavesItInactive() {
        JsonNode user = user(uniqueEmail(), "is_active", true);
        String token = invitedToken(user);

        patch(user, Map.of("is_active", false));

        assertRevoked(user, token);
        assertThat(reload(user).get("is_active").asBoolean()).isFalse();
    }

    @Test
    void deactivatingThroughABulkWriteRevokesTheInvitation() {
        JsonNode user = user(uniqueEmail(), "is_active", true);
        String token = invitedToken(user);

        bulkWrite(user, Map.of("is_active", false));

        assertRevoked(user, token);
        assertThat(reload(user).get("is_active").asBoolean()).isFalse();
    }

    @Test
    void deletingAUserEndsItsInvitations() {
        String email = uniqueEmail();
        JsonNode user = user(email);
        String token = invitedToken(user);

        assertThat(client.delete(USERS + user.get("id").asText() + "/").status()).isEqualTo(204);

        ApiClient.Response response = accept(token, "deleted." + email.substring(5, 13), "korrekt häst batteri");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().toString()).isEqualTo(INVALID_TOKEN_BODY);
    }

    /**
     * Email addresses are unique ignoring case, so a case-only correction names the same mailbox: the invitation
     * stays usable, and so it does when a write sends the email unchanged or changes other fields.
     */
    @Test
    void sendingTheSameEmailInAnyCaseOrChangingOtherFieldsKeepsTheInvitation() {
        String email = uniqueEmail();
        JsonNode user = user(email);
        String token = invitedToken(user);

        patch(user, Map.of("email", email, "first_name", "Åsa-Maria"));
        bulkWrite(user, Map.of("email", email.toUpperCase(java.util.Locale.ROOT)));

        ApiClient.Response response = accept(token, "same." + email.substring(5, 13), "korrekt häst batteri");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(reload(user).get("email_verified").asBoolean()).isTrue();
    }

    /** Users are usually invited inactive; writing is_active false again is no deactivation. */
    @Test
    void writingInactiveOnAnInactiveUserKeepsTheInvitation() {
        String email = uniqueEmail();
        JsonNode user = user(email, "is_active", false);
        String token = invitedToken(user);

        patch(user, Map.of("is_active", false));

        ApiClient.Response response = accept(token, "still." + email.substring(5, 13), "korrekt häst batteri");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(reload(user).get("is_active").asBoolean()).isTrue();
    }
}
