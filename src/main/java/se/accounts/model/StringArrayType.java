package se.accounts.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A JSON array of non-empty strings of at most 255 characters, stored as jsonb; not filterable. */
final class StringArrayType extends JsonArrayType {
    private static final String EXPECTED = "Expected a list of non-empty strings of at most 255 characters.";

    StringArrayType() {
        super("STRING_ARRAY");
    }

    @Override
    public Parsed read(Attribute attribute, JsonNode node) {
        if (!node.isArray()) {
            return Parsed.error(EXPECTED);
        }
        for (JsonNode item : node) {
            if (!item.isTextual() || item.textValue().isBlank() || item.textValue().length() > 255) {
                return Parsed.error(EXPECTED);
            }
        }
        return jsonb(node);
    }

    @Override
    public ObjectNode schema(Attribute attribute) {
        ObjectNode schema = object().put("type", "array");
        schema.putObject("items").put("type", "string").put("maxLength", 255);
        return schema;
    }

    @Override
    public String describe(Attribute attribute) {
        return "A list of strings.";
    }
}
