package se.accounts.http.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.TestService;

/**
 * Requests generated from the published document alone, as an integrator's tooling would: every query parameter
 * of every list (each filter with each operator, with and without negation, and each reserved parameter), with a
 * value made from its schema. A valid value must be answered 200; every answer must be one the operation
 * documents.
 */
class OpenApiContractTest {
    private final TestService service = TestService.get();
    private final ApiClient client = service.newCustomer();
    private final JsonNode document = service.anonymous().get("/openapi.json").json();

    @Test
    void everyDocumentedListParameterWithAValidValueIsAnswered200() {
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (var path : iterable(document.get("paths").fieldNames())) {
            JsonNode list = document.get("paths").get(path).get("get");
            if (!path.endsWith("/list/") || list == null) {
                continue;
            }
            for (JsonNode parameter : list.get("parameters")) {
                if (!parameter.get("in").asText().equals("query")) {
                    continue;
                }
                String name = parameter.get("name").asText();
                List<String> queries = new ArrayList<>(List.of(query(name, parameter)));
                if (!name.startsWith("_") && !name.endsWith("!")) {
                    queries.add(query(name + "!", parameter));
                }
                for (String query : queries) {
                    ApiClient.Response response = client.get(path + "?" + query);
                    requests++;
                    if (response.status() != 200) {
                        failures.add(path + "?" + query + " -> " + response.status() + " " + response.body());
                    }
                }
            }
        }

        assertThat(failures).isEmpty();
        assertThat(requests).isGreaterThan(500);
    }

    @Test
    void invalidValuesAreAnsweredWithADocumented400() {
        for (var path : iterable(document.get("paths").fieldNames())) {
            JsonNode list = document.get("paths").get(path).get("get");
            if (!path.endsWith("/list/") || list == null) {
                continue;
            }
            Set<String> documented = new TreeSet<>();
            list.get("responses").fieldNames().forEachRemaining(documented::add);
            for (JsonNode parameter : list.get("parameters")) {
                String type = resolved(parameter.get("schema")).path("type").asText();
                if (type.equals("string") && !parameter.at("/schema/format").isMissingNode()
                        || type.equals("integer") || type.equals("boolean")) {
                    ApiClient.Response response = client.get(path + "?" + parameter.get("name").asText()
                            + "=not-a-valid-value");

                    assertThat(response.status()).as(path + " " + parameter.get("name")).isEqualTo(400);
                    assertThat(documented).contains("400");
                    assertThat(response.json().has(parameter.get("name").asText())).isTrue();
                }
            }
        }
    }

    @Test
    void aGetOfAnUnknownIdIsADocumented404() {
        for (var path : iterable(document.get("paths").fieldNames())) {
            JsonNode get = document.get("paths").get(path).get("get");
            if (!path.endsWith("/{pk}/") || get == null) {
                continue;
            }

            ApiClient.Response response = client.get(path.replace("{pk}", UUID.randomUUID().toString()));

            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(get.get("responses").has("404")).as(path).isTrue();
        }
    }

    /** A query string with a valid value for the parameter, made from its schema (and its partner for paging). */
    private String query(String name, JsonNode parameter) {
        if (name.equals("_page") || name.equals("_page_size")) {
            return "_page=1&_page_size=10";
        }
        JsonNode schema = resolved(parameter.get("schema"));
        String value = schema.get("type").asText().equals("array")
                ? value(resolved(schema.get("items"))) + "," + value(resolved(schema.get("items")))
                : parameter.has("example") ? parameter.get("example").asText() : value(schema);
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The schema, or the component it refers to (integer enums are named components). */
    private JsonNode resolved(JsonNode schema) {
        return schema.has("$ref") ? document.at(schema.get("$ref").asText().substring(1)) : schema;
    }

    private static String value(JsonNode schema) {
        if (schema.has("enum")) {
            return schema.get("enum").get(0).asText();
        }
        String format = schema.path("format").asText("");
        return switch (schema.path("type").asText()) {
            case "integer" -> "1";
            case "boolean" -> "true";
            default -> switch (format) {
                case "uuid" -> UUID.randomUUID().toString();
                case "date" -> "2024-05-17";
                case "date-time" -> "2024-05-17T08:30:00Z";
                default -> "ann";
            };
        };
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
