package se.accounts.http.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import se.accounts.entities.EntityCatalog;
import se.accounts.entities.OrganizationUsers;
import se.accounts.model.Attribute;
import se.accounts.model.Entity;
import se.accounts.model.Operator;
import se.accounts.support.ApiClient;
import se.accounts.support.SeparateService;
import se.accounts.support.TestService;

/** The OpenAPI document the server publishes: valid, complete, and the same routes the server answers. */
class OpenApiDocumentTest {
    private final TestService service = TestService.get();
    private final ApiClient.Response published = service.anonymous().get("/openapi.json");

    private SwaggerParseResult parsed() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(published.body(), null, options);
    }

    @Test
    void theDocumentIsPublicAndJson() {
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.header("Content-Type")).startsWith("application/json");
        assertThat(published.json().get("openapi").asText()).isEqualTo("3.1.0");
    }

    @Test
    void theServerIsTheAddressTheDocumentWasFetchedFrom() {
        assertThat(published.json().at("/servers/0/url").asText()).isEqualTo(service.baseUrl());
    }

    @Test
    void eachRequestGetsTheAddressItWasSentTo() {
        String byName = service.baseUrl().replace("127.0.0.1", "localhost");

        ApiClient.Response fetchedByName = service.anonymous().rebased(byName).get("/openapi.json");

        assertThat(fetchedByName.json().at("/servers/0/url").asText()).isEqualTo(byName);
        assertThat(service.anonymous().get("/openapi.json").json().at("/servers/0/url").asText())
                .isEqualTo(service.baseUrl());
    }

    @Test
    void theServerIsThePublicUrlWhateverAddressTheRequestWasSentTo() throws Exception {
        try (SeparateService separate = new SeparateService(Map.of("ACCOUNTS_PUBLIC_URL",
                "https://accounts.example.se/"))) {
            ApiClient byAddress = separate.anonymous();
            ApiClient byName = byAddress.rebased("http://localhost:" + separate.service().port());

            for (ApiClient client : List.of(byAddress, byName, byAddress)) {
                ApiClient.Response document = client.get("/openapi.json");
                assertThat(document.status()).isEqualTo(200);
                assertThat(document.json().at("/servers/0/url").asText()).isEqualTo("https://accounts.example.se");
            }
        }
    }

    @Test
    void writeSchemasHoldNoReadOnlyFieldAndNoDefaultSoGeneratedModelsSendOnlyWhatWasSet() {
        JsonNode schemas = published.json().at("/components/schemas");
        for (String write : List.of("OrganizationuserCreate", "OrganizationuserUpdate", "OrganizationuserBulkItem")) {
            JsonNode properties = schemas.at("/" + write + "/properties");

            assertThat(properties.has("created_at")).as(write).isFalse();
            assertThat(properties.has("tags")).as(write).isFalse();
            assertThat(properties.toString()).as(write).doesNotContain("\"default\"");
            assertThat(properties.at("/external_clients/$ref").asText()).as(write)
                    .isEqualTo("#/components/schemas/Relations");
        }
    }

    @Test
    void noSchemaIsOfTypeNullAlone() {
        List<String> found = new ArrayList<>();
        published.json().findParents("type").forEach(schema -> {
            if (schema.get("type").isTextual() && schema.get("type").asText().equals("null")
                    && !schema.has("oneOf")) {
                found.add(schema.toString());
            }
        });

        // Only the null alternative of a nullable reference, {"oneOf": [{"$ref": ...}, {"type": "null"}]}.
        published.json().findParents("oneOf").forEach(either -> {
            assertThat(either.get("oneOf")).hasSize(2);
            assertThat(either.get("oneOf").get(0).has("$ref")).isTrue();
            found.remove(either.get("oneOf").get(1).toString());
        });
        assertThat(found).isEmpty();
    }

    @Test
    void aRealOpenApiParserReadsTheDocumentWithoutAnyMessage() {
        SwaggerParseResult result = parsed();

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
    }

    @Test
    void everyRouteTheServerAnswersIsDocumentedAndEveryDocumentedRouteExists() {
        Map<String, Set<String>> served = new TreeMap<>();
        service.routes().forEach((path, methods) -> served.put(path, new TreeSet<>(methods)));
        Map<String, Set<String>> documented = new TreeMap<>();
        parsed().getOpenAPI().getPaths().forEach((path, item) -> documented.put(path, item.readOperationsMap()
                .keySet().stream().map(method -> method.name().toUpperCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new))));

        assertThat(documented).isEqualTo(served);
    }

    @Test
    void allSevenHeadersAreRequiredTogether() {
        OpenAPI api = parsed().getOpenAPI();

        assertThat(api.getComponents().getSecuritySchemes()).hasSize(7);
        assertThat(api.getSecurity()).hasSize(1);
        assertThat(api.getSecurity().get(0)).hasSize(7);
        assertThat(api.getComponents().getSecuritySchemes().values()).extracting(scheme -> scheme.getName())
                .containsExactlyInAnyOrder("X-PIGELLO-CUSTOMER-ID", "X-PIGELLO-APPLICATION-ID",
                        "X-PIGELLO-SERVICE-ID", "X-PIGELLO-SERVICE-VERSION-ID", "X-PIGELLO-CLIENT-CT",
                        "X-PIGELLO-CLIENT-ENTITY", "X-PIGELLO-CLIENT-SECRET");
    }

    @Test
    void publicOperationsNeedNoHeaders() {
        Map<String, PathItem> paths = parsed().getOpenAPI().getPaths();

        for (String path : List.of("/health/", "/openapi.json", "/docs/", "/accounts/users/auth/invite/accept/")) {
            for (Operation operation : paths.get(path).readOperations()) {
                assertThat(operation.getSecurity()).as(path).isEmpty();
            }
        }
    }

    @Test
    void everyListDocumentsEachReservedParameterAndEachFilterWithEachOperator() {
        Map<String, PathItem> paths = parsed().getOpenAPI().getPaths();
        for (Entity entity : EntityCatalog.ALL) {
            Operation list = paths.get(entity.path() + "list/").getGet();
            Map<String, Parameter> parameters = new TreeMap<>();
            list.getParameters().forEach(parameter -> parameters.put(parameter.getName(), parameter));

            assertThat(parameters).as(entity.toString())
                    .containsKeys("_page", "_page_size", "_order_by", "_slim", "_statistics", "_jsonl");
            List<String> expected = new ArrayList<>();
            for (Attribute attribute : entity.attributes()) {
                if (attribute.isFilterable()) {
                    for (Operator operator : attribute.type().operators()) {
                        expected.add(operator == Operator.EXACT ? attribute.name()
                                : attribute.name() + "__" + operator.suffix());
                    }
                }
            }
            assertThat(parameters).as(entity.toString()).containsKeys(expected.toArray(String[]::new));
            for (String filter : expected) {
                assertThat(parameters.get(filter).getDescription()).as(filter)
                        .endsWith("Filter can be negated by adding a ! to the end of the parameter name.");
            }
        }
    }

    @Test
    void theUserSchemaCarriesTypesLengthsPatternsEnumsNullabilityAndReadOnlyMarks() {
        JsonNode user = published.json().at("/components/schemas/Organizationuser/properties");

        assertThat(user.at("/first_name/maxLength").asInt()).isEqualTo(255);
        assertThat(user.at("/first_name/type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(user.at("/username/pattern").asText()).isEqualTo("^[\\w.@+-]+$");
        assertThat(user.at("/username/minLength").asInt()).isEqualTo(8);
        assertThat(user.at("/username/readOnly").asBoolean()).isTrue();
        assertThat(user.at("/detail_access/$ref").asText())
                .isEqualTo("#/components/schemas/OrganizationuserDetailAccess");
        assertThat(published.json().at("/components/schemas/OrganizationuserDetailAccess/enum").toString())
                .isEqualTo("[0,1,2]");
        assertThat(user.at("/created_at/format").asText()).isEqualTo("date-time");
        assertThat(user.at("/birth_date/format").asText()).isEqualTo("date");
        assertThat(user.at("/external_clients/$ref").asText()).isEqualTo("#/components/schemas/Relations");
        assertThat(user.at("/organization/oneOf/0/$ref").asText()).isEqualTo("#/components/schemas/Relation");
        assertThat(published.json().at("/components/schemas/OrganizationuserCreate/required").toString())
                .isEqualTo("[\"detail_access\"]");
    }

    @Test
    void rulesAreDescribedInProseLikeThePublicReference() {
        JsonNode user = published.json().at("/components/schemas/Organizationuser/properties");

        assertThat(user.at("/first_name/description").asText()).contains(
                "This field, or at least one of the following fields must be set: last_name, corporate_name");
        assertThat(user.at("/ssn/description").asText()).contains("Luhn");
        assertThat(user.at("/email/description").asText()).contains("Unique per customer");
        assertThat(user.at("/profile_picture/description").asText()).contains("Profile pictures are not supported");
    }

    @Test
    void idempotentPostsListTheGoneReplayOfAnAnonymizedResponse() {
        JsonNode paths = published.json().get("paths");
        for (String path : List.of("/accounts/users/organization/organizationuser/",
                "/accounts/users/organization/organizationuser/list/",
                "/accounts/users/auth/invite/organization/organizationuser/")) {
            JsonNode responses = paths.at("/" + path.replace("/", "~1") + "/post/responses");

            assertThat(responses.has("409")).as(path).isTrue();
            assertThat(responses.has("410")).as(path).isTrue();
            assertThat(responses.has("422")).as(path).isTrue();
        }
    }

    @Test
    void operationsCarryCurlExamplesAndExampleResponses() {
        JsonNode list = published.json().at("/paths/" + escape(OrganizationUsers.ORGANIZATION_USER.path() + "list/")
                + "/get");

        assertThat(list.at("/x-codeSamples/0/source").asText()).startsWith("curl -i -X GET")
                .contains("X-PIGELLO-CLIENT-SECRET");
        assertThat(list.at("/responses/200/content/application~1json/example/0/email").asText())
                .isEqualTo("anna.svensson@example.se");
    }

    @Test
    void theExampleUserObeysItsOwnRules() {
        JsonNode example = published.json().at("/components/schemas/Organizationuser/example");
        java.util.Map<String, Object> body = new java.util.HashMap<>();
        example.properties().forEach(field -> body.put(field.getKey(), field.getValue()));

        ApiClient.Response created = service.newCustomer().post(OrganizationUsers.ORGANIZATION_USER.path(), body);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }
}
