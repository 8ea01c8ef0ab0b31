package se.accounts.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.TestService;

/** Contract 9's order of checks where a request names an object and carries a body: the object (404) first. */
class CheckOrderTest {
    private static final String ORGANIZATIONS = "/sales/organization/";
    private static final String MALFORMED = "{\"name\": ";

    private final TestService service = TestService.get();
    private final ApiClient client = service.newCustomer();

    @Test
    void patchOfAMissingObjectWithAMalformedBodyIsNotFound() {
        ApiClient.Response response = client.patch(ORGANIZATIONS + UUID.randomUUID() + "/", MALFORMED);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Not found.\"}");
    }

    @Test
    void patchOfAnotherCustomersObjectWithAMalformedBodyIsNotFound() {
        String theirs = service.newCustomer().post(ORGANIZATIONS, Map.of("name", "Deras AB")).json().get("id")
                .asText();

        assertThat(client.patch(ORGANIZATIONS + theirs + "/", MALFORMED).status()).isEqualTo(404);
    }

    @Test
    void patchOfAnExistingObjectWithAMalformedBodyIsAParseError() {
        String id = client.post(ORGANIZATIONS, Map.of("name", "Vår AB")).json().get("id").asText();

        ApiClient.Response response = client.patch(ORGANIZATIONS + id + "/", MALFORMED);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asText()).startsWith("JSON parse error - ");
    }

    @Test
    void patchOfAMissingObjectWithAnInvalidFieldIsNotFound() {
        assertThat(client.patch(ORGANIZATIONS + UUID.randomUUID() + "/", Map.of("colour", "red")).status())
                .isEqualTo(404);
    }

    @Test
    void patchWithoutPermissionIsForbiddenBeforeTheObjectIsLookedFor() {
        ApiClient viewer = service.newCustomer("sales.organization.view");

        assertThat(viewer.patch(ORGANIZATIONS + UUID.randomUUID() + "/", MALFORMED).status()).isEqualTo(403);
    }
}
