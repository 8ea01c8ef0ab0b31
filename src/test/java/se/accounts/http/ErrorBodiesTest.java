package se.accounts.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.TestService;

class ErrorBodiesTest {
    private final TestService service = TestService.get();
    private final ApiClient client = service.newCustomer();

    @Test
    void pathWithoutTrailingSlashIsRedirectedWithMethodKept() {
        ApiClient.Response response = client.send("POST", "/sales/organization?x=1", "{}", Map.of());

        assertThat(response.status()).isEqualTo(308);
        assertThat(response.header("Location")).isEqualTo("/sales/organization/?x=1");
    }

    @Test
    void redirectComesBeforeAuthentication() {
        assertThat(service.anonymous().get("/sales/organization/list").status()).isEqualTo(308);
    }

    @Test
    void unknownPathIsNotFound() {
        ApiClient.Response response = client.get("/sales/nothing/");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Not found.\"}");
    }

    @Test
    void nonUuidPkIsNotFound() {
        ApiClient.Response response = client.get("/sales/organization/12/");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Not found.\"}");
    }

    @Test
    void nonUuidPkIsNotFoundEvenWithoutPermission() {
        assertThat(service.newCustomer("accounts.role.view").get("/sales/organization/12/").status())
                .isEqualTo(404);
    }

    @Test
    void putIsMethodNotAllowedWithAllowHeader() {
        ApiClient.Response response = client.send("PUT", "/sales/organization/" + java.util.UUID.randomUUID() + "/",
                "{}", Map.of());

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Method \\\"PUT\\\" not allowed.\"}");
        assertThat(response.header("Allow")).isEqualTo("GET, PATCH, DELETE");
    }

    @Test
    void putWithNonUuidPkIsAlsoMethodNotAllowed() {
        assertThat(client.send("PUT", "/sales/organization/abc/", "{}", Map.of()).status()).isEqualTo(405);
    }

    @Test
    void malformedJsonIsBadRequestWithParseError() {
        ApiClient.Response response = client.post("/sales/organization/", "{\"name\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asText()).startsWith("JSON parse error - ");
    }

    @Test
    void bodyOverTenMebibytesIsRefused() {
        String huge = "{\"name\": \"" + "x".repeat(10 * 1024 * 1024) + "\"}";

        ApiClient.Response response = refusedUpload(huge);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("detail").asText()).contains("larger than the limit");
    }

    /**
     * The server answers 413 from the declared length without reading the body and may close the connection while
     * the client is still sending it; the client then sometimes loses the answer ("header parser received no
     * bytes", seen once in a CI run). The answer itself is what is tested, so a lost one is asked for again.
     */
    private ApiClient.Response refusedUpload(String body) {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.post("/sales/organization/", body);
            } catch (java.io.UncheckedIOException lost) {
                if (attempt == 3) {
                    throw lost;
                }
            }
        }
    }

    /** Found by fuzzing: Jetty's own refusals carried no body for methods other than GET, POST and HEAD. */
    @Test
    void aRequestJettyRefusesIsAnsweredWithADetailWhateverTheMethod() {
        for (String method : List.of("DELETE", "PATCH", "PUT")) {
            ApiClient.Response response = client.send(method, "/sales/organization/..;/", "{}", Map.of());

            assertThat(response.status()).as(method).isEqualTo(400);
            assertThat(response.json().get("detail").asText()).as(method).startsWith("Bad request");
        }
    }

    @Test
    void validationErrorsNameTheField() {
        ApiClient.Response response = client.post("/sales/organization/", Map.of("colour", "red"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("colour").get(0).asText()).isEqualTo("Unknown field.");
        assertThat(response.json().get("name").get(0).asText()).isEqualTo("This field is required.");
    }

    @Test
    void missingObjectIsNotFound() {
        assertThat(client.get("/sales/organization/" + java.util.UUID.randomUUID() + "/").body())
                .isEqualTo("{\"detail\":\"Not found.\"}");
    }
}
