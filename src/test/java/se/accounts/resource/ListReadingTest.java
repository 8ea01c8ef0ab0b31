package se.accounts.resource;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.SampleObjects;
import se.accounts.support.TestService;

/** The list language through HTTP: filters, negation, search, order, paging, statistics, slim and JSONL. */
class ListReadingTest {
    private static final String LIST = "/sales/organization/list/";
    private final ApiClient client = TestService.get().newCustomer();

    private void organizations(Map<String, Object>... bodies) {
        ApiClient.Response response = client.post(LIST, List.of(bodies));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private List<String> names(String query) {
        ApiClient.Response response = client.get(LIST + "?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        response.json().forEach(o -> names.add(o.get("name").asText()));
        return names;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void defaultOrderIsNewestFirstAndABatchKeepsItsInputOrder() {
        organizations(Map.of("name", "a"), Map.of("name", "b"));
        organizations(Map.of("name", "c"));

        assertThat(names("")).containsExactly("c", "a", "b");
    }

    @Test
    void negationIncludesRowsWhereTheFieldIsNull() {
        organizations(Map.of("name", "with", "custom_id", "X-1"), Map.of("name", "other", "custom_id", "Y-2"),
                Map.of("name", "without"));

        assertThat(names("custom_id__startswith=X")).containsExactly("with");
        assertThat(names("custom_id__startswith!=X")).containsExactlyInAnyOrder("other", "without");
        assertThat(names("custom_id__isnull=true")).containsExactly("without");
        assertThat(names("custom_id__isnull!=true")).containsExactlyInAnyOrder("with", "other");
    }

    @Test
    void caseInsensitiveOperatorsFoldSwedishLetters() {
        organizations(Map.of("name", "Åsa Öberg"), Map.of("name", "Asa Oberg"));

        assertThat(names("name__icontains=" + encode("åsa ö"))).containsExactly("Åsa Öberg");
        assertThat(names("name__iexact=" + encode("ÅSA ÖBERG"))).containsExactly("Åsa Öberg");
        assertThat(names("name__contains=" + encode("åsa"))).isEmpty();
    }

    @Test
    void percentUnderscoreAndBackslashAreLiteral() {
        organizations(Map.of("name", "50% off"), Map.of("name", "500 off"), Map.of("name", "a_b"),
                Map.of("name", "axb"), Map.of("name", "back\\slash"));

        assertThat(names("name__contains=" + encode("0%"))).containsExactly("50% off");
        assertThat(names("name__contains=_")).containsExactly("a_b");
        assertThat(names("name__icontains=" + encode("\\"))).containsExactly("back\\slash");
    }

    @Test
    void inListsTakeQuotedItems() {
        organizations(Map.of("name", "Berg, af"), Map.of("name", "Andersson"), Map.of("name", "Berg"));

        assertThat(names("name__in=" + encode("\"Berg, af\",Andersson"))).containsExactlyInAnyOrder("Berg, af",
                "Andersson");
        assertThat(names("id__in=")).isEmpty();
        assertThat(names("id__in!=")).hasSize(3);
    }

    @Test
    void relationFilterComparesTheRelatedId() {
        String parent = client.post("/sales/organization/", Map.of("name", "Parent")).json().get("id").asText();
        organizations(Map.of("name", "Child", "organization", Map.of("id", parent)), Map.of("name", "Loner"));

        assertThat(names("organization=" + parent)).containsExactly("Child");
        assertThat(names("organization__isnull=true")).containsExactlyInAnyOrder("Parent", "Loner");
        assertThat(names("organization!=" + parent)).containsExactlyInAnyOrder("Parent", "Loner");
    }

    @Test
    void dateTimeFilteredWithADateComparesWithTheStartOfThatDay() {
        organizations(Map.of("name", "today"));

        assertThat(names("created_at__gte=2000-01-01")).containsExactly("today");
        assertThat(names("created_at__lt=2000-01-01")).isEmpty();
        assertThat(names("created_at__gte=2999-01-01T00:00:00%2B02:00")).isEmpty();
    }

    @Test
    void searchRequiresEveryTermInSomeSearchField() {
        organizations(Map.of("name", "Anna Svensson"), Map.of("name", "Anna", "custom_id", "svensson-1"),
                Map.of("name", "Bo Svensson"));

        assertThat(names("_search=" + encode("anna svensson"))).containsExactlyInAnyOrder("Anna Svensson",
                "Anna");
        assertThat(names("_search=")).hasSize(3);
    }

    @Test
    void orderByNamesThenId() {
        organizations(Map.of("name", "b"), Map.of("name", "c"), Map.of("name", "a"));

        assertThat(names("_order_by=name")).containsExactly("a", "b", "c");
        assertThat(names("_order_by=-name")).containsExactly("c", "b", "a");
    }

    @Test
    void pagingWithStatisticsSendsCountsAndLinks() {
        organizations(Map.of("name", "1"), Map.of("name", "2"), Map.of("name", "3"), Map.of("name", "4"),
                Map.of("name", "5"));

        ApiClient.Response response = client.get(LIST + "?_order_by=name&_page=2&_page_size=2&_statistics=true");

        assertThat(response.json()).extracting(o -> o.get("name").asText()).containsExactly("3", "4");
        assertThat(response.header("X-Total-Count")).isEqualTo("5");
        assertThat(response.header("X-Page-Count")).isEqualTo("3");
        assertThat(response.header("Link")).isEqualTo(String.join(", ",
                "</sales/organization/list/?_order_by=name&_page=1&_page_size=2&_statistics=true>; rel=\"first\"",
                "</sales/organization/list/?_order_by=name&_page=1&_page_size=2&_statistics=true>; rel=\"prev\"",
                "</sales/organization/list/?_order_by=name&_page=3&_page_size=2&_statistics=true>; rel=\"next\"",
                "</sales/organization/list/?_order_by=name&_page=3&_page_size=2&_statistics=true>; rel=\"last\""));
    }

    @Test
    void aDeepPageHoldsTheRowsAtItsOffsetAlsoWithToManyRelations() {
        String users = se.accounts.entities.OrganizationUsers.ORGANIZATION_USER.path() + "list/";
        List<Map<String, Object>> bodies = new java.util.ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            bodies.add(Map.of("first_name", "U" + i, "detail_access", 0));
        }
        assertThat(client.post(users, bodies).status()).isEqualTo(201);

        // Offset 4 and limit 2 differ, so values bound to each other's placeholder would show.
        ApiClient.Response users3 = client.get(users + "?_order_by=first_name&_page=3&_page_size=2");
        ApiClient.Response organizations = client.get(LIST + "?_order_by=name&_page=3&_page_size=2");

        assertThat(users3.json()).extracting(o -> o.get("first_name").asText()).containsExactly("U5", "U6");
        assertThat(users3.json().get(0).get("external_clients").isArray()).isTrue();
        assertThat(organizations.json()).isEmpty();
    }

    /** Past {@link se.accounts.query.ListShape#DEEP_PAGE_OFFSET} a page is read as ids first, then by key. */
    @Test
    void aPagePastTheDeepPageOffsetHoldsTheObjectsAtItsOffsetWithTheirRelations() {
        String users = se.accounts.entities.OrganizationUsers.ORGANIZATION_USER.path() + "list/";
        String externalClient = SampleObjects.create(client, se.accounts.entities.ExternalClients.EXTERNAL_CLIENT)
                .get("id").asText();
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            Map<String, Object> body = new java.util.HashMap<>(Map.of("first_name", String.format("U%03d", i),
                    "detail_access", 0, "is_active", i % 10 != 0));
            if (i % 7 == 0) {
                body.put("external_clients", List.of(Map.of("id", externalClient)));
            }
            bodies.add(body);
        }
        assertThat(client.post(users, bodies).status()).isEqualTo(201);
        // Full output with a to-many relation, slim output, search, a multi-key order with ties and an in list.
        for (String query : List.of("?is_active=true&_order_by=-first_name", "?_slim=true&_order_by=first_name",
                "?_search=U&is_active=true&_order_by=is_active,-id", "?detail_access__in=0,1&_order_by=last_name,id")) {
            List<JsonNode> all = new ArrayList<>();
            client.get(users + query).json().forEach(all::add);

            ApiClient.Response deep = client.get(users + query + "&_page=26&_page_size=10&_statistics=true");

            assertThat(all).as(query).hasSizeGreaterThanOrEqualTo(260);
            assertThat(deep.header("X-Total-Count")).as(query).isEqualTo(Integer.toString(all.size()));
            List<JsonNode> page = new ArrayList<>();
            deep.json().forEach(page::add);
            assertThat(page).as(query).isEqualTo(all.subList(250, 260));
        }
        List<JsonNode> withRelations = new ArrayList<>();
        client.get(users + "?_order_by=first_name&_page=26&_page_size=10").json().forEach(withRelations::add);
        assertThat(withRelations).anySatisfy(user -> assertThat(user.get("external_clients")).isNotEmpty());
    }

    @Test
    void pagePastTheLastPointsBackToTheLast() {
        organizations(Map.of("name", "only"));

        ApiClient.Response response = client.get(LIST + "?_page=5&_page_size=10&_statistics=true");

        assertThat(response.json()).isEmpty();
        assertThat(response.header("Link")).contains("_page=1&_page_size=10&_statistics=true>; rel=\"prev\"")
                .doesNotContain("rel=\"next\"");
    }

    @Test
    void pageSizeZeroReturnsAnEmptyListWithTheCount() {
        organizations(Map.of("name", "x"), Map.of("name", "y"));

        ApiClient.Response response = client.get(LIST + "?_page=1&_page_size=0&_statistics=true");

        assertThat(response.body()).isEqualTo("[]");
        assertThat(response.header("X-Total-Count")).isEqualTo("2");
        assertThat(response.header("X-Page-Count")).isNull();
    }

    @Test
    void withoutStatisticsNoCountIsSent() {
        assertThat(client.get(LIST + "?_page=1&_page_size=10").header("X-Total-Count")).isNull();
    }

    @Test
    void slimReturnsOnlyTheSlimFields() {
        organizations(Map.of("name", "slim", "custom_id", "c"));

        JsonNode object = client.get(LIST + "?_slim=true").json().get(0);

        assertThat(object.size()).isEqualTo(2);
        assertThat(object.has("id")).isTrue();
        assertThat(object.get("name").asText()).isEqualTo("slim");
    }

    @Test
    void jsonlWritesOneObjectPerLine() {
        organizations(Map.of("name", "one"), Map.of("name", "two"));

        ApiClient.Response response = client.get(LIST + "?_jsonl=true&_order_by=name");

        assertThat(response.header("Content-Type")).startsWith("application/jsonl");
        assertThat(response.body()).endsWith("\n");
        assertThat(response.body().split("\n")).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{"));
        assertThat(response.body().split("\n")[0]).contains("\"one\"");
    }

    @Test
    void unknownParameterIsRefusedWithASuggestion() {
        ApiClient.Response response = client.get(LIST + "?nmae=x");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("nmae").get(0).asText()).contains("Did you mean 'name'?");
    }

    /** The public reference's example request, with the order fields of one's choice. */
    private ApiClient.Response referenceRequest(String orderBy) {
        return client.get(LIST + "?_jsonl=true&_order_by=" + orderBy + "&_page=1&_page_size=0&_search=string"
                + "&_slim=true&_statistics=true");
    }

    @Test
    void referenceRequestWithFieldsThatDoNotExistNamesTheOrderField() {
        ApiClient.Response response = referenceRequest("field_a%2C-field_b");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("_order_by").get(0).asText()).contains("field_a");
    }

    @Test
    void referenceRequestWithRealFieldsSucceeds() {
        ApiClient.Response response = referenceRequest("name%2C-created_at");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Total-Count")).isEqualTo("0");
    }

    @Test
    void brokenPercentEncodingIsABadRequest() throws Exception {
        String baseUrl = TestService.get().baseUrl();
        int port = Integer.parseInt(baseUrl.substring(baseUrl.lastIndexOf(':') + 1));
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            StringBuilder request = new StringBuilder("GET " + LIST + "?name=%zz HTTP/1.1\r\nHost: x\r\n");
            client.credentials().headers().forEach((name, value) -> request.append(name).append(": ").append(value)
                    .append("\r\n"));
            request.append("Connection: close\r\n\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();

            assertThat(statusLine).startsWith("HTTP/1.1 400");
        }
    }
}
