package se.accounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.TestService;

/**
 * Random filter combinations (fixed seed) sent to the service, compared with an independent in-memory evaluation of
 * the same filters over the same rows. Catches disagreements in negation, null handling, case folding, escaping,
 * quoting of in-lists and date-time comparison.
 */
class FilterPropertyTest {
    private static final long SEED = 20261126L;
    private static final int CASES = 2000;
    private static final String ALPHABET = "aAbBåÅöÖ%_\\ ,\"x";
    private static final String LIST = "/sales/organization/list/";

    private final ApiClient client = TestService.get().newCustomer();
    private final Random random = new Random(SEED);

    private record Row(String id, String name, String customId, String parent, Instant createdAt) {
        Object get(String field) {
            return switch (field) {
                case "id" -> id;
                case "name" -> name;
                case "custom_id" -> customId;
                case "organization" -> parent;
                default -> createdAt;
            };
        }
    }

    private record Case(String query, Predicate<Row> expected) {
    }

    @Test
    void serviceAgreesWithAnInMemoryEvaluationOfRandomFilters() {
        List<Row> rows = seedRows();
        for (int i = 0; i < CASES; i++) {
            List<Case> filters = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            Set<String> used = new HashSet<>();
            while (filters.size() < count) {
                Case filter = randomFilter(rows);
                if (used.add(filter.query().substring(0, filter.query().indexOf('=')))) {
                    filters.add(filter);
                }
            }
            String query = String.join("&", filters.stream().map(Case::query).toList());
            Predicate<Row> expected = filters.stream().map(Case::expected).reduce(r -> true, Predicate::and);

            ApiClient.Response response = client.get(LIST + "?" + query + "&_order_by=id&_statistics=true");

            assertThat(response.status()).as(query + " -> " + response.body()).isEqualTo(200);
            List<String> actual = new ArrayList<>();
            response.json().forEach(o -> actual.add(o.get("id").asText()));
            List<String> wanted = rows.stream().filter(expected).map(Row::id).sorted().toList();
            assertThat(actual).as("case %d: %s", i, query).isEqualTo(wanted);
            assertThat(response.header("X-Total-Count")).isEqualTo(Integer.toString(wanted.size()));
        }
    }

    private List<Row> seedRows() {
        List<Object> first = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            first.add(body(i, null));
        }
        JsonNode created = client.post(LIST, first).json();
        List<Object> second = new ArrayList<>();
        for (int i = 40; i < 60; i++) {
            String parent = random.nextBoolean() ? created.get(random.nextInt(40)).get("id").asText() : null;
            second.add(body(i, parent));
        }
        ApiClient.Response response = client.post(LIST, second);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        List<Row> rows = new ArrayList<>();
        for (JsonNode object : client.get(LIST).json()) {
            rows.add(new Row(object.get("id").asText(), object.get("name").asText(),
                    object.get("custom_id").isNull() ? null : object.get("custom_id").asText(),
                    object.get("organization").isNull() ? null : object.get("organization").get("id").asText(),
                    Instant.parse(object.get("created_at").asText())));
        }
        return rows;
    }

    private Map<String, Object> body(int index, String parent) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", randomText(8).strip() + "#" + index);
        if (random.nextInt(10) < 7) {
            String customId = randomText(5).strip();
            body.put("custom_id", customId.isEmpty() ? "c" : customId);
        }
        if (parent != null) {
            body.put("organization", Map.of("id", parent));
        }
        return body;
    }

    private String randomText(int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(maxLength);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    private Case randomFilter(List<Row> rows) {
        boolean negated = random.nextInt(3) == 0;
        Case positive = switch (random.nextInt(4)) {
            case 0, 1 -> textFilter(rows, random.nextBoolean() ? "name" : "custom_id");
            case 2 -> relationFilter(rows, random.nextBoolean() ? "organization" : "id");
            default -> dateTimeFilter(rows);
        };
        if (!negated) {
            return positive;
        }
        int equals = positive.query().indexOf('=');
        return new Case(positive.query().substring(0, equals) + "!" + positive.query().substring(equals),
                positive.expected().negate());
    }

    private Case textFilter(List<Row> rows, String field) {
        String[] operators = {"", "iexact", "contains", "icontains", "startswith", "istartswith", "endswith",
                "iendswith", "in", "isnull"};
        String operator = operators[random.nextInt(operators.length)];
        String parameter = operator.isEmpty() ? field : field + "__" + operator;
        if (operator.equals("isnull")) {
            boolean isNull = random.nextBoolean();
            return new Case(parameter + "=" + isNull, row -> (row.get(field) == null) == isNull);
        }
        if (operator.equals("in")) {
            List<String> items = new ArrayList<>();
            int size = random.nextInt(3);
            for (int i = 0; i < size; i++) {
                items.add(sample(rows, field));
            }
            String list = String.join(",", items.stream().map(v -> "\"" + v.replace("\"", "\"\"") + "\"").toList());
            return new Case(parameter + "=" + encode(list), row -> items.contains((String) row.get(field)));
        }
        String value = sample(rows, field);
        String fragment = value.length() > 2 && random.nextBoolean()
                ? value.substring(random.nextInt(value.length() / 2), value.length() - random.nextInt(2))
                : value;
        String needle = fragment.strip().isEmpty() ? "a" : fragment.strip();
        return new Case(parameter + "=" + encode(needle), row -> textMatches(operator, (String) row.get(field),
                needle));
    }

    private static boolean textMatches(String operator, String value, String needle) {
        if (value == null) {
            return false;
        }
        String lowerValue = value.toLowerCase(Locale.ROOT);
        String lowerNeedle = needle.toLowerCase(Locale.ROOT);
        return switch (operator) {
            case "" -> value.equals(needle);
            case "iexact" -> lowerValue.equals(lowerNeedle);
            case "contains" -> value.contains(needle);
            case "icontains" -> lowerValue.contains(lowerNeedle);
            case "startswith" -> value.startsWith(needle);
            case "istartswith" -> lowerValue.startsWith(lowerNeedle);
            case "endswith" -> value.endsWith(needle);
            default -> lowerValue.endsWith(lowerNeedle);
        };
    }

    private Case relationFilter(List<Row> rows, String field) {
        String[] operators = {"", "in", "isnull"};
        String operator = operators[random.nextInt(operators.length)];
        String parameter = operator.isEmpty() ? field : field + "__" + operator;
        if (operator.equals("isnull")) {
            boolean isNull = random.nextBoolean();
            return new Case(parameter + "=" + isNull, row -> (row.get(field) == null) == isNull);
        }
        List<String> ids = new ArrayList<>();
        int size = operator.isEmpty() ? 1 : random.nextInt(4);
        for (int i = 0; i < size; i++) {
            ids.add(random.nextInt(5) == 0 ? java.util.UUID.randomUUID().toString()
                    : rows.get(random.nextInt(rows.size())).id());
        }
        return new Case(parameter + "=" + String.join(",", ids), row -> ids.contains((String) row.get(field)));
    }

    private Case dateTimeFilter(List<Row> rows) {
        String[] operators = {"", "gt", "gte", "lt", "lte", "isnull"};
        String operator = operators[random.nextInt(operators.length)];
        String parameter = operator.isEmpty() ? "created_at" : "created_at__" + operator;
        if (operator.equals("isnull")) {
            boolean isNull = random.nextBoolean();
            return new Case(parameter + "=" + isNull, row -> !isNull);
        }
        Instant pivot = rows.get(random.nextInt(rows.size())).createdAt();
        return new Case(parameter + "=" + encode(pivot.toString()), row -> switch (operator) {
            case "" -> row.createdAt().equals(pivot);
            case "gt" -> row.createdAt().isAfter(pivot);
            case "gte" -> !row.createdAt().isBefore(pivot);
            case "lt" -> row.createdAt().isBefore(pivot);
            default -> !row.createdAt().isAfter(pivot);
        });
    }

    private String sample(List<Row> rows, String field) {
        Object value = rows.get(random.nextInt(rows.size())).get(field);
        return value == null ? "zz" : (String) value;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
