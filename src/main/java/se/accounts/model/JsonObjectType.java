package se.accounts.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** An opaque JSON object, stored as jsonb and returned as given; not filterable. */
final class JsonObjectType extends JsonArrayType {
    JsonObjectType() {
        super("JSON_OBJECT");
    }

    @Override
    public Parsed read(Attribute attribute, JsonNode node) {
        return node.isObject() ? jsonb(node) : Parsed.error("Expected a JSON object.");
    }

    @Override
    public ObjectNode schema(Attribute attribute) {
        return object().put("type", "object");
    }

    @Override
    public String describe(Attribute attribute) {
        return "A JSON object.";
    }

    /** An empty object: the natural sample, and a null would not match the schema of a non-null field. */
    @Override
    public Object example(Attribute attribute) {
        return Map.of();
    }
}
