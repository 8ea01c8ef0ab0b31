package se.accounts.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import se.accounts.model.Attribute;
import se.accounts.model.Entity;
import se.accounts.model.FieldType;
import se.accounts.model.Operator;

/**
 * Random filters for any entity, derived from its metamodel, each paired with an independent in-memory evaluation
 * over the objects the service returned: the contract's semantics written a second time, in plain Java, so that a
 * disagreement with the SQL shows up as a failing case.
 */
public final class FilterOracle {
    /** A filter parameter ({@code name=value}, URL-encoded) and the objects it must select. */
    public record Case(String query, Predicate<JsonNode> expected) {
        public Case negated() {
            int equals = query.indexOf('=');
            return new Case(query.substring(0, equals) + "!" + query.substring(equals), expected.negate());
        }

        public String parameter() {
            return query.substring(0, query.indexOf('='));
        }
    }

    private static final Set<Operator> IGNORING_CASE = Set.of(Operator.IEXACT, Operator.ICONTAINS,
            Operator.ISTARTSWITH, Operator.IENDSWITH);

    private final Entity entity;
    private final List<JsonNode> rows;
    private final Random random;

    public FilterOracle(Entity entity, List<JsonNode> rows, Random random) {
        this.entity = entity;
        this.rows = rows;
        this.random = random;
    }

    public List<Attribute> filterable() {
        return entity.attributes().stream().filter(Attribute::isFilterable).toList();
    }

    public Case any() {
        List<Attribute> fields = filterable();
        Attribute attribute = fields.get(random.nextInt(fields.size()));
        List<Operator> operators = List.copyOf(attribute.type().operators());
        return filter(attribute, operators.get(random.nextInt(operators.size())), random.nextInt(3) == 0);
    }

    public Case filter(Attribute attribute, Operator operator, boolean negated) {
        String parameter = operator == Operator.EXACT ? attribute.name() : attribute.name() + "__" + operator.suffix();
        Case positive = operator == Operator.ISNULL ? isNull(attribute, parameter)
                : attribute.type() == FieldType.STRING ? text(attribute, operator, parameter)
                : attribute.type() == FieldType.TO_MANY ? relatedToAny(attribute, parameter)
                : ordered(attribute, operator, parameter);
        return negated ? positive.negated() : positive;
    }

    private Case isNull(Attribute attribute, String parameter) {
        boolean wanted = random.nextBoolean();
        return new Case(parameter + "=" + (wanted ? "true" : "false"),
                row -> (value(attribute, row) == null) == wanted);
    }

    private Case text(Attribute attribute, Operator operator, String parameter) {
        if (operator == Operator.IN) {
            List<String> items = new ArrayList<>();
            int size = random.nextInt(3);
            for (int i = 0; i < size; i++) {
                items.add(sampleText(attribute));
            }
            String list = String.join(",", items.stream().map(v -> "\"" + v.replace("\"", "\"\"") + "\"").toList());
            return new Case(parameter + "=" + encode(list), row -> items.contains(value(attribute, row)));
        }
        String whole = sampleText(attribute);
        String fragment = whole.length() > 2 && random.nextBoolean()
                ? whole.substring(random.nextInt(whole.length() / 2), whole.length() - random.nextInt(2))
                : whole;
        String plain = fragment.strip().isEmpty() ? "a" : fragment.strip();
        String needle = IGNORING_CASE.contains(operator) ? recased(plain) : plain;
        return new Case(parameter + "=" + encode(needle), row -> textMatches(operator,
                (String) value(attribute, row), needle));
    }

    /**
     * Each letter of {@code text} in upper or lower case at random, so the case-insensitive operators meet the
     * other case of what is stored: Å/å, Ä/ä, Ö/ö, É/é, and ẞ, whose lower case ß has no single-letter upper case.
     */
    private String recased(String text) {
        StringBuilder recased = new StringBuilder();
        text.codePoints().forEach(c -> recased.appendCodePoint(random.nextBoolean() ? Character.toUpperCase(c)
                : Character.toLowerCase(c)));
        return recased.toString();
    }

    private static boolean textMatches(Operator operator, String value, String needle) {
        if (value == null) {
            return false;
        }
        String lowerValue = value.toLowerCase(Locale.ROOT);
        String lowerNeedle = needle.toLowerCase(Locale.ROOT);
        return switch (operator) {
            case EXACT -> value.equals(needle);
            case IEXACT -> lowerValue.equals(lowerNeedle);
            case CONTAINS -> value.contains(needle);
            case ICONTAINS -> lowerValue.contains(lowerNeedle);
            case STARTSWITH -> value.startsWith(needle);
            case ISTARTSWITH -> lowerValue.startsWith(lowerNeedle);
            case ENDSWITH -> value.endsWith(needle);
            case IENDSWITH -> lowerValue.endsWith(lowerNeedle);
            default -> throw new IllegalArgumentException(operator + " is not a text operator");
        };
    }

    private Case relatedToAny(Attribute attribute, String parameter) {
        List<String> ids = new ArrayList<>();
        int size = random.nextInt(3);
        for (int i = 0; i < size; i++) {
            Set<?> related = (Set<?>) value(attribute, sampleRow());
            ids.add(related.isEmpty() || random.nextInt(4) == 0 ? UUID.randomUUID().toString()
                    : (String) related.iterator().next());
        }
        return new Case(parameter + "=" + String.join(",", ids),
                row -> ((Set<?>) value(attribute, row)).stream().anyMatch(ids::contains));
    }

    /** Every other type: exact, in and the comparisons, over values sampled from the rows. */
    private Case ordered(Attribute attribute, Operator operator, String parameter) {
        if (operator == Operator.IN) {
            List<Object> items = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            int size = random.nextInt(4);
            for (int i = 0; i < size; i++) {
                Sample sample = sample(attribute, operator);
                items.add(sample.value());
                texts.add(sample.text());
            }
            return new Case(parameter + "=" + encode(String.join(",", texts)),
                    row -> value(attribute, row) != null && items.contains(value(attribute, row)));
        }
        Sample sample = sample(attribute, operator);
        return new Case(parameter + "=" + encode(sample.text()), row -> compares(operator,
                value(attribute, row), sample.value()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean compares(Operator operator, Object value, Object pivot) {
        if (value == null) {
            return false;
        }
        int order = ((Comparable) value).compareTo(pivot);
        return switch (operator) {
            case EXACT -> order == 0;
            case GT -> order > 0;
            case GTE -> order >= 0;
            case LT -> order < 0;
            case LTE -> order <= 0;
            default -> throw new IllegalArgumentException(operator + " is not a comparison");
        };
    }

    /** A filter value as sent and as the oracle compares it. */
    private record Sample(String text, Object value) {
    }

    private Sample sample(Attribute attribute, Operator operator) {
        Object existing = value(attribute, sampleRow());
        FieldType type = attribute.type();
        if (type == FieldType.INTEGER || type == FieldType.INTEGER_ENUM) {
            List<Integer> choices = type == FieldType.INTEGER_ENUM
                    && (operator == Operator.EXACT || operator == Operator.IN)
                    ? List.copyOf(attribute.allowedValues()) : List.of(-1, 0, 1, 2, 3);
            int chosen = existing != null && random.nextBoolean() ? (Integer) existing
                    : choices.get(random.nextInt(choices.size()));
            return new Sample(Integer.toString(chosen), chosen);
        }
        if (type == FieldType.BIGINT) {
            long chosen = existing != null && random.nextBoolean() ? (Long) existing : random.nextInt(5) - 1;
            return new Sample(Long.toString(chosen), chosen);
        }
        if (type == FieldType.BOOLEAN) {
            boolean chosen = existing != null && random.nextBoolean() ? (Boolean) existing : random.nextBoolean();
            String[] spellings = chosen ? new String[] {"true", "True", "1"} : new String[] {"false", "False", "0"};
            return new Sample(spellings[random.nextInt(3)], chosen);
        }
        if (type == FieldType.DATE) {
            LocalDate chosen = existing != null && random.nextInt(4) > 0 ? (LocalDate) existing
                    : LocalDate.of(1950 + random.nextInt(70), 1 + random.nextInt(12), 1 + random.nextInt(28));
            return new Sample(chosen.toString(), chosen);
        }
        if (type == FieldType.DATETIME) {
            return dateTimeSample((Instant) existing);
        }
        if (type == FieldType.UUID || type == FieldType.TO_ONE) {
            String chosen = random.nextInt(6) == 0 ? UUID.randomUUID().toString()
                    : existing != null && random.nextInt(5) > 0 ? (String) existing
                    : (String) value(entity.require("id"), sampleRow());
            return new Sample(chosen, chosen);
        }
        throw new IllegalArgumentException(attribute + " is not an ordered type");
    }

    /** The same instant in UTC or with an offset, or a bare date (meaning the start of that day, UTC). */
    private Sample dateTimeSample(Instant existing) {
        Instant chosen = existing != null ? existing : Instant.parse("2024-06-01T12:00:00Z")
                .plusSeconds(random.nextInt(86400 * 400) - 86400 * 200);
        return switch (random.nextInt(3)) {
            case 0 -> new Sample(chosen.toString(), chosen);
            case 1 -> new Sample(chosen.atOffset(ZoneOffset.ofHours(2)).toString(), chosen);
            default -> {
                LocalDate day = chosen.atOffset(ZoneOffset.UTC).toLocalDate();
                yield new Sample(day.toString(), day.atStartOfDay(ZoneOffset.UTC).toInstant());
            }
        };
    }

    private String sampleText(Attribute attribute) {
        Object value = value(attribute, sampleRow());
        return value == null ? "zz" : (String) value;
    }

    private JsonNode sampleRow() {
        return rows.get(random.nextInt(rows.size()));
    }

    /** The field of a returned object as a comparable Java value (null for JSON null). */
    public static Object value(Attribute attribute, JsonNode row) {
        JsonNode node = row.get(attribute.name());
        if (attribute.type() == FieldType.TO_MANY) {
            Set<String> ids = new HashSet<>();
            node.forEach(related -> ids.add(related.get("id").asText()));
            return ids;
        }
        if (node == null || node.isNull()) {
            return null;
        }
        FieldType type = attribute.type();
        if (type == FieldType.STRING || type == FieldType.UUID) {
            return node.asText();
        }
        if (type == FieldType.INTEGER || type == FieldType.INTEGER_ENUM) {
            return node.asInt();
        }
        if (type == FieldType.BIGINT) {
            return node.asLong();
        }
        if (type == FieldType.BOOLEAN) {
            return node.asBoolean();
        }
        if (type == FieldType.DATE) {
            return LocalDate.parse(node.asText());
        }
        if (type == FieldType.DATETIME) {
            return Instant.parse(node.asText());
        }
        if (type == FieldType.TO_ONE) {
            return node.get("id").asText();
        }
        throw new IllegalArgumentException(attribute + " is not filterable");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

}
