package se.accounts.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.jooq.DataType;
import org.jooq.JSONB;
import org.jooq.impl.SQLDataType;
import se.accounts.json.Json;

/** An opaque array of JSON objects, stored as jsonb and returned as given; not filterable. */
class JsonArrayType extends FieldType {
    private static final String EXPECTED = "Expected a list of objects.";

    JsonArrayType() {
        this("JSON_ARRAY");
    }

    /** For the other jsonb types, which differ in what they accept and how they are described. */
    JsonArrayType(String name) {
        super(name);
    }

    @Override
    public Parsed read(Attribute attribute, JsonNode node) {
        if (!node.isArray()) {
            return Parsed.error(EXPECTED);
        }
        for (JsonNode item : node) {
            if (!item.isObject()) {
                return Parsed.error(EXPECTED);
            }
        }
        return JsonObjectType.jsonb(node);
    }

    @Override
    public Parsed parse(Attribute attribute, Operator operator, String text) {
        return Parsed.error("This field cannot be filtered.");
    }

    @Override
    public Set<Operator> operators() {
        return Set.of();
    }

    @Override
    public DataType<?> sqlType() {
        return SQLDataType.JSONB;
    }

    @Override
    public Set<String> columnTypes(Attribute attribute) {
        return Set.of("jsonb");
    }

    @Override
    public void write(JsonGenerator json, Object value) throws IOException {
        json.writeRawValue(((JSONB) value).data());
    }

    /** The same JSON with other key order or spacing is the same value. */
    @Override
    public boolean same(Object stored, Object written) {
        return parsed(stored).equals(parsed(written));
    }

    private static JsonNode parsed(Object jsonb) {
        return Json.parse(((JSONB) jsonb).data().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public ObjectNode schema(Attribute attribute) {
        ObjectNode schema = object().put("type", "array");
        schema.putObject("items").put("type", "object");
        return schema;
    }

    @Override
    public String describe(Attribute attribute) {
        return "A list of JSON objects, stored and returned as given.";
    }

    @Override
    public Object example(Attribute attribute) {
        return null;
    }
}
