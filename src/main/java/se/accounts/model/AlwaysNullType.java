package se.accounts.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/** A field of the public reference this version does not store: it reads as null and refuses any other value. */
final class AlwaysNullType extends UnfilterableType {
    AlwaysNullType() {
        super("ALWAYS_NULL");
    }

    @Override
    public Parsed read(Attribute attribute, JsonNode node) {
        return Parsed.error(attribute.unsupportedMessage());
    }

    @Override
    public boolean hasColumn() {
        return false;
    }

    /** Never selected; the null it reads as is written without a value. */
    @Override
    public DataType<?> sqlType() {
        return SQLDataType.OTHER;
    }

    @Override
    public Set<String> columnTypes(Attribute attribute) {
        return Set.of();
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
