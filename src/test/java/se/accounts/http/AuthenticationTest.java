package se.accounts.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.accounts.support.ApiClient;
import se.accounts.support.Await;
import se.accounts.support.TestService;
import se.accounts.tenancy.ClientCredentials;
import se.accounts.tenancy.ClientRegistry;

class AuthenticationTest {
    private static final String LIST = "/sales/organization/list/";
    private final TestService service = TestService.get();

    static java.util.List<String> headerNames() {
        return ClientCredentials.HEADER_NAMES;
    }

    @Test
    void validHeadersAreAccepted() {
        assertThat(service.newCustomer().get(LIST).status()).isEqualTo(200);
    }

    @Test
    void noHeadersNamesAllSevenAsMissing() {
        ApiClient.Response response = service.anonymous().get(LIST);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").asText()).isEqualTo("Missing authentication headers: "
                + String.join(", ", ClientCredentials.HEADER_NAMES));
    }

    @ParameterizedTest
    @MethodSource("headerNames")
    void eachMissingHeaderIsNamed(String header) {
        ApiClient.Response response = service.newCustomer().withHeader(header, null).get(LIST);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").asText()).isEqualTo("Missing authentication headers: " + header);
    }

    @ParameterizedTest
    @MethodSource("headerNames")
    void eachWrongHeaderGivesTheSameAnswer(String header) {
        String wrong = header.equals(ClientCredentials.CLIENT_SECRET) ? "not-the-secret"
                : header.equals(ClientCredentials.CLIENT_CT) ? "accounts.somethingelse" : UUID.randomUUID().toString();
        ApiClient.Response response = service.newCustomer().withHeader(header, wrong).get(LIST);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Invalid credentials.\"}");
    }

    /**
     * Found by fuzzing: the first of two values was used and the second ignored, so a request a proxy could read
     * as another client's (it may take the last value) was served as the first's.
     */
    @ParameterizedTest
    @MethodSource("headerNames")
    void aCredentialHeaderSentTwiceIsRefusedAndNamed(String header) {
        ApiClient client = service.newCustomer();

        ApiClient.Response response = client.send("GET", LIST, null, Map.of(header, "other-" + UUID.randomUUID()));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").asText())
                .isEqualTo("Authentication headers sent more than once (send each once): " + header);
    }

    /** A blank line and then the real value is a repeated header too, not a missing one. */
    @Test
    void aCredentialHeaderSentBlankAndThenWithItsValueIsRefusedAsRepeated() {
        ApiClient client = service.newCustomer();
        String header = ClientCredentials.CUSTOMER_ID;

        ApiClient.Response response = client.withHeader(header, " ")
                .send("GET", LIST, null, Map.of(header, client.customerId().toString()));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").asText())
                .isEqualTo("Authentication headers sent more than once (send each once): " + header);
    }

    @Test
    void malformedIdsAreInvalidCredentialsNotErrors() {
        ApiClient.Response response = service.newCustomer()
                .withHeader(ClientCredentials.CUSTOMER_ID, "'; drop table customer; --").get(LIST);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").asText()).isEqualTo("Invalid credentials.");
    }

    @Test
    void headersOfAnotherCustomersActivationAreRefused() {
        ApiClient first = service.newCustomer();
        ApiClient second = service.newCustomer();

        ApiClient.Response response = first.withHeader(ClientCredentials.CUSTOMER_ID,
                second.customerId().toString()).get(LIST);

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void revokedActivationStopsWorkingWithinFiveSeconds() throws InterruptedException {
        ApiClient client = service.newCustomer();
        assertThat(client.get(LIST).status()).isEqualTo(200);

        new ClientRegistry(service.database()).revoke(client.credentials().activationId());

        Await.until("a 401 within 5 seconds of the revocation", Duration.ofSeconds(5),
                () -> client.get(LIST).status() == 401);
    }

    @Test
    void missingPermissionIsForbidden() {
        ApiClient viewer = service.newCustomer("sales.organization.view");

        ApiClient.Response response = viewer.post("/sales/organization/", java.util.Map.of("name", "X"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("detail").asText())
                .isEqualTo("You do not have permission to perform this action.");
    }

    @Test
    void grantedPermissionIsEnough() {
        ApiClient viewer = service.newCustomer("sales.organization.view");

        assertThat(viewer.get(LIST).status()).isEqualTo(200);
        assertThat(viewer.get("/accounts/permissions/role/list/").status()).isEqualTo(403);
    }

    @Test
    void healthNeedsNoHeaders() {
        ApiClient.Response response = service.anonymous().get("/health/");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void unknownPathsAreAuthenticatedBeforeTheyAreNotFound() {
        assertThat(service.anonymous().get("/no/such/path/").status()).isEqualTo(401);
        assertThat(service.newCustomer().get("/no/such/path/").status()).isEqualTo(404);
    }
}
