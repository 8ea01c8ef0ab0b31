package se.accounts.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import se.accounts.entities.EntityCatalog;
import se.accounts.json.Json;
import se.accounts.model.Attribute;
import se.accounts.model.Entity;
import se.accounts.support.ApiClient;
import se.accounts.support.LogCapture;
import se.accounts.support.TestService;

/**
 * Hostile input with a fixed seed: random query strings and random JSON bodies against every entity. Every answer
 * must be a 2xx or a 4xx with the documented body, never a 5xx, never a hang (the client gives up after 10 s),
 * never a stack trace; and the service must log no unhandled exception. More cases on demand:
 * {@code mvn test -Dtest=HostileInputFuzzTest -Dfuzz.cases=100000}.
 */
class HostileInputFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261126L);
    private static final int CASES = Integer.getInteger("fuzz.cases", 2500);
    private static final String[] NASTY = {"'", "\"", "\\", "%", "_", "%%", "' OR 1=1 --", "); DROP TABLE x; --",
        "\u0000", "\u0001", "\n", "\r\n", "\t", "𝕬", "Å", "ß", "İ", "\uFEFF", "\u202E", "null", "true", "NaN",
        "-1", "0", "99999999999999999999", "-2147483649", "1e309", "2024-02-30", "0000-00-00", "9999-12-31T23:59:60Z",
        "+999999999-12-31T23:59:59-18:00", "-999999999-01-01T00:00:00+18:00", "2024-01-31 10:00:00+0200",
        "not-a-uuid", "00000000-0000-0000-0000-00000000000g", "{}", "[]", ",", "\"\"", ",,", "\"a,b\"", "!", "__",
        " ", "*", "<script>", "${jndi:ldap://x}", "../../etc/passwd"};
    private static final String[] OPERATORS = {"", "__icontains", "__in", "__isnull", "__gt", "__lte", "__iexact",
        "__startswith", "__nope", "__", "__in__in", "!"};
    private static final String[] RESERVED = {"_page", "_page_size", "_order_by", "_search", "_slim", "_statistics",
        "_jsonl", "_", "_pagesize", "_ORDER_BY"};

    private final TestService service = TestService.get();
    private final ApiClient client = service.newCustomer();
    private final Random random = new Random(SEED);

    @Test
    void randomQueryStringsAreAnsweredWith200OrADocumented4xxAndNothingElse() {
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < CASES; i++) {
                Entity entity = randomEntity();
                String query = randomQuery(entity);

                ApiClient.Response response = client.get(entity.path() + "list/?" + query);

                // 414/431: the request line or the request with its headers is over 8 KiB (some values are long).
                assertThat(response.status()).as(query).isIn(200, 400, 414, 431);
                if (response.status() != 200) {
                    assertDocumentedError(response, query);
                }
            }
            assertNoUnhandledException(log);
        }
    }

    @Test
    void randomBodiesAreAnsweredWith2xxOr4xxAndNothingElse() {
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < CASES; i++) {
                Entity entity = randomEntity();
                String body = randomBody(entity);
                String[] target = randomWrite(entity);

                ApiClient.Response response = client.send(target[0], target[1], body, Map.of());

                assertThat(response.status()).as(target[0] + " " + target[1] + " " + body).isBetween(200, 499);
                if (response.status() >= 400) {
                    assertDocumentedError(response, body);
                }
            }
            assertNoUnhandledException(log);
        }
    }

    @Test
    void malformedPercentEncodingIsA400() throws IOException {
        for (String query : List.of("name=%", "name=%zz", "%=x", "name=%C3", "name=%ff%fe", "na%00me=x")) {
            String response = client.sendRaw("GET /sales/organization/list/?" + query + " HTTP/1.1");

            assertThat(response).as(query).startsWith("HTTP/1.1 400");
        }
    }

    /**
     * Found by fuzzing: broken percent-encoding was answered {"detail": ...}, where the contract keys a 400 by the
     * parameter, or by non_field_errors when no parameter can be named.
     */
    @Test
    void malformedPercentEncodingIsAnErrorUnderTheParameterOrNonFieldErrors() throws IOException {
        String inValue = client.sendRaw("GET /sales/organization/list/?name=%zz HTTP/1.1");
        String inName = client.sendRaw("GET /sales/organization/list/?na%C3me=x HTTP/1.1");

        assertThat(inValue).startsWith("HTTP/1.1 400").contains("{\"name\":[\"'%zz' is not valid percent-encoding");
        assertThat(inName).startsWith("HTTP/1.1 400").contains("{\"non_field_errors\":[\"The parameter name 'na%C3me'");
    }

    /**
     * Found by fuzzing: a request line without a version (a space left unencoded in a query string reads so) or
     * with an unknown one is Jetty's 505, whose body said "A server error occurred.", the contract's words for a bug.
     */
    @Test
    void anUnsupportedHttpVersionIsNamedNotReportedAsAServerError() throws IOException {
        for (String requestLine : List.of("GET /sales/organization/list/", "GET /sales/organization/list/ HTTP/1.2")) {
            String response = client.sendRaw(requestLine);

            assertThat(response).as(requestLine).startsWith("HTTP/1.1 505").contains("HTTP version not supported")
                    .doesNotContain("A server error occurred.");
        }
    }

    private Entity randomEntity() {
        return EntityCatalog.ALL.get(random.nextInt(EntityCatalog.ALL.size()));
    }

    private String randomQuery(Entity entity) {
        List<String> parameters = new ArrayList<>();
        int count = random.nextInt(5);
        for (int p = 0; p < count; p++) {
            String name = switch (random.nextInt(4)) {
                case 0 -> RESERVED[random.nextInt(RESERVED.length)];
                case 1 -> randomText(12);
                default -> field(entity) + OPERATORS[random.nextInt(OPERATORS.length)]
                        + (random.nextInt(4) == 0 ? "!" : "");
            };
            parameters.add(encode(name) + "=" + encode(randomValue()));
        }
        return String.join("&", parameters);
    }

    private String field(Entity entity) {
        List<Attribute> attributes = entity.attributes();
        return attributes.get(random.nextInt(attributes.size())).name();
    }

    private String randomValue() {
        return switch (random.nextInt(5)) {
            case 0 -> NASTY[random.nextInt(NASTY.length)];
            case 1 -> randomText(random.nextInt(3) == 0 ? 3000 : 20);
            case 2 -> Integer.toString(random.nextInt());
            case 3 -> NASTY[random.nextInt(NASTY.length)] + "," + NASTY[random.nextInt(NASTY.length)];
            default -> "";
        };
    }

    private String randomText(int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            text.appendCodePoint(kind < 6 ? 'a' + random.nextInt(26) : kind < 8 ? random.nextInt(0x20, 0x7f)
                    : kind < 9 ? random.nextInt(0x80, 0x3000) : random.nextInt(0x1F300, 0x1F600));
        }
        return text.toString();
    }

    private String randomBody(Entity entity) {
        return switch (random.nextInt(6)) {
            case 0 -> Json.write(randomJson(0));
            case 1 -> "{\"" + field(entity) + "\": 1, \"" + field(entity) + "\": 2}";
            case 2 -> "[" + "{},".repeat(random.nextInt(1500)) + "{}]";
            case 3 -> "[".repeat(200) + "]".repeat(200);
            case 4 -> Json.write(objectOf(entity));
            default -> randomText(200);
        };
    }

    private Map<String, Object> objectOf(Entity entity) {
        Map<String, Object> object = new java.util.HashMap<>();
        for (int i = 0; i < 1 + random.nextInt(6); i++) {
            object.put(random.nextInt(8) == 0 ? randomText(10) : field(entity), randomJson(2));
        }
        return object;
    }

    private Object randomJson(int depth) {
        return switch (depth > 4 ? random.nextInt(5) : random.nextInt(8)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> switch (random.nextInt(3)) {
                case 0 -> random.nextDouble() * 1e300;
                case 1 -> hostileNumber(false);
                default -> random.nextLong();
            };
            case 3 -> NASTY[random.nextInt(NASTY.length)];
            case 4 -> randomText(40);
            case 5 -> Map.of("id", random.nextBoolean() ? java.util.UUID.randomUUID().toString()
                    : NASTY[random.nextInt(NASTY.length)]);
            case 6 -> {
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < random.nextInt(5); i++) {
                    list.add(randomJson(depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new java.util.HashMap<>();
                for (int i = 0; i < random.nextInt(5); i++) {
                    map.put(randomText(8), randomJson(depth + 1));
                }
                yield map;
            }
        };
    }

    /**
     * Numbers at and past what PostgreSQL's jsonb holds (131072 digits before the point, 16383 after): huge and
     * tiny exponents, and long literals, with {@code longLiterals} also those of 100,000 digits and more, some longer
     * than the parser reads at all (one per body: many would pass the body limit). Jackson writes a BigDecimal as
     * {@code 1E+999999999}, so these reach the service as the client would spell them.
     */
    private Object hostileNumber(boolean longLiterals) {
        return switch (longLiterals ? random.nextInt(8) : 5 + random.nextInt(3)) {
            case 0 -> new BigInteger(longDigits(131_070 + random.nextInt(5)));
            case 1 -> new BigDecimal("0." + longDigits(16_381 + random.nextInt(5)));
            case 2 -> new BigInteger(longDigits(JSON_NUMBER_LIMIT + random.nextInt(3) - 1));
            case 3 -> new BigDecimal(longDigits(1 + random.nextInt(131_072)) + "."
                    + longDigits(1 + random.nextInt(16_383)));
            case 4 -> new BigDecimal(longDigits(1 + random.nextInt(3000)) + "." + longDigits(1 + random.nextInt(3000)));
            case 5 -> new BigDecimal((random.nextBoolean() ? "" : "-") + "1e" + (random.nextBoolean() ? "" : "-")
                    + (131_070 + random.nextInt(5) + (random.nextBoolean() ? 0 : 999_000_000)));
            case 6 -> new BigDecimal(random.nextBoolean() ? (random.nextBoolean() ? "1e999999999" : "1e-999999999")
                    : "1e" + (random.nextBoolean() ? "-" : "") + (16_381 + random.nextInt(5)));
            default -> new BigInteger(longDigits(1 + random.nextInt(1200))).negate();
        };
    }

    /** The longest number literal the service parses (JsonNumberLimits.MAX_LITERAL_LENGTH). */
    private static final int JSON_NUMBER_LIMIT = 131_072 + 16_383 + 16;

    private String longDigits(int length) {
        StringBuilder digits = new StringBuilder(length);
        digits.append((char) ('1' + random.nextInt(9)));
        for (int i = 1; i < length; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    /**
     * Hostile numbers in every nested position of a JSON field and in integer fields, by create, update and bulk
     * write: stored (201/200) when PostgreSQL can hold them, else a 400 under the field that names the limits;
     * never a 500, never a parse error without a field.
     */
    @Test
    void hostileNumbersAnywhereAreStoredOrA400UnderTheirField() {
        String users = "/accounts/users/organization/organizationuser/";
        String existing = client.post(users, Map.of("first_name", "Numbers", "detail_access", 0)).json().get("id")
                .asText();
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < CASES / 25; i++) {
                boolean jsonField = random.nextInt(4) != 0;
                String field = jsonField ? "invoice_distribution_instruction" : "detail_access";
                Map<String, Object> body = new java.util.HashMap<>();
                Object number = hostileNumber(true);
                body.put(field, jsonField ? nestedSomewhere(number, 0) : number);
                int write = random.nextInt(3);
                if (write < 2) {
                    body.put("first_name", "Numbers");
                    body.put("detail_access", body.getOrDefault("detail_access", 0));
                } else {
                    body.put("id", existing);
                }
                String json = Json.write(write == 1 ? List.of(body) : body);
                ApiClient.Response response = write == 2
                        ? client.send("PATCH", users + existing + "/", json, Map.of())
                        : client.send("POST", users + (write == 1 ? "list/" : ""), json, Map.of());

                String what = field + " " + json.substring(0, Math.min(json.length(), 300));
                assertThat(response.status()).as(what).isIn(200, 201, 400);
                if (response.status() == 400) {
                    JsonNode errors = write == 1 ? response.json().get(0) : response.json();
                    assertThat(errors.has(field)).as(what + " -> " + response.body()).isTrue();
                }
            }
            assertNoUnhandledException(log);
        }
    }

    /** {@code value} inside a list of objects, at a random depth among other values: [{"a": [1, {"b": value}]}]. */
    private Object nestedSomewhere(Object value, int depth) {
        Object inner = random.nextInt(3) == 0 || depth > 3 ? value : switch (random.nextInt(2)) {
            case 0 -> new ArrayList<>(List.of(random.nextInt(), nestedSomewhere(value, depth + 1)));
            default -> Map.of(randomText(5) + "k", nestedSomewhere(value, depth + 1), "z", random.nextLong());
        };
        return depth == 0 ? List.of(Map.of("ok", 1), Map.of("a", inner)) : inner;
    }

    private String[] randomWrite(Entity entity) {
        String someId = random.nextBoolean() ? java.util.UUID.randomUUID().toString() : encode(randomText(10));
        return switch (random.nextInt(6)) {
            case 0 -> new String[] {"POST", entity.path()};
            case 1 -> new String[] {"POST", entity.path() + "list/"};
            case 2 -> new String[] {"PATCH", entity.path() + someId + "/"};
            case 3 -> new String[] {"POST", "/accounts/users/auth/invite/organization/organizationuser/"};
            case 4 -> new String[] {"POST", "/accounts/users/auth/invite/accept/"};
            default -> new String[] {"DELETE", entity.path() + someId + "/"};
        };
    }

    /** A 4xx body is JSON: {"detail": "..."}, a map of messages per field, or a list of those per bulk item. */
    private static void assertDocumentedError(ApiClient.Response response, String input) {
        JsonNode body = response.json();
        if (body.isArray()) {
            body.forEach(item -> assertFieldErrors(item, input));
        } else if (body.has("detail")) {
            assertThat(body.get("detail").isTextual()).as(input).isTrue();
        } else {
            assertFieldErrors(body, input);
        }
        assertThat(response.body()).as(input).doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("SQL");
    }

    private static void assertFieldErrors(JsonNode errors, String input) {
        assertThat(errors.isObject()).as(input).isTrue();
        errors.properties().forEach(field -> {
            assertThat(field.getValue().isArray()).as(input).isTrue();
            field.getValue().forEach(message -> assertThat(message.isTextual()).as(input).isTrue());
        });
    }

    private static void assertNoUnhandledException(LogCapture log) {
        assertThat(log.events()).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                .extracting(event -> event.getFormattedMessage()).isEmpty();
    }



    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
