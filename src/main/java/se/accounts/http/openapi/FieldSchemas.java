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
        ObjectNode schema = valueSchema(entity, attribute);
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
    static ObjectNode valueSchema(Entity entity, Attribute attribute) {
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
            // Named, so that every model and parameter shares one type (and TypeScript gets no two enums of
            // one name for the filters first_name and first_name!).
            case INTEGER_ENUM -> schema.put("$ref", "#/components/schemas/" + enumName(entity, attribute));
            case BOOLEAN -> schema.put("type", "boolean");
            case DATE -> schema.put("type", "string").put("format", "date");
            case DATETIME -> schema.put("type", "string").put("format", "date-time");
            case UUID -> schema.put("type", "string").put("format", "uuid");
            case TO_ONE -> schema.put("$ref", "#/components/schemas/" + CommonSchemas.RELATION);
            // A named list: generators give a property that refers to it no default, so an update model leaves
            // the field out unless it is set (an inline array defaults to [], which would clear the relation).
            case TO_MANY -> schema.put("$ref", "#/components/schemas/" + CommonSchemas.RELATIONS);
            case JSON_ARRAY -> schema.put("type", "array").putObject("items").put("type", "object");
            // No type: a schema of type "null" becomes a class that generators never write (ModelNull).
            case ALWAYS_NULL -> {
            }
        }
        return schema;
    }

    /** {@code detail_access} of Organizationuser becomes {@code OrganizationuserDetailAccess}. */
    static String enumName(Entity entity, Attribute attribute) {
        StringBuilder name = new StringBuilder(EntityDescription.schemaName(entity));
        for (String word : attribute.name().split("_")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.toString();
    }

    /** The values an integer enum field takes, described once for the document's components. */
    static ObjectNode enumSchema(Attribute attribute) {
        ObjectNode schema = Json.MAPPER.createObjectNode().put("type", "integer");
        ArrayNode values = schema.putArray("enum");
        attribute.allowedValues().forEach(values::add);
        return schema;
    }

    /** A reference can carry no siblings' meaning in every tool, so a nullable one becomes a oneOf. */
    private static ObjectNode nullable(ObjectNode schema) {
        if (schema.has("$ref")) {
            ObjectNode either = Json.MAPPER.createObjectNode();
            either.putArray("oneOf").add(schema).addObject().put("type", "null");
            return either;
        }
        if (schema.has("type")) {
            String type = schema.get("type").asText();
            schema.putArray("type").add(type).add("null");
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
            case JSON_ARRAY -> parts.add("A list of JSON objects, stored and returned as given.");
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
            case JSON_ARRAY, ALWAYS_NULL -> null;
        };
    }
}
