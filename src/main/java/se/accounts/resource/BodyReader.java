package se.accounts.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import se.accounts.json.Json;
import se.accounts.model.Attribute;
import se.accounts.model.Entity;
import se.accounts.model.Errors;
import se.accounts.model.Parsed;

/**
 * Reads one JSON object of a write into a {@link WriteSet}, checking each field's type, nullability, length and
 * pattern ({@link se.accounts.model.FieldType#read}). Read-only fields are ignored (a client may send back what it read); unknown fields are errors.
 */
final class BodyReader {
    private BodyReader() {
    }

    static WriteSet read(Entity entity, JsonNode body, boolean creating, Errors errors) {
        WriteSet writes = new WriteSet();
        if (!body.isObject()) {
            errors.add(ValidationException.NON_FIELD, "Expected a JSON object with the fields of "
                    + entity.singular() + ", got " + Json.kindOf(body) + ".");
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
    private static Optional<Optional<Object>> readField(Attribute attribute, JsonNode node, Errors errors) {
        if (node.isNull()) {
            if (attribute.isNullable()) {
                return Optional.of(Optional.empty());
            }
            errors.add(attribute.name(), "This field may not be null.");
            return Optional.empty();
        }
        Parsed result = attribute.type().read(attribute, node);
        if (result.failed()) {
            errors.add(attribute.name(), result.error());
            return Optional.empty();
        }
        if (result.value() == null && !attribute.isNullable()) {
            errors.add(attribute.name(), "This field may not be blank.");
            return Optional.empty();
        }
        return Optional.of(Optional.ofNullable(result.value()));
    }

}
