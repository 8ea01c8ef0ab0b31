package se.accounts.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static se.accounts.support.RateWindows.awayFromTheEndOfAMinute;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.accounts.AccountsService;
import se.accounts.Config;
import se.accounts.support.ApiClient;
import se.accounts.support.SeparateService;
import se.accounts.support.SharedRateCounts;

/** Requests per client and minute (ACCOUNTS_RATE_LIMIT_PER_MINUTE), counted together by every instance. */
class RateLimitTest {
    private static final String LIST = "/sales/organization/list/";

    @Test
    void aClientOverItsLimitGets429WithRetryAfterAndOtherClientsAreUnaffected() throws Exception {
        try (SeparateService separate = new SeparateService(Map.of("ACCOUNTS_RATE_LIMIT_PER_MINUTE", "5"))) {
            awayFromTheEndOfAMinute();
            ApiClient client = separate.client();
            for (int i = 0; i < 5; i++) {
                assertThat(client.get(LIST).status()).isEqualTo(200);
            }

            ApiClient.Response limited = client.get(LIST);

            assertThat(limited.status()).isEqualTo(429);
            assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
            assertThat(limited.json().get("detail").asText()).contains("5 requests a minute");
            assertThat(separate.anotherClient().get(LIST).status()).isEqualTo(200);
        }
    }

    /**
     * Found while fuzzing: 0 switches the request and failed-authentication limits off, but made every invitation
     * acceptance a 429, locking every invited user out.
     */
    @Test
    void anAcceptLimitOfZeroSwitchesTheAcceptLimitOff() throws Exception {
        try (SeparateService separate = new SeparateService(Map.of("ACCOUNTS_ACCEPT_LIMIT_PER_MINUTE", "0"))) {
            // More attempts than the default limit allows in a minute: with a limit left on, the last would be 429.
            for (int attempt = 0; attempt <= Config.DEFAULT_ACCEPT_LIMIT_PER_MINUTE; attempt++) {
                ApiClient.Response response = separate.anonymous().post("/accounts/users/auth/invite/accept/",
                        Map.of("token", "not-a-token", "username", "somebody.new", "password", "long enough password"));

                assertThat(response.status()).as("attempt %d", attempt + 1).isEqualTo(400);
                assertThat(response.json().get("token").get(0).asText()).isEqualTo("Invalid or expired invitation.");
            }
        }
    }

    @Test
    void instancesShareTheCount() throws Exception {
        try (SeparateService separate = new SeparateService(Map.of("ACCOUNTS_RATE_LIMIT_PER_MINUTE", "6"))) {
            awayFromTheEndOfAMinute();
            AccountsService second = AccountsService.start(separate.config(),
                    new PrintStream(new ByteArrayOutputStream()));
            try {
                ApiClient first = separate.client();
                ApiClient other = first.rebased("http://127.0.0.1:" + second.port());
                SharedRateCounts counts = new SharedRateCounts(separate.service().database().database());
                String bucket = SharedRateCounts.activation(first.credentials().activationId());
                for (int i = 0; i < 4; i++) {
                    assertThat(first.get(LIST).status()).isEqualTo(200);
                }
                counts.awaitHits(bucket, 4);
                assertThat(other.get(LIST).status()).isEqualTo(200);
                assertThat(other.get(LIST).status()).isEqualTo(200);
                // The other instance learnt the total when it shared its own counts; the first learns it at its
                // next flush, which a request under fresh credentials shows.
                counts.awaitHits(bucket, 6);
                ApiClient marker = separate.anotherClient();
                assertThat(marker.get(LIST).status()).isEqualTo(200);
                counts.awaitHits(SharedRateCounts.activation(marker.credentials().activationId()), 1);

                assertThat(other.get(LIST).status()).isEqualTo(429);
                assertThat(first.get(LIST).status()).isEqualTo(429);
            } finally {
                second.close();
            }
        }
    }
}
