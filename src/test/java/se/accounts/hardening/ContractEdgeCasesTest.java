package se.accounts.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.accounts.support.ApiClient;
import se.accounts.support.TestService;

/**
 * Edges of the contract found by a review of hostile input: a body is exactly one JSON value of valid Unicode,
 * an error message does not name a valid value as the invalid one, HEAD answers what GET would, the Link header's
 * URLs are usable, filter values and search words are stripped and split at the same whitespace that written text
 * is stripped of, and date-times are read in the forms the reference reads, never past the database's years.
 */
class ContractEdgeCasesTest {
    private static final String ORGANIZATIONS = "/sales/organization/";

    private final TestService service = TestService.get();
    private final ApiClient client = service.newCustomer();

    @Test
    void contentAfterTheBodysJsonValueIsAParseErrorAndStoresNothing() {
        ApiClient.Response response = client.send("POST", ORGANIZATIONS, "{\"name\": \"First\"} {\"name\": \"Second\"}",
                Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asText()).startsWith("JSON parse error - ");
        assertThat(client.get(ORGANIZATIONS + "list/").json()).isEmpty();
    }

    @Test
    void unpairedSurrogateEscapeIsAParseErrorNamingItsFieldAndStoresNothing() {
        ApiClient.Response response = client.send("POST", ORGANIZATIONS, "{\"name\": \"Lone \\ud800\"}", Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asText()).startsWith("JSON parse error - ").contains("name");
        assertThat(client.get(ORGANIZATIONS + "list/").json()).isEmpty();
    }

    @Test
    void surrogatePairEscapeIsStoredAsItsCharacter() {
        ApiClient.Response response = client.send("POST", ORGANIZATIONS, "{\"name\": \"Smile \\ud83d\\ude00\"}",
                Map.of());

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("name").asText()).isEqualTo("Smile \uD83D\uDE00");
    }

    @Test
    void enumValueWrittenAsADecimalIsRefusedWithAMessageThatDoesNotCallItAValidChoice() {
        ApiClient.Response response = client.send("POST", "/accounts/users/organization/organizationuser/",
                "{\"first_name\": \"Decimal\", \"detail_access\": 1.0}", Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail_access").get(0).asText())
                .isEqualTo("Must be a whole number, one of 0, 1, 2; got a number with a decimal point or exponent.");
    }

    @Test
    void headOfAMissingObjectIsNotFound() {
        ApiClient.Response response = client.send("HEAD", ORGANIZATIONS + UUID.randomUUID() + "/", null, Map.of());

        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void headOfAListWithAnUnknownFilterIsBadRequest() {
        ApiClient.Response response = client.send("HEAD", ORGANIZATIONS + "list/?colour=red", null, Map.of());

        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void headOfAnObjectCarriesGetsHeadersWithoutTheBody() {
        String id = client.post(ORGANIZATIONS, Map.of("name", "Head AB")).json().get("id").asText();

        ApiClient.Response head = client.send("HEAD", ORGANIZATIONS + id + "/", null, Map.of());

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("ETag")).isEqualTo(client.get(ORGANIZATIONS + id + "/").header("ETag"));
        assertThat(head.body()).isEmpty();
    }

    @Test
    void traceOnAKnownPathIsMethodNotAllowed() throws IOException {
        String response = client.sendRaw("TRACE " + ORGANIZATIONS + "list/ HTTP/1.1");

        assertThat(response).startsWith("HTTP/1.1 405").contains("Allow: GET, POST")
                .contains("{\"detail\":\"Method \\\"TRACE\\\" not allowed.\"}");
    }

    @Test
    void linksReplaceAPercentEncodedPageParameter() {
        client.post(ORGANIZATIONS + "list/", new Object[] {Map.of("name", "One"), Map.of("name", "Two")});

        ApiClient.Response response = client.get(ORGANIZATIONS + "list/?_statistics=true&%5Fpage=1&_page_size=1");

        assertThat(response.header("Link")).isEqualTo(
                "<" + ORGANIZATIONS + "list/?_statistics=true&_page=1&_page_size=1>; rel=\"first\", "
                        + "<" + ORGANIZATIONS + "list/?_statistics=true&_page=2&_page_size=1>; rel=\"next\", "
                        + "<" + ORGANIZATIONS + "list/?_statistics=true&_page=2&_page_size=1>; rel=\"last\"");
    }

    @Test
    void linksPercentEncodeCharactersAUriCannotHold() throws IOException {
        client.post(ORGANIZATIONS, Map.of("name", "a>b"));

        String response = client.sendRaw("GET " + ORGANIZATIONS + "list/?name=a>b&_statistics=true&_page=1&_page_size=1"
                + " HTTP/1.1");

        assertThat(response).startsWith("HTTP/1.1 200").contains("X-Total-Count: 1")
                .contains("Link: <" + ORGANIZATIONS + "list/?name=a%3Eb&_statistics=true&_page=1&_page_size=1>;"
                        + " rel=\"first\"");
    }

    @Test
    void filterValueIsStrippedOfTheUnicodeSpacesThatWrittenTextIsStrippedOf() {
        client.post(ORGANIZATIONS, Map.of("name", "\u2003Em AB\u2003"));

        ApiClient.Response response = client.get(ORGANIZATIONS + "list/?name=%E2%80%83Em%20AB%E2%80%83");

        assertThat(response.json()).extracting(o -> o.get("name").asText()).containsExactly("Em AB");
    }

    @Test
    void searchSplitsWordsAtUnicodeSpaces() {
        client.post(ORGANIZATIONS, Map.of("name", "Norra Berg AB"));

        ApiClient.Response response = client.get(ORGANIZATIONS + "list/?_search=norra%E2%80%83berg");

        assertThat(response.json()).extracting(o -> o.get("name").asText()).containsExactly("Norra Berg AB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%FF", "%C3", "%ED%A0%80", "a%FEb"})
    void aPathWhoseEscapesAreNoUtf8IsNotFoundLikeAnyIdThatIsNoUuid(String id) throws IOException {
        String response = client.sendRaw("GET " + ORGANIZATIONS + id + "/ HTTP/1.1");

        assertThat(response).startsWith("HTTP/1.1 404").contains("{\"detail\":\"Not found.\"}");
    }

    /** Jetty's parser refuses a NUL in the path before a request exists, so no route or path is known then. */
    @Test
    void aPathWithAnEncodedNulIsABadRequestInTheContractsShape() throws IOException {
        String response = client.sendRaw("GET " + ORGANIZATIONS + "%00/ HTTP/1.1");

        assertThat(response).startsWith("HTTP/1.1 400").contains("{\"detail\":\"Bad request");
    }



    @Test
    void dateTimeFiltersReadASpaceSeparatorAndAnOffsetWithoutColon() {
        client.post(ORGANIZATIONS, Map.of("name", "Dated")).json();

        ApiClient.Response response = client.get(ORGANIZATIONS + "list/?created_at__gte=2000-01-01%2010:00:00%2B0200");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).hasSize(1);
    }

    @Test
    void aDateTimeFilterAtTheEndOfJavasYearRangeIsAFieldErrorNotAServerError() {
        ApiClient.Response response = client.get(ORGANIZATIONS
                + "list/?created_at__lt=%2B999999999-12-31T23:59:59-18:00");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("created_at__lt").get(0).asText()).contains("ISO 8601");
    }
}
