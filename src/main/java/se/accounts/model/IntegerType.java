package se.accounts.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/** A 32-bit integer, PostgreSQL's {@code integer}. */
class IntegerType extends FieldType {
    IntegerType() {
        this("INTEGER");
    }

    IntegerType(String name) {
        super(name);
    }

    @Override
    public Parsed read(Attribute attribute, JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return Parsed.ok(node.intValue());
        }
        return Parsed.error("A valid integer is required (a whole number from " + Integer.MIN_VALUE + " to "
                + Integer.MAX_VALUE + ").");
    }

    @Override
    public Parsed parse(Attribute attribute, Operator operator, String text) {
        try {
            return Parsed.ok(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Parsed.error("A whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
                    + " is required; got '" + text + "'.");
        }
    }

    @Override
    public Set<Operator> operators() {
        return Operator.RANGE;
    }

    @Override
    public DataType<?> sqlType() {
        return SQLDataType.INTEGER;
    }

    @Override
    public Set<String> columnTypes(Attribute attribute) {
        return Set.of("integer");
    }

    @Override
    public void write(JsonGenerator json, Object value) throws IOException {
        json.writeNumber((Integer) value);
    }

    @Override
    public ObjectNode schema(Attribute attribute) {
        return object().put("type", "integer").put("format", "int32");
    }

    @Override
    public Object example(Attribute attribute) {
        return 1;
    }
}
