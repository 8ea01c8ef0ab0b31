package se.accounts.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/** A 64-bit integer, PostgreSQL's {@code bigint}: an event sequence outgrows 32 bits on a busy customer. */
final class BigIntType extends IntegerType {
    BigIntType() {
        super("BIGINT");
    }

    @Override
    public Parsed read(Attribute attribute, JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Parsed.ok(node.longValue());
        }
        return Parsed.error("A valid integer is required (a whole number from " + Long.MIN_VALUE + " to "
                + Long.MAX_VALUE + ").");
    }

    @Override
    public Parsed parse(Attribute attribute, Operator operator, String text) {
        try {
            return Parsed.ok(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Parsed.error("A whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE
                    + " is required; got '" + text + "'.");
        }
    }

    @Override
    public DataType<?> sqlType() {
        return SQLDataType.BIGINT;
    }

    @Override
    public Set<String> columnTypes(Attribute attribute) {
        return Set.of("bigint");
    }

    @Override
    public void write(JsonGenerator json, Object value) throws IOException {
        json.writeNumber((Long) value);
    }

    @Override
    public ObjectNode schema(Attribute attribute) {
        return object().put("type", "integer").put("format", "int64");
    }
}
