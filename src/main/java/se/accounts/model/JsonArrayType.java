package se.accounts.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jooq.JSONB;
import org.jooq.impl.SQLDataType;
import se.accounts.json.Json;
import se.accounts.json.JsonNumberLimits;

/** An opaque array of JSON objects, stored as jsonb and returned as given; not filterable. */
class JsonArrayType extends UnfilterableType {
    private static final String EXPECTED = "Expected a list of objects.";

    JsonArrayType() {
        this("JSON_ARRAY");
    }

    /** For the other jsonb types, which differ in what they accept and how they are described. */
    JsonArrayType(String name) {
        super(name, SQLDataType.JSONB, "jsonb");
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
        return jsonb(node);
    }

    /** {@code node} as jsonb, or why PostgreSQL could not store it (a number beyond numeric, a null character). */
    static Parsed jsonb(JsonNode node) {
        Optional<String> unstorable = Json.pathOfFirst(node,
                value -> value.isNumber() && !JsonNumberLimits.storable(value.decimalValue()));
        if (unstorable.isPresent()) {
            return Parsed.error(JsonNumberLimits.cannotBeStored(unstorable.get()));
        }
        String text = Json.write(node);
        if (text.contains("\\u0000")) {
            return Parsed.error("Null characters are not allowed.");
        }
        return Parsed.ok(JSONB.valueOf(text));
    }

    /** The value is jOOQ's {@link JSONB} or, read from a column, PostgreSQL's jsonb text that it wraps. */
    @Override
    public void write(JsonGenerator json, Object value) throws IOException {
        json.writeRawValue(value instanceof JSONB jsonb ? jsonb.data() : (String) value);
    }

    @Override
    public Object readColumn(ResultSet row, int column) throws SQLException {
        return row.getString(column);
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
