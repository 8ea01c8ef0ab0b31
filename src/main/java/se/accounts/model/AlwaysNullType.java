package se.accounts.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.jooq.impl.SQLDataType;

/** A field of the public reference this version does not store: it reads as null and refuses any other value. */
final class AlwaysNullType extends UnfilterableType {
    /** No column; never selected, the null it reads as is written without a value. */
    AlwaysNullType() {
        super("ALWAYS_NULL", SQLDataType.OTHER);
    }

    @Override
    public Parsed read(Attribute attribute, JsonNode node) {
        return Parsed.error(attribute.unsupportedMessage());
    }

    @Override
    public void write(JsonGenerator json, Object value) throws IOException {
        json.writeNull();
    }

    @Override
    public ObjectNode schema(Attribute attribute) {
        // No type: a schema of type "null" becomes a class that client generators never write (ModelNull).
        return object();
    }

    @Override
    public String describe(Attribute attribute) {
        return attribute.isReadOnly() ? "Always null in this version."
                : "Null in this version: " + attribute.unsupportedMessage();
    }

    @Override
    public Object example(Attribute attribute) {
        return null;
    }
}
