package se.accounts.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.accounts.json.Json;
import se.accounts.support.ServiceProcess;

/** ACCOUNTS_LOG_FORMAT=json in a child JVM with the production logback.xml: every line it logs is a JSON object. */
class JsonLogTest {
    /** A JDBC URL no driver takes: the start fails at once with an exception. */
    private static final String UNUSABLE_DATABASE = "jdbc:nosuchdatabase://127.0.0.1/accounts";

    private static List<JsonNode> jsonLines(String log) {
        assertThat(log).isNotBlank();
        return log.lines().map(line -> {
            try {
                return Json.MAPPER.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not a JSON object: " + line, e);
            }
        }).peek(node -> assertThat(node.isObject()).isTrue()).toList();
    }

    @Test
    void everyLineIsAJsonObjectWithTimestampLevelLoggerMessageAndRequestId() throws Exception {
        Map<String, String> environment = Map.of("ACCOUNTS_LOG_FORMAT", "json",
                "ACCOUNTS_DATA_DIR", Files.createTempDirectory("accounts-json-log").toString());
        try (ServiceProcess child = ServiceProcess.launch(environment, List.of(ServiceProcess.PRODUCTION_LOGGING),
                List.of())) {
            child.awaitHealthy();
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(child.baseUrl()
                    + "/sales/organization/list/")).header("X-Request-Id", "json-log-test").build(),
                    HttpResponse.BodyHandlers.discarding());
            child.awaitLogged("\"json-log-test\"");

            List<JsonNode> lines = jsonLines(child.log());

            assertThat(lines).allSatisfy(line -> assertThat(line.fieldNames()).toIterable()
                    .contains("@timestamp", "level", "logger_name", "message"));
            assertThat(lines).anySatisfy(line -> {
                assertThat(line.get("message").asText()).startsWith("Listening on http://");
                assertThat(line.get("level").asText()).isEqualTo("INFO");
            });
            assertThat(lines).anySatisfy(line -> {
                assertThat(line.get("logger_name").asText()).isEqualTo("accounts.access");
                assertThat(line.get("message").asText()).startsWith("GET /sales/organization/list/ 401");
                assertThat(line.get("request_id").asText()).isEqualTo("json-log-test");
            });
        }
    }

    @Test
    void anExceptionIsPartOfItsLinesObject() throws Exception {
        try (ServiceProcess child = ServiceProcess.launch(Map.of("ACCOUNTS_LOG_FORMAT", "json",
                "ACCOUNTS_DB_URL", UNUSABLE_DATABASE), List.of(ServiceProcess.PRODUCTION_LOGGING), List.of())) {
            assertThat(child.awaitExit()).isEqualTo(1);

            assertThat(jsonLines(child.log())).anySatisfy(line -> {
                assertThat(line.get("level").asText()).isEqualTo("ERROR");
                assertThat(line.get("logger_name").asText()).isEqualTo("se.accounts.Main");
                assertThat(line.get("message").asText()).startsWith("Stopped: ");
                assertThat(line.get("stack_trace").asText()).contains("\n\tat com.zaxxer.hikari");
            });
        }
    }

    @Test
    void plainTextStaysTheDefault() throws Exception {
        try (ServiceProcess child = ServiceProcess.launch(Map.of("ACCOUNTS_DB_URL", UNUSABLE_DATABASE),
                List.of(ServiceProcess.PRODUCTION_LOGGING), List.of())) {
            assertThat(child.awaitExit()).isEqualTo(1);

            assertThat(child.log()).containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT\\S+ ERROR \\[main\\] "
                    + "se\\.accounts\\.Main - Stopped: ");
        }
    }

    @Test
    void anUnknownFormatIsRefusedInPlainWords() throws Exception {
        try (ServiceProcess child = ServiceProcess.launch(Map.of("ACCOUNTS_LOG_FORMAT", "xml"), List.of(),
                List.of())) {
            assertThat(child.awaitExit()).isEqualTo(2);

            assertThat(child.log()).contains("ACCOUNTS_LOG_FORMAT must be one of [plain, json], got 'xml'");
        }
    }
}
