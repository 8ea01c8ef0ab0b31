package se.accounts.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.TestService;

/** The rules particular to organizations and roles: parents without cycles, no deleting what is referenced. */
class OrganizationRulesTest {
    private static final String ORGANIZATIONS = "/sales/organization/";
    private final ApiClient client = TestService.get().newCustomer();

    private String organization(String name, String parent) {
        Map<String, Object> body = parent == null ? Map.of("name", name)
                : Map.of("name", name, "organization", Map.of("id", parent));
        ApiClient.Response response = client.post(ORGANIZATIONS, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    @Test
    void parentIsReturnedAsAnObjectWithItsId() {
        String parent = organization("Parent", null);
        String child = organization("Child", parent);

        assertThat(client.get(ORGANIZATIONS + child + "/").json().get("organization").get("id").asText())
                .isEqualTo(parent);
    }

    @Test
    void anOrganizationCannotBeItsOwnParent() {
        String self = organization("Self", null);

        ApiClient.Response response = client.patch(ORGANIZATIONS + self + "/", Map.of("organization",
                Map.of("id", self)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("organization").get(0).asText()).contains("its own ancestor");
    }

    @Test
    void anOrganizationCannotBecomeTheChildOfItsDescendant() {
        String top = organization("Top", null);
        String middle = organization("Middle", top);
        String bottom = organization("Bottom", middle);

        ApiClient.Response response = client.patch(ORGANIZATIONS + top + "/", Map.of("organization",
                Map.of("id", bottom)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().has("organization")).isTrue();
    }

    @Test
    void nullClearsTheParent() {
        String child = organization("Leaving", organization("Old parent", null));

        assertThat(client.patch(ORGANIZATIONS + child + "/", java.util.Collections.singletonMap("organization",
                null)).json().get("organization").isNull()).isTrue();
    }

    @Test
    void deletingAReferencedOrganizationNamesWhatReferencesIt() {
        String parent = organization("Referenced", null);
        organization("Kid", parent);
        client.post("/accounts/permissions/role/", Map.of("name", "Role", "organization", Map.of("id", parent)));

        ApiClient.Response response = client.delete(ORGANIZATIONS + parent + "/");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("non_field_errors").get(0).asText())
                .contains("1 organization").contains("1 role");
    }
}
