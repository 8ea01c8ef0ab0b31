package se.accounts.entities;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import se.accounts.model.Attribute;
import se.accounts.support.ApiClient;
import se.accounts.support.SwedishNumbers;
import se.accounts.support.TestService;

/** The organization user end to end through HTTP: what a new user does with curl and the README. */
class OrganizationUserOperationsTest {
    private static final String USERS = OrganizationUsers.ORGANIZATION_USER.path();
    private static final String LIST = USERS + "list/";

    private final ApiClient client = TestService.get().newCustomer();

    private JsonNode created(String path, Object body) {
        ApiClient.Response response = client.post(path, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static Map<String, Object> user(String firstName, Object... pairs) {
        Map<String, Object> body = new HashMap<>();
        body.put("first_name", firstName);
        body.put("detail_access", 0);
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private List<String> firstNames(String query) {
        ApiClient.Response response = client.get(LIST + "?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        response.json().forEach(user -> names.add(user.get("first_name").asText()));
        return names;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void theSeedRequestNamesTheUnknownOrderFields() {
        ApiClient.Response response = client.get(LIST + "?_jsonl=true&_order_by=field_a%2C-field_b&_page=1"
                + "&_page_size=0&_search=string&_slim=true&_statistics=true");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("_order_by").toString()).contains("field_a").contains("field_b");
    }

    @Test
    void theSeedRequestWithRealFieldsSucceeds() {
        created(USERS, user("string"));

        ApiClient.Response response = client.get(LIST + "?_jsonl=true&_order_by=last_name%2C-created_at&_page=1"
                + "&_page_size=0&_search=string&_slim=true&_statistics=true");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.header("X-Total-Count")).isEqualTo("1");
        assertThat(response.header("Content-Type")).startsWith("application/jsonl");
    }

    @Test
    void aBulkWriteOfAThousandUsersCreatesThemAllInInputOrder() {
        List<Object> bodies = IntStream.range(0, 1000).mapToObj(i -> (Object) user("Bulk" + i,
                "email", "bulk" + i + "@example.se",
                "ssn", SwedishNumbers.personalNumber(LocalDate.of(1960, 1, 1).plusDays(i), i % 1000, false, true)))
                .toList();

        JsonNode users = created(LIST, bodies);

        assertThat(users).hasSize(1000);
        assertThat(users.get(999).get("first_name").asText()).isEqualTo("Bulk999");
        ApiClient.Response count = client.get(LIST + "?_page=1&_page_size=0&_statistics=true");
        assertThat(count.header("X-Total-Count")).isEqualTo("1000");
    }

    @Test
    void aBulkWriteWithOneInvalidUserStoresNothingAndNamesTheItem() {
        List<Object> bodies = List.of(user("Ok"), user("Bad", "ssn", "19811218-0000"), user("Also ok"));

        ApiClient.Response response = client.post(LIST, bodies);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get(0).isEmpty()).isTrue();
        assertThat(response.json().get(1).has("ssn")).isTrue();
        assertThat(response.json().get(2).isEmpty()).isTrue();
        assertThat(firstNames("")).isEmpty();
    }

    @Test
    void twoUsersOfOneBulkWriteWithTheSameEmailFailTheLaterOne() {
        ApiClient.Response response = client.post(LIST, List.of(user("First", "email", "same@x.se"),
                user("Second", "email", "SAME@x.se")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get(0).isEmpty()).isTrue();
        assertThat(response.json().get(1).get("email").get(0).asText())
                .isEqualTo("User with this email already exists.");
    }

    /** The database, not validation, refuses the middle item: the items written before it are undone too. */
    @Test
    void aBulkWriteWhoseMiddleItemTheDatabaseRefusesStoresNothingAndNamesOnlyThatItem() {
        assertThat(client.post(USERS, user("Existing", "email", "taken@x.se")).status()).isEqualTo(201);

        ApiClient.Response response = client.post(LIST, List.of(user("Before", "email", "before@x.se"),
                user("Clash", "email", "TAKEN@x.se"), user("After", "email", "after@x.se")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get(0).isEmpty()).isTrue();
        assertThat(response.json().get(1).get("email").get(0).asText())
                .isEqualTo("User with this email already exists.");
        assertThat(response.json().get(2).isEmpty()).isTrue();
        assertThat(firstNames("")).containsExactly("Existing");
    }

    @Test
    void concurrentCreatesOfOneEmailInDifferentCaseGiveOneUser() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<ApiClient.Response> upper = CompletableFuture.supplyAsync(() -> {
            await(start);
            return client.post(USERS, user("Anna", "email", "Anna@x.se"));
        });
        CompletableFuture<ApiClient.Response> lower = CompletableFuture.supplyAsync(() -> {
            await(start);
            return client.post(USERS, user("anna", "email", "anna@X.SE"));
        });
        start.countDown();

        List<Integer> statuses = List.of(upper.get().status(), lower.get().status());

        assertThat(statuses).containsExactlyInAnyOrder(201, 400);
        ApiClient.Response loser = upper.get().status() == 400 ? upper.get() : lower.get();
        assertThat(loser.json().get("email").get(0).asText()).isEqualTo("User with this email already exists.");
        assertThat(firstNames("email__iexact=anna%40x.se")).hasSize(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void searchFindsAUserByAnyOfItsSearchFields() {
        Map<String, Object> body = user("Förnamn", "last_name", "Efternamn", "corporate_name", "Bolaget AB",
                "email", "sokbar@exempel.se", "phone_number", "+46709876543", "custom_id", "KUND-4711",
                "ssn", SwedishNumbers.personalNumber(LocalDate.of(1990, 5, 17), 246, false, true),
                "org_no", SwedishNumbers.organizationNumber("559012345", true));
        String id = created(USERS, body).get("id").asText();
        TestService.get().database().asOwner(sql -> sql.execute(
                "update organizationuser set username = 'sokbar.anvandare' where id = ?::uuid", id));
        JsonNode created = client.get(USERS + id + "/").json();
        created(USERS, user("Someone else"));

        for (Attribute field : OrganizationUsers.ORGANIZATION_USER.searchAttributes()) {
            String text = created.get(field.name()).asText();
            String middle = text.substring(1, text.length() - 1).toUpperCase();

            assertThat(firstNames("_search=" + encode(middle))).as(field.name()).containsExactly("Förnamn");
        }
    }

    @Test
    void everySearchTermMustMatchSomeField() {
        created(USERS, user("Anna", "last_name", "Svensson"));
        created(USERS, user("Anna", "last_name", "Berg"));
        created(USERS, user("Olle", "last_name", "Svensson"));

        assertThat(firstNames("_search=" + encode("anna  svensson"))).containsExactly("Anna");
    }

    @Test
    void aSearchTermDoesNotMatchAcrossTwoFields() {
        created(USERS, user("Anna", "last_name", "Berg"));

        assertThat(firstNames("_search=" + encode("na_be"))).isEmpty();
        assertThat(firstNames("_search=annab")).isEmpty();
    }

    @Test
    void usersPageWithStatisticsAndLinks() {
        created(LIST, IntStream.range(0, 5).mapToObj(i -> (Object) user("P" + i)).toList());

        ApiClient.Response page = client.get(LIST + "?_order_by=first_name&_page=2&_page_size=2&_statistics=true");

        assertThat(page.header("X-Total-Count")).isEqualTo("5");
        assertThat(page.header("X-Page-Count")).isEqualTo("3");
        assertThat(page.header("Link")).contains("rel=\"next\"").contains("rel=\"prev\"");
        List<String> names = new ArrayList<>();
        page.json().forEach(u -> names.add(u.get("first_name").asText()));
        assertThat(names).containsExactly("P2", "P3");
    }

    @Test
    void usersExportAsJsonLines() {
        created(LIST, List.of(user("Ett"), user("Två")));

        ApiClient.Response export = client.get(LIST + "?_jsonl=true&_order_by=created_at");

        assertThat(export.body().split("\n", -1)).hasSize(3);
        assertThat(export.body()).endsWith("\n").contains("\"first_name\":\"Ett\"").contains("\"first_name\":\"Två\"");
    }

    @Test
    void theSlimSetHoldsExactlyTheContractsFields() {
        created(USERS, user("Slim"));

        JsonNode slim = client.get(LIST + "?_slim=true").json().get(0);

        List<String> fields = new ArrayList<>();
        slim.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "full_name", "first_name", "last_name", "corporate_name", "email",
                "username", "is_active", "organization", "role", "detail_access");
    }

    @Test
    void namesOrderTheSwedishWay() {
        created(LIST, List.of(user("Östen"), user("Åke"), user("Ärla"), user("Zorro"), user("adam")));

        assertThat(firstNames("_order_by=first_name")).containsExactly("adam", "Zorro", "Åke", "Ärla", "Östen");
    }

    @Test
    void computedNamesCannotBeFilteredOrOrdered() {
        assertThat(client.get(LIST + "?full_name=x").status()).isEqualTo(400);
        assertThat(client.get(LIST + "?_order_by=communication_name").status()).isEqualTo(400);
        assertThat(client.get(LIST + "?tags=x").status()).isEqualTo(400);
        assertThat(client.get(LIST + "?invoice_distribution_instruction__isnull=true").status()).isEqualTo(400);
    }

    @Test
    void usersFilterByTheirExternalClients() {
        String fortnox = created("/organization/externalclient/", Map.of("name", "Fortnox")).get("id").asText();
        String visma = created("/organization/externalclient/", Map.of("name", "Visma")).get("id").asText();
        created(USERS, user("Both", "external_clients", List.of(Map.of("id", fortnox), Map.of("id", visma))));
        created(USERS, user("Visma only", "external_clients", List.of(Map.of("id", visma))));
        created(USERS, user("None"));

        assertThat(firstNames("external_clients=" + fortnox)).containsExactly("Both");
        assertThat(firstNames("external_clients!=" + fortnox + "&_order_by=first_name"))
                .containsExactly("None", "Visma only");
    }

    @Test
    void deletingAnExternalClientRemovesItFromItsUsers() {
        String fortnox = created("/organization/externalclient/", Map.of("name", "Fortnox")).get("id").asText();
        JsonNode user = created(USERS, user("Linked", "external_clients", List.of(Map.of("id", fortnox))));

        assertThat(client.delete("/organization/externalclient/" + fortnox + "/").status()).isEqualTo(204);

        assertThat(client.get(USERS + user.get("id").asText() + "/").json().get("external_clients")).isEmpty();
    }

    @Test
    void anOrganizationWithUsersCannotBeDeletedAndTheAnswerCountsThem() {
        String organization = created("/sales/organization/", Map.of("name", "Busy")).get("id").asText();
        created(LIST, List.of(user("A", "organization", Map.of("id", organization)),
                user("B", "organization", Map.of("id", organization))));

        ApiClient.Response response = client.delete("/sales/organization/" + organization + "/");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("non_field_errors").get(0).asText()).contains("2 users");
    }

    @Test
    void aRoleInUseCannotBeDeleted() {
        String role = created("/accounts/permissions/role/", Map.of("name", "Used")).get("id").asText();
        created(USERS, user("A", "role", Map.of("id", role)));

        ApiClient.Response response = client.delete("/accounts/permissions/role/" + role + "/");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("non_field_errors").get(0).asText()).contains("1 user");
    }

    @Test
    void deletingAUserRemovesItAndItsLinks() {
        String fortnox = created("/organization/externalclient/", Map.of("name", "Fortnox")).get("id").asText();
        JsonNode user = created(USERS, user("Gone", "external_clients", List.of(Map.of("id", fortnox))));

        assertThat(client.delete(USERS + user.get("id").asText() + "/").status()).isEqualTo(204);

        assertThat(client.get(USERS + user.get("id").asText() + "/").status()).isEqualTo(404);
        assertThat(client.delete("/organization/externalclient/" + fortnox + "/").status()).isEqualTo(204);
    }

    @Test
    void patchReplacesTheExternalClients() {
        String fortnox = created("/organization/externalclient/", Map.of("name", "Fortnox")).get("id").asText();
        String visma = created("/organization/externalclient/", Map.of("name", "Visma")).get("id").asText();
        JsonNode user = created(USERS, user("Switcher", "external_clients", List.of(Map.of("id", fortnox))));

        ApiClient.Response response = client.patch(USERS + user.get("id").asText() + "/",
                Map.of("external_clients", List.of(Map.of("id", visma))));

        assertThat(response.json().get("external_clients").findValuesAsText("id")).containsExactly(visma);
    }
}
