package se.accounts.http.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import se.accounts.resource.Json;
import se.accounts.resource.model.Attribute;
import se.accounts.resource.model.Entity;
import se.accounts.resource.model.EntityRule;
import se.accounts.resource.model.UniqueConstraint;
import se.accounts.resource.model.ValueRule;

/**
 * The JSON Schema of one field, from its declaration: type, format, lengths, pattern, enum, nullability, read-only
 * mark, and its rules in prose.
 */
final class FieldSchemas {
    private static final String SAMPLE_ID = "01890a5d-ac96-774b-bcce-b302099a8057";

    private FieldSchemas() {
    }

    static ObjectNode schema(Entity entity, Attribute attribute) {
        ObjectNode schema = valueSchema(attribute);
        if (attribute.isNullable()) {
            schema = nullable(schema);
        }
        if (attribute.isReadOnly()) {
            schema.put("readOnly", true);
        }
        String description = description(entity, attribute);
        if (!description.isEmpty()) {
            schema.put("description", description);
        }
        return schema;
    }

    /** The schema of a value of the field's type, without null, as a filter value takes it. */
    static ObjectNode valueSchema(Attribute attribute) {
        ObjectNode schema = Json.MAPPER.createObjectNode();
        switch (attribute.type()) {
            case STRING -> {
                schema.put("type", "string");
                if (attribute.maxLength() != null) {
                    schema.put("maxLength", attribute.maxLength());
                }
                if (attribute.minLength() != null) {
                    schema.put("minLength", attribute.minLength());
                }
                if (attribute.pattern() != null) {
                    schema.put("pattern", "^" + attribute.pattern().pattern() + "$");
                }
            }
            case INTEGER -> schema.put("type", "integer").put("format", "int32");
            case INTEGER_ENUM -> {
                schema.put("type", "integer");
                ArrayNode values = schema.putArray("enum");
                attribute.allowedValues().forEach(values::add);
            }
            case BOOLEAN -> schema.put("type", "boolean");
            case DATE -> schema.put("type", "string").put("format", "date");
            case DATETIME -> schema.put("type", "string").put("format", "date-time");
            case UUID -> schema.put("type", "string").put("format", "uuid");
            case TO_ONE -> schema.put("$ref", "#/components/schemas/" + CommonSchemas.RELATION);
            case TO_MANY -> schema.put("type", "array").set("items", OpenApiDocument.ref(CommonSchemas.RELATION));
            case JSON_ARRAY -> schema.put("type", "array").putObject("items")
                    .put("type", attribute.isArrayOfStrings() ? "string" : "object");
            case JSON_OBJECT -> schema.put("type", "object");
            case ALWAYS_NULL -> schema.put("type", "null");
        }
        return schema;
    }

    /** A reference can carry no siblings' meaning in every tool, so a nullable one becomes a oneOf. */
    private static ObjectNode nullable(ObjectNode schema) {
        if (schema.has("$ref")) {
            ObjectNode either = Json.MAPPER.createObjectNode();
            either.putArray("oneOf").add(schema).addObject().put("type", "null");
            return either;
        }
        if (schema.has("type") && !schema.get("type").asText().equals("null")) {
            String type = schema.get("type").asText();
            schema.putArray("type").add(type).add("null");
            if (schema.has("enum")) {
                ((ArrayNode) schema.get("enum")).addNull();
            }
        }
        return schema;
    }

    private static String description(Entity entity, Attribute attribute) {
        List<String> parts = new ArrayList<>();
        if (attribute.description() != null) {
            parts.add(attribute.description());
        }
        switch (attribute.type()) {
            case TO_ONE -> parts.add("The related " + attribute.target().singular() + ", {\"id\": \"<uuid>\"}; it"
                    + " must belong to the caller's customer.");
            case TO_MANY -> parts.add("The related " + attribute.target().plural() + ", a list of {\"id\":"
                    + " \"<uuid>\"}; writing it replaces the list.");
            case JSON_ARRAY -> parts.add(attribute.isArrayOfStrings() ? "A list of strings."
                    : "A list of JSON objects, stored and returned as given.");
            case ALWAYS_NULL -> parts.add(attribute.isReadOnly() ? "Always null in this version."
                    : "Null in this version: " + attribute.unsupportedMessage());
            default -> {
            }
        }
        if (attribute.patternDescription() != null) {
            parts.add(attribute.patternDescription());
        }
        for (ValueRule rule : attribute.rules()) {
            parts.add(rule.description());
        }
        for (EntityRule rule : entity.rules()) {
            String text = rule.descriptions().get(attribute.name());
            if (text != null) {
                parts.add(text + ".");
            }
        }
        for (UniqueConstraint unique : entity.uniques()) {
            if (unique.field().equals(attribute.name())) {
                parts.add("Unique per customer.");
            }
        }
        if (attribute.isRequired()) {
            parts.add("Required when creating.");
        }
        return String.join(" ", parts);
    }

    /** A valid sample value of the field for examples. */
    static Object example(Attribute attribute) {
        if (attribute.example() != null) {
            return attribute.example();
        }
        return switch (attribute.type()) {
            case STRING -> attribute.isNullable() ? null : "text";
            case INTEGER -> 1;
            case INTEGER_ENUM -> attribute.allowedValues().iterator().next();
            case BOOLEAN -> attribute.name().startsWith("is_");
            case DATE -> "1981-12-18";
            case DATETIME -> attribute.isNullable() ? null : "2024-05-17T08:30:00Z";
            case UUID -> attribute.name().equals("id") ? SAMPLE_ID : UUID.nameUUIDFromBytes(
                    attribute.name().getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
            case TO_ONE -> attribute.isNullable() ? null
                    : Json.MAPPER.createObjectNode().put("id", "01890a5d-ac96-774b-bcce-b302099a8058");
            case TO_MANY -> Json.MAPPER.createArrayNode();
            case JSON_ARRAY, JSON_OBJECT, ALWAYS_NULL -> null;
        };
    }
}
