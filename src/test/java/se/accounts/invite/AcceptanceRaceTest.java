package se.accounts.invite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.Mailbox;
import se.accounts.support.RowLock;
import se.accounts.support.TestService;

/**
 * An invitation's acceptance racing the writes that end or replace its token, each order forced with a row lock
 * of the test's own: a request held at a row is seen waiting there (pg_locks) before the next one starts, and the
 * second is seen waiting for the first before the lock is released. Accepting locks the user's row, then the
 * invitation's; a deactivation (contract 7.2: it revokes the invitation) locks the user's, then revokes the
 * invitation. So holding the invitation's row stops either request while it holds the user's.
 */
class AcceptanceRaceTest {
    private static final String USERS = "/accounts/users/organization/organizationuser/";
    private static final String INVITE = "/accounts/users/auth/invite/organization/organizationuser/";
    private static final String ACCEPT = "/accounts/users/auth/invite/accept/";
    private static final String INVITATIONS = "/accounts/users/auth/invitation/";
    private static final String INVALID_TOKEN_BODY = "{\"token\":[\"Invalid or expired invitation.\"]}";
    /** Each request its own thread: the common pool may have a single one on a small machine. */
    private static final Executor OWN_THREAD = task -> new Thread(task).start();

    private final TestService service = TestService.get();
    private final Mailbox mailbox = service.mailbox();
    private final ApiClient client = service.newCustomer();
    private final ApiClient anonymous = service.anonymous();

    /** An active user with a pending invitation whose mail has arrived. */
    private record Invited(String id, String email, String invitationId, String token) {
    }

    private Invited invited() {
        String email = "race." + UUID.randomUUID().toString().substring(0, 8) + "@example.se";
        String id = client.post(USERS, Map.of("first_name", "Racing", "email", email, "detail_access", 0,
                "is_active", true)).json().get("id").asText();
        assertThat(client.post(INVITE, Map.of("id", id)).status()).isEqualTo(201);
        String token = mailbox.awaitOne(email).token();
        return new Invited(id, email, invitation(id).get("id").asText(), token);
    }

    private JsonNode invitation(String userId) {
        return client.get(INVITATIONS + "list/?user=" + userId).json().get(0);
    }

    private JsonNode user(Invited user) {
        return client.get(USERS + user.id() + "/").json();
    }

    private CompletableFuture<ApiClient.Response> deactivating(Invited user) {
        return inBackground(() -> client.patch(USERS + user.id() + "/", Map.of("is_active", false)));
    }

    private CompletableFuture<ApiClient.Response> accepting(Invited user, String token) {
        return inBackground(() -> accept(user, token));
    }

    private ApiClient.Response accept(Invited user, String token) {
        return anonymous.post(ACCEPT, Map.of("token", token, "username", "racer." + user.email().substring(5, 13),
                "password", "korrekt häst batteri"));
    }

    private static CompletableFuture<ApiClient.Response> inBackground(Supplier<ApiClient.Response> request) {
        return CompletableFuture.supplyAsync(request, OWN_THREAD);
    }

    private static ApiClient.Response answer(CompletableFuture<ApiClient.Response> request) throws Exception {
        return request.get(60, TimeUnit.SECONDS);
    }

    /** The password is no field of the API; only the database shows whether one was set. */
    private boolean hasPassword(Invited user) {
        return service.database().asOwner(sql -> sql.fetchExists(sql.selectOne().from("organizationuser")
                .where("id = ? and password_hash is not null", UUID.fromString(user.id()))));
    }

    /** The acceptance lost its race to a deactivation: refused, and nothing of it reached the user. */
    private void assertRefusedLeavingTheUserInactiveAndTheInvitationRevoked(Invited user,
                                                                          ApiClient.Response acceptance) {
        assertThat(acceptance.status()).isEqualTo(400);
        assertThat(acceptance.body()).isEqualTo(INVALID_TOKEN_BODY);
        JsonNode after = user(user);
        assertThat(after.get("is_active").asBoolean()).as("reactivated").isFalse();
        assertThat(after.get("username").isNull()).isTrue();
        assertThat(hasPassword(user)).isFalse();
        assertThat(invitation(user.id()).get("status").asText()).isEqualTo("revoked");
    }

    @Test
    void anAcceptanceThatWaitedForADeactivationIsRefusedAndLeavesTheUserInactive() throws Exception {
        Invited user = invited();
        CompletableFuture<ApiClient.Response> deactivation;
        CompletableFuture<ApiClient.Response> acceptance;
        try (RowLock invitation = RowLock.of(service, "invitation", user.invitationId())) {
            deactivation = deactivating(user);
            int deactivating = invitation.awaitWaiter();
            acceptance = accepting(user, user.token());
            invitation.awaitWaiterBehind(deactivating, "organizationuser");
            invitation.release();
        }

        assertThat(answer(deactivation).status()).isEqualTo(200);
        assertRefusedLeavingTheUserInactiveAndTheInvitationRevoked(user, answer(acceptance));
    }

    @Test
    void aDeactivationThatWaitedForAnAcceptanceLeavesTheAcceptedUserInactive() throws Exception {
        Invited user = invited();
        CompletableFuture<ApiClient.Response> acceptance;
        CompletableFuture<ApiClient.Response> deactivation;
        try (RowLock invitation = RowLock.of(service, "invitation", user.invitationId())) {
            acceptance = accepting(user, user.token());
            int accepting = invitation.awaitWaiter();
            deactivation = deactivating(user);
            invitation.awaitWaiterBehind(accepting, "organizationuser");
            invitation.release();
        }

        assertThat(answer(acceptance).status()).isEqualTo(200);
        assertThat(answer(deactivation).status()).isEqualTo(200);
        JsonNode after = user(user);
        assertThat(after.get("is_active").asBoolean()).as("active after the deactivation").isFalse();
        assertThat(after.get("username").asText()).isEqualTo("racer." + user.email().substring(5, 13));
        assertThat(after.get("email_verified").asBoolean()).isTrue();
        assertThat(hasPassword(user)).isTrue();
        assertThat(invitation(user.id()).get("status").asText()).isEqualTo("accepted");
    }

    /**
     * The window accepting's row locks close: an acceptance that has found the invitation by its token and waits
     * at the user's row while a deactivation commits. The deactivation is the transaction of the test that holds
     * the user's row: it makes an API deactivation's two changes (the user inactive, the pending invitation
     * revoked, {@code entities.InvitationLifecycle}) and commits. Locking the user before reading anything, the
     * acceptance then reads the invitation revoked; reading first and writing after the wait, it would make the
     * user active again and mark the revoked invitation accepted.
     */
    @Test
    void anAcceptanceHeldWhileAConcurrentTransactionDeactivatesTheUserIsRefused() throws Exception {
        Invited user = invited();
        CompletableFuture<ApiClient.Response> acceptance;
        try (RowLock userRow = RowLock.of(service, "organizationuser", user.id())) {
            acceptance = accepting(user, user.token());
            userRow.awaitWaiter();
            userRow.execute("update organizationuser set is_active = false, version = version + 1"
                    + " where id = ?", UUID.fromString(user.id()));
            userRow.execute("update invitation set state = 'revoked', revoked_at = now(), version = version + 1"
                    + " where id = ? and state = 'pending'", UUID.fromString(user.invitationId()));
            userRow.commit();
        }

        assertRefusedLeavingTheUserInactiveAndTheInvitationRevoked(user, answer(acceptance));
    }

    /**
     * A retried invitation mail replaces the token on the same invitation (InvitationMail.compose): the first
     * attempt may have arrived though the sender saw it fail (the connection broke after the server took the
     * message). Here the outbox row is put back in the state such a retry leaves it, queued and due, while an
     * acceptance with the first token is held at the user's row, after it found the invitation by that token.
     */
    @Test
    void anAcceptanceWhoseTokenARetriedMailReplacedMeanwhileIsRefusedAndTheNewTokenWorks() throws Exception {
        Invited user = invited();
        CompletableFuture<ApiClient.Response> acceptance;
        String newToken;
        try (RowLock userRow = RowLock.of(service, "organizationuser", user.id())) {
            acceptance = accepting(user, user.token());
            userRow.awaitWaiter();
            service.database().asOwner(sql -> sql.execute("update mail_outbox set status = 'queued',"
                    + " sent_at = null, next_attempt_at = now() where customer_id = ? and reference_id = ?",
                    client.customerId(), UUID.fromString(user.invitationId())));
            newToken = mailbox.await(user.email(), 2, Duration.ofSeconds(30)).get(1).token();
            userRow.release();
        }

        ApiClient.Response held = answer(acceptance);
        assertThat(held.status()).isEqualTo(400);
        assertThat(held.body()).isEqualTo(INVALID_TOKEN_BODY);
        assertThat(newToken).isNotEqualTo(user.token());
        assertThat(accept(user, newToken).status()).isEqualTo(200);
    }
}
