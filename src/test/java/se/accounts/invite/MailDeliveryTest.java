package se.accounts.invite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.Await;
import se.accounts.support.Mailbox;
import se.accounts.support.RateWindows;
import se.accounts.support.SeparateService;

/**
 * The mail outbox under failure: an SMTP server that is down, a service restarted with mail still queued, and the
 * laptop default without SMTP. Each test runs a service of its own.
 */
class MailDeliveryTest {
    private static final String USERS = "/accounts/users/organization/organizationuser/";
    private static final String INVITE = "/accounts/users/auth/invite/organization/organizationuser/";
    private static final String INVITATIONS = "/accounts/users/auth/invitation/";
    /** Retries back off, and the machine may be loaded: a minute is long enough for what these tests wait for. */
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    private static String invite(ApiClient client, String email) {
        ApiClient.Response user = client.post(USERS, Map.of("first_name", "Post", "email", email,
                "detail_access", 0));
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        String id = user.json().get("id").asText();
        assertThat(client.post(INVITE, Map.of("id", id)).status()).isEqualTo(201);
        return id;
    }

    private static JsonNode invitationOf(ApiClient client, String userId) {
        return client.get(INVITATIONS + "list/?user=" + userId).json().get(0);
    }

    @Test
    void mailQueuedWhileTheSmtpServerIsDownArrivesOnceItIsBack() throws Exception {
        try (Mailbox mailbox = new Mailbox(); SeparateService separate = new SeparateService(mailbox.environment())) {
            mailbox.stop();
            String userId = invite(separate.client(), "down@example.se");
            awaitAttempts(separate.client(), userId, 2);

            mailbox.start();

            Mailbox.Mail mail = mailbox.awaitOne("down@example.se");
            assertThat(mail.token()).isNotEmpty();
            assertThat(mailbox.await("down@example.se", 2, Duration.ofSeconds(3))).hasSize(1);
            JsonNode invitation = invitationOf(separate.client(), userId);
            assertThat(invitation.get("delivery_status").asText()).isEqualTo("sent");
            // Attempts are counted when claimed, so the one that succeeded may be the second (claimed before the
            // server came back, connected after): at least one attempt failed first.
            assertThat(invitation.get("delivery_attempts").asInt()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void mailStillQueuedAtShutdownIsSentAfterARestartExactlyOnce() throws Exception {
        try (Mailbox mailbox = new Mailbox(); SeparateService separate = new SeparateService(mailbox.environment())) {
            mailbox.stop();
            String userId = invite(separate.client(), "restart@example.se");
            awaitAttempts(separate.client(), userId, 1);

            separate.restartService();
            mailbox.start();

            mailbox.awaitOne("restart@example.se");
            assertThat(mailbox.await("restart@example.se", 2, Duration.ofSeconds(3))).hasSize(1);
            separate.restartService();
            assertThat(mailbox.await("restart@example.se", 2, Duration.ofSeconds(3))).hasSize(1);
            assertThat(invitationOf(separate.client(), userId).get("delivery_status").asText()).isEqualTo("sent");
        }
    }

    @Test
    void anInvitationRevokedBeforeItsMailLeftIsNeverSent() throws Exception {
        try (Mailbox mailbox = new Mailbox(); SeparateService separate = new SeparateService(mailbox.environment())) {
            mailbox.stop();
            ApiClient client = separate.client();
            String userId = invite(client, "revoked@example.se");
            String invitation = invitationOf(client, userId).get("id").asText();
            assertThat(client.delete(INVITATIONS + invitation + "/").status()).isEqualTo(204);

            mailbox.start();

            awaitStatus(client, userId, "failed");
            assertThat(mailbox.messagesTo("revoked@example.se")).isEmpty();
        }
    }

    @Test
    void withoutSmtpTheMailIsWrittenAsAnEmlFileUnderTheDataDirectory() throws Exception {
        Path dataDir = Files.createTempDirectory("accounts-eml");
        try (SeparateService separate = new SeparateService(Map.of("ACCOUNTS_DATA_DIR", dataDir.toString()))) {
            String userId = invite(separate.client(), "file@example.se");
            awaitStatus(separate.client(), userId, "sent");

            List<Path> files;
            try (Stream<Path> listing = Files.list(dataDir.resolve("outbox"))) {
                files = listing.toList();
            }
            assertThat(files).hasSize(1);
            assertThat(files.get(0).toString()).endsWith(".eml");
            String eml = Files.readString(files.get(0));
            assertThat(eml).contains("To: file@example.se").contains("/accounts/users/auth/invite/accept/?token=")
                    .contains("Du har bjudits in").contains("You have been invited");
        }
    }

    @Test
    void acceptingIsRateLimitedPerClientAddress() throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put("ACCOUNTS_ACCEPT_LIMIT_PER_MINUTE", "3");
        try (SeparateService separate = new SeparateService(environment)) {
            RateWindows.awayFromTheEndOfAMinute();
            ApiClient anonymous = separate.anonymous();
            Map<String, String> guess = Map.of("token", "guess", "username", "guesser1", "password", "guess-guess");
            for (int i = 0; i < 3; i++) {
                assertThat(anonymous.post("/accounts/users/auth/invite/accept/", guess).status()).isEqualTo(400);
            }

            ApiClient.Response limited = anonymous.post("/accounts/users/auth/invite/accept/", guess);

            assertThat(limited.status()).isEqualTo(429);
            assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
            assertThat(limited.json().get("detail").asText()).contains("Too many requests");
        }
    }

    private static void awaitAttempts(ApiClient client, String userId, int attempts) throws InterruptedException {
        Await.until("delivery attempts " + attempts, DELIVERY, () -> invitationOf(client, userId)
                .get("delivery_attempts").asInt() >= attempts);
    }

    private static void awaitStatus(ApiClient client, String userId, String status) throws InterruptedException {
        Await.until("delivery status " + status, DELIVERY, () -> invitationOf(client, userId)
                .get("delivery_status").asText().equals(status));
    }
}
