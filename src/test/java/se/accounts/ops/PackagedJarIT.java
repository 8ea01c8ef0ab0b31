package se.accounts.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import se.accounts.json.Json;
import se.accounts.support.ApiClient;
import se.accounts.support.ServiceProcess;
import se.accounts.support.TemporaryDirectories;

/**
 * The README's quickstart with the packaged jar ({@code java -jar target/accounts.jar} on an empty data directory):
 * what a new user tries first works from the artifact itself, not only from the test class path. The first start
 * prints the demo client's seven headers; with them the demo user is listed; the API reference and its OpenAPI
 * document are served from the jar; the client command creates a client whose headers work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackagedJarIT {
    private static final String USERS = "/accounts/users/organization/organizationuser/";

    private Path dataDirectory;
    private ServiceProcess service;

    @BeforeAll
    void startTheJarOnAnEmptyDataDirectory() throws Exception {
        dataDirectory = Files.createTempDirectory("accounts-packaged");
        service = ServiceProcess.start(Map.of("ACCOUNTS_DATA_DIR", dataDirectory.toString()));
    }

    @AfterAll
    void stop() throws Exception {
        if (service != null) {
            service.stop();
        }
        TemporaryDirectories.delete(dataDirectory);
    }

    private ApiClient withHeaders(Map<String, String> headers) {
        ApiClient client = ApiClient.anonymous(service.baseUrl());
        for (Map.Entry<String, String> header : headers.entrySet()) {
            client = client.withHeader(header.getKey(), header.getValue());
        }
        return client;
    }

    @Test
    void theFirstStartPrintsHeadersThatListTheDemoUser() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        service.console().lines().filter(line -> line.startsWith("  X-PIGELLO-")).forEach(line -> {
            String[] parts = line.trim().split(": ", 2);
            headers.put(parts[0], parts[1]);
        });

        assertThat(headers).hasSize(7);
        ApiClient.Response users = withHeaders(headers).get(USERS + "list/");
        assertThat(users.status()).isEqualTo(200);
        assertThat(users.body()).contains("demo.user@example.se");
    }

    @Test
    void theApiReferenceAndItsDocumentAreServedFromTheJar() {
        ApiClient anonymous = withHeaders(Map.of());

        ApiClient.Response page = anonymous.get("/docs/");
        ApiClient.Response document = anonymous.get("/openapi.json");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().get("paths").has(USERS + "list/")).isTrue();
    }

    @Test
    void theClientCommandOfTheJarCreatesAClientWhoseHeadersWork() throws Exception {
        ServiceProcess command = ServiceProcess.launch(Map.of("ACCOUNTS_DATA_DIR", dataDirectory.toString()),
                List.of(), List.of("client", "create", "--customer", "Packaged AB", "--permissions", "all",
                        "--json"));

        assertThat(command.awaitExit()).isZero();
        JsonNode printed = Json.parse(command.console().getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>();
        printed.properties().forEach(header -> headers.put(header.getKey(), header.getValue().asText()));
        assertThat(headers).hasSize(7);
        assertThat(withHeaders(headers).get("/sales/organization/list/").status()).isEqualTo(200);
    }
}
