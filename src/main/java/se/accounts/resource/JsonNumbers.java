package se.accounts.resource;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON numbers PostgreSQL can store: {@code jsonb} keeps a number as {@code numeric}, which holds at most
 * {@value #MAX_INTEGER_DIGITS} digits before the decimal point and {@value #MAX_FRACTION_DIGITS} after it (an
 * exponent counts: {@code 1e999999999} has a billion digits before the point). A body's numbers are checked against
 * that before they are stored, so a number out of range is a {@code 400} under its field, not a database error.
 */
final class JsonNumbers {
    static final int MAX_INTEGER_DIGITS = 131_072;
    static final int MAX_FRACTION_DIGITS = 16_383;
    /**
     * The longest number literal read at all: the longest that can be stored, with room for a sign, point and
     * exponent. Longer ones are refused while parsing (Jackson's default limit, 1000, would refuse storable ones)
     * and, since big numbers cost time to parse, none longer is ever converted.
     */
    static final int MAX_LITERAL_LENGTH = MAX_INTEGER_DIGITS + MAX_FRACTION_DIGITS + 16;
    private static final String LIMITS = "a number can have at most " + MAX_INTEGER_DIGITS + " digits before the"
            + " decimal point and " + MAX_FRACTION_DIGITS + " after it";

    private JsonNumbers() {
    }

    /** An error message naming the first number inside {@code node} that cannot be stored, if there is one. */
    static Optional<String> unstorable(JsonNode node) {
        return firstUnstorable(node, "").map(path -> numberAt(path) + " cannot be stored: " + LIMITS + ".");
    }

    /** How a message names a number by its path inside the field ({@code [0].a}); the field's own value: "it". */
    private static String numberAt(String path) {
        return path.isEmpty() ? "This number" : "The number at " + path;
    }

    private static Optional<String> firstUnstorable(JsonNode node, String path) {
        if (node.isNumber()) {
            return storable(node.decimalValue()) ? Optional.empty() : Optional.of(path);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<String> found = firstUnstorable(node.get(i), path + "[" + i + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                Optional<String> found = firstUnstorable(property.getValue(), path + "." + property.getKey());
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean storable(BigDecimal number) {
        long fractionDigits = Math.max(number.scale(), 0);
        long integerDigits = (long) number.precision() - number.scale();
        return fractionDigits <= MAX_FRACTION_DIGITS && integerDigits <= MAX_INTEGER_DIGITS;
    }

    /**
     * The error for a number literal longer than {@link #MAX_LITERAL_LENGTH}, met while parsing at {@code where}:
     * under the field it is in (per item in a list body), or under non_field_errors when it is not in one.
     */
    static RuntimeException tooLong(JsonStreamContext where) {
        List<Object> segments = new ArrayList<>();
        for (JsonStreamContext context = where; context != null && !context.inRoot(); context = context.getParent()) {
            segments.add(0, context.inArray() ? (Object) context.getCurrentIndex() : context.getCurrentName());
        }
        boolean list = !segments.isEmpty() && segments.get(0) instanceof Integer;
        List<Object> inItem = list ? segments.subList(1, segments.size()) : segments;
        boolean inField = !inItem.isEmpty() && inItem.get(0) instanceof String;
        String field = inField ? (String) inItem.get(0) : ValidationException.NON_FIELD;
        StringBuilder path = new StringBuilder();
        (inField ? inItem.subList(1, inItem.size()) : inItem).forEach(segment -> path.append(
                segment instanceof Integer ? "[" + segment + "]" : (path.isEmpty() ? "" : ".") + segment));
        String message = numberAt(path.toString()) + " is longer than " + MAX_LITERAL_LENGTH + " characters: "
                + LIMITS + ".";
        if (!list) {
            return ValidationException.of(field, message);
        }
        List<Map<String, List<String>>> items = new ArrayList<>();
        for (int i = 0; i < (Integer) segments.get(0); i++) {
            items.add(Map.of());
        }
        items.add(Map.of(field, List.of(message)));
        return new BulkValidationException(items);
    }
}
