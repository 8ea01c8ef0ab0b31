package se.accounts.query;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import se.accounts.db.Ids;
import se.accounts.resource.model.Attribute;
import se.accounts.resource.model.FieldType;
import se.accounts.resource.model.Temporal;

/** Parses filter values as their field's type; a value that does not parse is a message, never a silent miss. */
final class FilterValues {
    private FilterValues() {
    }

    /** A parsed value, or the reason it was refused. */
    record Parsed(Object value, String error) {
        static Parsed ok(Object value) {
            return new Parsed(value, null);
        }

        static Parsed error(String message) {
            return new Parsed(null, message);
        }
    }

    static Parsed parse(Attribute attribute, Operator operator, String text) {
        FieldType type = attribute.type();
        return switch (type) {
            case STRING -> Parsed.ok(text);
            case INTEGER -> integer(text);
            case INTEGER_ENUM -> enumValue(attribute, operator, text);
            case BOOLEAN -> Booleans.parse(text).map(Parsed::ok)
                    .orElseGet(() -> Parsed.error(Booleans.EXPECTED + "; got '" + text + "'."));
            case DATE -> date(text);
            case DATETIME -> dateTime(text);
            case UUID, TO_ONE, TO_MANY -> Ids.parse(text).map(id -> Parsed.ok((Object) id))
                    .orElseGet(() -> Parsed.error("'" + text + "' is not a valid UUID."));
            case JSON_ARRAY, JSON_OBJECT, ALWAYS_NULL -> Parsed.error("This field cannot be filtered.");
        };
    }

    /** Splits an {@code in} list: comma-separated, items with a comma or quote in double quotes ({@code ""}
     * for a quote inside); unquoted items are trimmed, quoted ones keep their spaces. */
    static List<String> splitList(String text) {
        List<String> items = new ArrayList<>();
        if (text.isEmpty()) {
            return items;
        }
        int i = 0;
        int length = text.length();
        while (true) {
            while (i < length && text.charAt(i) == ' ') {
                i++;
            }
            if (i < length && text.charAt(i) == '"') {
                StringBuilder item = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < length) {
                    char c = text.charAt(i);
                    if (c == '"') {
                        if (i + 1 < length && text.charAt(i + 1) == '"') {
                            item.append('"');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    item.append(c);
                    i++;
                }
                if (!closed) {
                    throw new IllegalArgumentException("A quoted item has no closing double quote.");
                }
                while (i < length && text.charAt(i) == ' ') {
                    i++;
                }
                if (i < length && text.charAt(i) != ',') {
                    throw new IllegalArgumentException("A quoted item must be followed by a comma or the end.");
                }
                items.add(item.toString());
            } else {
                int comma = text.indexOf(',', i);
                int end = comma < 0 ? length : comma;
                items.add(text.substring(i, end).trim());
                i = end;
            }
            if (i >= length) {
                return items;
            }
            i++;
        }
    }

    private static Parsed integer(String text) {
        try {
            return Parsed.ok(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Parsed.error("A whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
                    + " is required; got '" + text + "'.");
        }
    }

    private static Parsed enumValue(Attribute attribute, Operator operator, String text) {
        Parsed parsed = integer(text);
        if (parsed.error() != null || operator == Operator.GT || operator == Operator.GTE
                || operator == Operator.LT || operator == Operator.LTE) {
            return parsed;
        }
        if (!attribute.allowedValues().contains((Integer) parsed.value())) {
            return Parsed.error("'" + text + "' is not one of the allowed values: " + attribute.allowedValues()
                    .stream().map(String::valueOf).collect(Collectors.joining(", ")) + ".");
        }
        return parsed;
    }

    private static Parsed date(String text) {
        return Temporal.parseDate(text).map(d -> Parsed.ok((Object) d))
                .orElseGet(() -> Parsed.error("Enter a valid date as YYYY-MM-DD; got '" + text + "'."));
    }

    /** A date-time with any offset (none means UTC), or a date meaning the start of that day in UTC. */
    private static Parsed dateTime(String text) {
        Optional<OffsetDateTime> value = Temporal.parseDate(text)
                .map(date -> date.atStartOfDay().atOffset(ZoneOffset.UTC))
                .or(() -> Temporal.parseDateTime(text));
        return value.map(t -> Parsed.ok((Object) t))
                .orElseGet(() -> Parsed.error("Enter a valid ISO 8601 date-time (2024-01-31T12:00:00Z) or"
                        + " date (2024-01-31); got '" + text + "'."));
    }

}
