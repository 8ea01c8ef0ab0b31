package se.accounts.invite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.Mailbox;
import se.accounts.support.TestService;

/**
 * A deactivation of an invited user (which revokes its invitation, contract 7.2) racing the acceptance of that
 * invitation. Either order is allowed: the acceptance first, then the deactivation; or the deactivation first, and
 * the link is refused. What the contract rules out is the mix: "a user deactivated since the invitation must not be
 * reactivated by it". Accepting sets the password and {@code is_active} true in one statement, so in every allowed
 * outcome the user ends inactive; an acceptance that set the password after the deactivation would leave it
 * active.
 */
class DeactivationRaceTest {
    private static final String USERS = "/accounts/users/organization/organizationuser/";
    private static final String INVITE = "/accounts/users/auth/invite/organization/organizationuser/";
    private static final String ACCEPT = "/accounts/users/auth/invite/accept/";
    private static final String INVITATIONS = "/accounts/users/auth/invitation/";
    private static final int ROUNDS = 20;

    private final TestService service = TestService.get();
    private final Mailbox mailbox = service.mailbox();
    private final ApiClient client = service.newCustomer();
    private final ApiClient anonymous = service.anonymous();

    /** What one round left: the two answers, and the user and invitation afterwards. */
    private record Round(int deactivated, int accepted, JsonNode user, JsonNode invitation, boolean hasPassword) {
    }

    @Test
    void aDeactivationRacingTheAcceptanceNeverLeavesTheUserReactivated() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < ROUNDS; i++) {
                Round round = race(threads);

                assertThat(round.deactivated()).as("the deactivation's status").isEqualTo(200);
                assertThat(round.user().get("is_active").asBoolean()).as("the user reactivated (acceptance %d,"
                        + " invitation %s)", round.accepted(), round.invitation().get("status")).isFalse();
                if (round.accepted() == 200) {
                    assertThat(round.invitation().get("status").asText()).isEqualTo("accepted");
                    assertThat(round.user().get("username").isNull()).isFalse();
                    assertThat(round.hasPassword()).isTrue();
                } else {
                    assertThat(round.accepted()).as("the acceptance's status").isEqualTo(400);
                    assertThat(round.invitation().get("status").asText()).isEqualTo("revoked");
                    assertThat(round.user().get("username").isNull()).isTrue();
                    assertThat(round.hasPassword()).isFalse();
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** An active, invited user; its deactivation and the acceptance of its invitation sent at the same moment. */
    private Round race(ExecutorService threads) {
        String email = "race." + UUID.randomUUID().toString().substring(0, 8) + "@example.se";
        String id = client.post(USERS, Map.of("first_name", "Racing", "email", email, "detail_access", 0,
                "is_active", true)).json().get("id").asText();
        assertThat(client.post(INVITE, Map.of("id", id)).status()).isEqualTo(201);
        String token = mailbox.awaitOne(email).token();

        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<Integer> deactivation = CompletableFuture.supplyAsync(together(start,
                () -> client.patch(USERS + id + "/", Map.of("is_active", false)).status()), threads);
        CompletableFuture<Integer> acceptance = CompletableFuture.supplyAsync(together(start,
                () -> anonymous.post(ACCEPT, Map.of("token", token, "username", "racer." + email.substring(5, 13),
                        "password", "korrekt häst batteri")).status()), threads);

        int deactivated = deactivation.join();
        int accepted = acceptance.join();
        return new Round(deactivated, accepted, client.get(USERS + id + "/").json(),
                client.get(INVITATIONS + "list/?user=" + id).json().get(0), hasPassword(UUID.fromString(id)));
    }

    private static Supplier<Integer> together(CyclicBarrier start, Supplier<Integer> request) {
        return () -> {
            try {
                start.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return request.get();
        };
    }

    /** The password is no field of the API; only the database shows whether one was set. */
    private boolean hasPassword(UUID userId) {
        return service.database().asOwner(sql -> sql.fetchExists(sql.selectOne().from("organizationuser")
                .where("id = ? and password_hash is not null", userId)));
    }
}
