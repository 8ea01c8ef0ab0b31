package se.accounts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.accounts.json.Json;
import se.accounts.support.ApiClient;
import se.accounts.support.Await;
import se.accounts.support.TestService;
import se.accounts.tenancy.ClientCredentials;

class ClientCommandsTest {
    private final TestService service = TestService.get();

    private record Run(int exitCode, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CommandLine(service.config(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private ApiClient clientFrom(JsonNode headers) {
        ApiClient client = service.anonymous();
        for (String name : ClientCredentials.HEADER_NAMES) {
            client = client.withHeader(name, headers.get(name).asText());
        }
        return client;
    }

    @Test
    void createWithJsonPrintsExactlyTheSevenHeadersAndTheyWork() {
        Run run = run("client", "create", "--customer", "Cli AB " + System.nanoTime(), "--permissions", "all",
                "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode headers = Json.parse(run.out().getBytes(StandardCharsets.UTF_8));
        assertThat(headers.size()).isEqualTo(7);
        assertThat(run.out().trim().lines().count()).isEqualTo(1);
        assertThat(clientFrom(headers).get("/sales/organization/list/").status()).isEqualTo(200);
    }

    @Test
    void createWithAPermissionListGrantsOnlyThose() {
        Run run = run("client", "create", "--customer", "Narrow AB " + System.nanoTime(), "--permissions",
                "sales.organization.view", "--json");

        ApiClient client = clientFrom(Json.parse(run.out().getBytes(StandardCharsets.UTF_8)));
        assertThat(client.get("/sales/organization/list/").status()).isEqualTo(200);
        assertThat(client.post("/sales/organization/", Map.of("name", "x")).status()).isEqualTo(403);
    }

    @Test
    void createReusesTheCustomerByName() {
        String name = "Reused AB " + System.nanoTime();
        JsonNode first = clientOfCustomerNamed(name);
        JsonNode second = clientOfCustomerNamed(name);

        assertThat(second.get(ClientCredentials.CUSTOMER_ID)).isEqualTo(first.get(ClientCredentials.CUSTOMER_ID));
        assertThat(second.get(ClientCredentials.CLIENT_ENTITY))
                .isNotEqualTo(first.get(ClientCredentials.CLIENT_ENTITY));
    }

    @Test
    void anIdOfACustomerWithAnotherNameIsRefusedAndIssuesNoClient() {
        String name = "Named AB " + System.nanoTime();
        JsonNode existing = clientOfCustomerNamed(name);
        String id = existing.get(ClientCredentials.CUSTOMER_ID).asText();

        Run run = run("client", "create", "--customer", "Other AB " + System.nanoTime(), "--customer-id", id,
                "--permissions", "all", "--json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(id).contains("'" + name + "'");
    }

    @Test
    void aNewIdWithTheNameOfAnotherCustomerIsAUsageErrorNamingThatCustomersId() {
        String name = "Taken AB " + System.nanoTime();
        JsonNode existing = clientOfCustomerNamed(name);

        Run run = run("client", "create", "--customer", name, "--customer-id", UUID.randomUUID().toString(),
                "--permissions", "all", "--json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(existing.get(ClientCredentials.CUSTOMER_ID).asText());
    }

    @Test
    void anIdAndTheNameOfThatCustomerReuseIt() {
        String name = "Matching AB " + System.nanoTime();
        JsonNode first = clientOfCustomerNamed(name);
        String id = first.get(ClientCredentials.CUSTOMER_ID).asText();

        Run run = run("client", "create", "--customer", name, "--customer-id", id, "--permissions", "all", "--json");

        assertThat(run.exitCode()).isZero();
        assertThat(Json.parse(run.out().getBytes(StandardCharsets.UTF_8)).get(ClientCredentials.CUSTOMER_ID).asText())
                .isEqualTo(id);
    }

    @Test
    void humanOutputIncludesACurlWithAllHeaders() {
        Run run = run("client", "create", "--customer", "Human AB " + System.nanoTime(), "--permissions", "all");

        assertThat(run.out()).contains("curl -i").contains(ClientCredentials.CLIENT_SECRET);
    }

    @Test
    void unknownPermissionIsAUsageError() {
        Run run = run("client", "create", "--customer", "X", "--permissions", "sales.organization.fly");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown permission 'sales.organization.fly'");
    }

    @Test
    void missingCustomerIsAUsageError() {
        Run run = run("client", "create", "--permissions", "all");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--customer is required");
    }

    @Test
    void revokeDeactivatesTheClient() throws InterruptedException {
        JsonNode headers = Json.parse(run("client", "create", "--customer", "Revoked AB " + System.nanoTime(),
                "--permissions", "all", "--json").out().getBytes(StandardCharsets.UTF_8));

        Run revoke = run("client", "revoke", "--entity", headers.get(ClientCredentials.CLIENT_ENTITY).asText());

        assertThat(revoke.exitCode()).isZero();
        ApiClient revoked = clientFrom(headers);
        Await.until("a 401 within 5 seconds of the revocation", Duration.ofSeconds(5),
                () -> revoked.get("/sales/organization/list/").status() == 401);
    }

    @Test
    void unknownCommandPrintsUsage() {
        Run run = run("frobnicate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Usage:");
    }

    @Test
    void firstStartPrintedAWorkingDemoClientAndCurl() {
        String output = service.firstStartOutput();
        Map<String, String> headers = new LinkedHashMap<>();
        output.lines().filter(line -> line.startsWith("  X-PIGELLO-")).forEach(line -> {
            String[] parts = line.trim().split(": ", 2);
            headers.put(parts[0], parts[1]);
        });

        assertThat(output).contains("Demo AB").contains("curl -i");
        assertThat(headers).hasSize(7);
        ApiClient demo = service.anonymous();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            demo = demo.withHeader(header.getKey(), header.getValue());
        }
        assertThat(demo.get("/sales/organization/list/").status()).isEqualTo(200);
    }

    /** The credentials, as JSON, of a new all-permission client of the customer named {@code name}. */
    private JsonNode clientOfCustomerNamed(String name) {
        return Json.parse(run("client", "create", "--customer", name, "--permissions", "all", "--json").out()
                .getBytes(StandardCharsets.UTF_8));
    }
}
