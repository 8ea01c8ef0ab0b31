package se.accounts.http.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import se.accounts.json.Json;
import se.accounts.model.Attribute;
import se.accounts.model.Entity;
import se.accounts.model.FieldType;
import se.accounts.model.EntityRule;
import se.accounts.model.UniqueConstraint;
import se.accounts.model.ValueRule;

/**
 * The JSON Schema of one field, from its declaration: type, format, lengths, pattern, enum, nullability, read-only
 * mark, and its rules in prose.
 */
final class FieldSchemas {
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
        // Named, so that every model and parameter shares one type (and TypeScript gets no two enums of one name
        // for the filters detail_access and detail_access!).
        if (attribute.type() == FieldType.INTEGER_ENUM) {
            return Json.MAPPER.createObjectNode().put("$ref", "#/components/schemas/" + enumName(entity, attribute));
        }
        return attribute.type().schema(attribute);
    }

    /** {@code detail_access} of Organizationuser becomes {@code OrganizationuserDetailAccess}. */
    static String enumName(Entity entity, Attribute attribute) {
        StringBuilder name = new StringBuilder(EntityDescription.schemaName(entity));
        for (String word : attribute.name().split("_")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.toString();
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
        String typeMeaning = attribute.type().describe(attribute);
        if (!typeMeaning.isEmpty()) {
            parts.add(typeMeaning);
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
        return attribute.example() != null ? attribute.example() : attribute.type().example(attribute);
    }
}
