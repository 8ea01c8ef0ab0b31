package se.accounts.entities;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.TestService;

/** Every operation on organization users stays within the caller's customer. */
class OrganizationUserIsolationTest {
    private static final String USERS = OrganizationUsers.ORGANIZATION_USER.path();

    private final TestService service = TestService.get();
    private final ApiClient alice = service.newCustomer();
    private final ApiClient bob = service.newCustomer();

    private JsonNode created(ApiClient client, String path, Map<String, Object> body) {
        ApiClient.Response response = client.post(path, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private JsonNode alicesUser() {
        return created(alice, USERS, Map.of("first_name", "Alice", "last_name", "Secret", "email", "alice@x.se",
                "detail_access", 2));
    }

    @Test
    void anotherCustomersUserAnswersLikeAnIdThatDoesNotExist() {
        String id = alicesUser().get("id").asText();
        String random = UUID.randomUUID().toString();

        for (String target : List.of(id, random)) {
            assertThat(bob.get(USERS + target + "/").body()).isEqualTo("{\"detail\":\"Not found.\"}");
            assertThat(bob.patch(USERS + target + "/", Map.of("first_name", "Mallory")).status()).isEqualTo(404);
            assertThat(bob.delete(USERS + target + "/").status()).isEqualTo(404);
        }
        assertThat(alice.get(USERS + id + "/").json().get("first_name").asText()).isEqualTo("Alice");
    }

    @Test
    void listsSearchesFiltersAndCountsSeeOnlyTheCallersUsers() {
        String id = alicesUser().get("id").asText();

        for (String query : List.of("", "_search=secret", "id=" + id, "email__iexact=alice%40x.se",
                "first_name__icontains=ali", "last_name!=nobody")) {
            ApiClient.Response response = bob.get(USERS + "list/?_statistics=true&" + query);
            assertThat(response.json()).as(query).isEmpty();
            assertThat(response.header("X-Total-Count")).as(query).isEqualTo("0");
        }
    }

    @Test
    void aBulkWriteCannotUpdateAnotherCustomersUser() {
        String id = alicesUser().get("id").asText();

        ApiClient.Response response = bob.post(USERS + "list/", List.of(Map.of("id", id, "first_name", "Mallory")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get(0).get("id").get(0).asText()).isEqualTo("Object with this id does not exist.");
        assertThat(alice.get(USERS + id + "/").json().get("first_name").asText()).isEqualTo("Alice");
    }

    @Test
    void aUserCannotReferenceAnotherCustomersOrganizationRoleOrExternalClient() {
        String organization = created(alice, "/sales/organization/", Map.of("name", "A")).get("id").asText();
        String role = created(alice, "/accounts/permissions/role/", Map.of("name", "R")).get("id").asText();
        String externalClient = created(alice, "/organization/externalclient/", Map.of("name", "E"))
                .get("id").asText();

        for (Map.Entry<String, Object> relation : Map.<String, Object>of(
                "organization", Map.of("id", organization), "role", Map.of("id", role),
                "external_clients", List.of(Map.of("id", externalClient))).entrySet()) {
            ApiClient.Response response = bob.post(USERS, Map.of("first_name", "Bob", "detail_access", 0,
                    relation.getKey(), relation.getValue()));

            assertThat(response.status()).as(relation.getKey()).isEqualTo(400);
            assertThat(response.json().has(relation.getKey())).isTrue();
        }
    }

    @Test
    void emailsAreUniquePerCustomerOnly() {
        alicesUser();

        ApiClient.Response response = bob.post(USERS, Map.of("first_name", "Bob", "email", "ALICE@x.se",
                "detail_access", 0));

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void aCustomersUsersDoNotBlockDeletingAnotherCustomersOrganization() {
        String bobsOrganization = created(bob, "/sales/organization/", Map.of("name", "B")).get("id").asText();
        alicesUser();

        assertThat(bob.delete("/sales/organization/" + bobsOrganization + "/").status()).isEqualTo(204);
    }
}
