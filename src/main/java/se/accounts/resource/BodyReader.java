package se.accounts.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.JSONB;
import se.accounts.db.Ids;
import se.accounts.resource.model.Attribute;
import se.accounts.resource.model.Entity;
import se.accounts.resource.model.Temporal;

/**
 * Reads one JSON object of a write into a {@link WriteSet}, checking each field's type, nullability, length and
 * pattern. Read-only fields are ignored (a client may send back what it read); unknown fields are errors.
 */
final class BodyReader {
    static final String ID = "id";

    private BodyReader() {
    }

    static WriteSet read(Entity entity, JsonNode body, boolean creating, FieldErrors errors) {
        WriteSet writes = new WriteSet();
        if (!body.isObject()) {
            errors.add(ValidationException.NON_FIELD, "Expected a JSON object with the fields of "
                    + entity.singular() + ", got " + kind(body) + ".");
            return writes;
        }
        for (Map.Entry<String, JsonNode> property : body.properties()) {
            Optional<Attribute> attribute = entity.attribute(property.getKey());
            if (attribute.isEmpty()) {
                errors.add(property.getKey(), "Unknown field.");
            } else if (!attribute.get().isReadOnly()) {
                readField(attribute.get(), property.getValue(), errors).ifPresent(v -> writes.put(attribute.get(),
                        v.orElse(null)));
            }
        }
        if (creating) {
            for (Attribute attribute : entity.attributes()) {
                if (attribute.isRequired() && !writes.has(attribute) && !errors.has(attribute.name())) {
                    errors.add(attribute.name(), "This field is required.");
                }
            }
        }
        return writes;
    }

    /** The converted value (empty optional inside for null), or nothing when the field has an error. */
    private static Optional<Optional<Object>> readField(Attribute attribute, JsonNode node, FieldErrors errors) {
        if (node.isNull()) {
            if (attribute.isNullable()) {
                return Optional.of(Optional.empty());
            }
            errors.add(attribute.name(), "This field may not be null.");
            return Optional.empty();
        }
        Conversion result = convert(attribute, node);
        if (result.error() != null) {
            errors.add(attribute.name(), result.error());
            return Optional.empty();
        }
        if (result.value() == null && !attribute.isNullable()) {
            errors.add(attribute.name(), "This field may not be blank.");
            return Optional.empty();
        }
        return Optional.of(Optional.ofNullable(result.value()));
    }

    private record Conversion(Object value, String error) {
        static Conversion ok(Object value) {
            return new Conversion(value, null);
        }

        static Conversion error(String message) {
            return new Conversion(null, message);
        }
    }

    private static Conversion convert(Attribute attribute, JsonNode node) {
        return switch (attribute.type()) {
            case STRING -> string(attribute, node);
            case INTEGER -> integer(node);
            case INTEGER_ENUM -> choice(attribute, node);
            case BOOLEAN -> node.isBoolean() ? Conversion.ok(node.booleanValue())
                    : Conversion.error("Must be a valid boolean (true or false).");
            case DATE -> node.isTextual() ? Temporal.parseDate(node.textValue()).map(Conversion::ok)
                    .orElseGet(() -> Conversion.error("Date has wrong format. Use YYYY-MM-DD (years 1 to 9999)."))
                    : Conversion.error("Date has wrong format. Use YYYY-MM-DD.");
            case DATETIME -> node.isTextual() ? Temporal.parseDateTime(node.textValue()).map(Conversion::ok)
                    .orElseGet(() -> Conversion.error("Datetime has wrong format. Use ISO 8601, e.g."
                            + " 2019-08-24T14:15:22Z."))
                    : Conversion.error("Datetime has wrong format. Use ISO 8601, e.g. 2019-08-24T14:15:22Z.");
            case UUID -> node.isTextual() ? Ids.parse(node.textValue()).map(Conversion::ok)
                    .orElseGet(() -> Conversion.error("Must be a valid UUID."))
                    : Conversion.error("Must be a valid UUID.");
            case TO_ONE -> reference(node).map(Conversion::ok).orElseGet(() -> Conversion.error(
                    "Expected an object {\"id\": \"<uuid>\"} or null."));
            case TO_MANY -> references(node);
            case JSON_ARRAY -> attribute.isArrayOfStrings() ? stringArray(node) : objectArray(node);
            case JSON_OBJECT -> node.isObject() ? Conversion.ok(org.jooq.JSONB.valueOf(Json.write(node)))
                    : Conversion.error("Expected a JSON object.");
            case ALWAYS_NULL -> Conversion.error(attribute.unsupportedMessage());
        };
    }

    private static Conversion string(Attribute attribute, JsonNode node) {
        if (!node.isTextual()) {
            return Conversion.error("Not a valid string.");
        }
        String text = node.textValue().strip();
        if (text.indexOf('\0') >= 0) {
            return Conversion.error("Null characters are not allowed.");
        }
        if (text.isEmpty()) {
            return Conversion.ok(null);
        }
        int length = text.codePointCount(0, text.length());
        if (attribute.maxLength() != null && length > attribute.maxLength()) {
            return Conversion.error("Ensure this field has no more than " + attribute.maxLength()
                    + " characters.");
        }
        if (attribute.minLength() != null && length < attribute.minLength()) {
            return Conversion.error("Ensure this field has at least " + attribute.minLength() + " characters.");
        }
        if (attribute.pattern() != null && !attribute.pattern().matcher(text).matches()) {
            return Conversion.error(attribute.patternDescription());
        }
        return Conversion.ok(text);
    }

    private static Conversion integer(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return Conversion.ok(node.intValue());
        }
        return Conversion.error("A valid integer is required (a whole number from " + Integer.MIN_VALUE + " to "
                + Integer.MAX_VALUE + ").");
    }

    private static Conversion choice(Attribute attribute, JsonNode node) {
        String choices = attribute.allowedValues().stream().map(String::valueOf).collect(Collectors.joining(", "));
        if (node.isIntegralNumber() && node.canConvertToInt()
                && attribute.allowedValues().contains(node.intValue())) {
            return Conversion.ok(node.intValue());
        }
        return Conversion.error("\"" + node.asText() + "\" is not a valid choice. Valid choices: " + choices + ".");
    }

    static Optional<UUID> reference(JsonNode node) {
        if (!node.isObject() || node.size() != 1 || !node.path(ID).isTextual()) {
            return Optional.empty();
        }
        return Ids.parse(node.path(ID).textValue());
    }

    private static Conversion references(JsonNode node) {
        if (!node.isArray()) {
            return Conversion.error("Expected a list of objects {\"id\": \"<uuid>\"}.");
        }
        Set<UUID> ids = new LinkedHashSet<>();
        for (JsonNode item : node) {
            Optional<UUID> id = reference(item);
            if (id.isEmpty()) {
                return Conversion.error("Expected a list of objects {\"id\": \"<uuid>\"}.");
            }
            ids.add(id.get());
        }
        return Conversion.ok(new ArrayList<>(ids));
    }

    private static Conversion stringArray(JsonNode node) {
        if (!node.isArray()) {
            return Conversion.error("Expected a list of strings.");
        }
        for (JsonNode item : node) {
            if (!item.isTextual() || item.textValue().isBlank() || item.textValue().length() > 255) {
                return Conversion.error("Expected a list of non-empty strings of at most 255 characters.");
            }
        }
        return jsonb(node);
    }

    private static Conversion objectArray(JsonNode node) {
        if (!node.isArray()) {
            return Conversion.error("Expected a list of objects.");
        }
        for (JsonNode item : node) {
            if (!item.isObject()) {
                return Conversion.error("Expected a list of objects.");
            }
        }
        return jsonb(node);
    }

    private static Conversion jsonb(JsonNode node) {
        String text = Json.write(node);
        if (text.contains("\\u0000")) {
            return Conversion.error("Null characters are not allowed.");
        }
        return Conversion.ok(JSONB.valueOf(text));
    }

    static String kind(JsonNode node) {
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return node.isNull() ? "null" : "an object";
    }

}
