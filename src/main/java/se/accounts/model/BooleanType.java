package se.accounts.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.jooq.impl.SQLDataType;

/** true or false; filters also take the spellings of {@link Booleans}. */
final class BooleanType extends FieldType {
    BooleanType() {
        super("BOOLEAN", Operator.IDENTITY, SQLDataType.BOOLEAN, "boolean");
    }

    @Override
    public Parsed read(Attribute attribute, JsonNode node) {
        return node.isBoolean() ? Parsed.ok(node.booleanValue())
                : Parsed.error("Must be a valid boolean (true or false).");
    }

    @Override
    public Parsed parse(Attribute attribute, Operator operator, String text) {
        return Booleans.parse(text).map(Parsed::ok)
                .orElseGet(() -> Parsed.error(Booleans.EXPECTED + "; got '" + text + "'."));
    }

    @Override
    public void write(JsonGenerator json, Object value) throws IOException {
        json.writeBoolean((Boolean) value);
    }

    @Override
    public ObjectNode schema(Attribute attribute) {
        return object().put("type", "boolean");
    }

    @Override
    public Object example(Attribute attribute) {
        return attribute.name().startsWith("is_");
    }
}
