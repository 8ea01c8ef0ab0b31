package se.accounts.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;
import java.util.function.LongFunction;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/** A whole number of a {@link Width}: a body and a filter give any number the width holds, nothing else. */
class IntegerType extends FieldType {
    /** How many bits a number has, with the SQL and Java types that hold it. */
    enum Width {
        /** PostgreSQL's {@code integer}, read as an {@link Integer}. */
        INT32(SQLDataType.INTEGER, "integer", Integer.MIN_VALUE, Integer.MAX_VALUE, value -> (int) value),
        /** PostgreSQL's {@code bigint}, read as a {@link Long}: an event sequence outgrows 32 bits on a busy
         * customer. */
        INT64(SQLDataType.BIGINT, "bigint", Long.MIN_VALUE, Long.MAX_VALUE, Long::valueOf);

        private final DataType<? extends Number> sqlType;
        private final String columnType;
        private final long min;
        private final long max;
        /** The Java type jOOQ reads the column as, so a written value equals the stored one. */
        private final LongFunction<Number> box;

        Width(DataType<? extends Number> sqlType, String columnType, long min, long max, LongFunction<Number> box) {
            this.sqlType = sqlType;
            this.columnType = columnType;
            this.min = min;
            this.max = max;
            this.box = box;
        }

        private boolean holds(long value) {
            return value >= min && value <= max;
        }
    }

    private final Width width;

    IntegerType(String name, Width width) {
        super(name, Operator.RANGE, width.sqlType, width.columnType);
        this.width = width;
    }

    @Override
    public Parsed read(Attribute attribute, JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong() && width.holds(node.longValue())) {
            return Parsed.ok(width.box.apply(node.longValue()));
        }
        return Parsed.error("A valid integer is required (a whole number from " + width.min + " to " + width.max
                + ").");
    }

    @Override
    public Parsed parse(Attribute attribute, Operator operator, String text) {
        try {
            long value = Long.parseLong(text);
            if (width.holds(value)) {
                return Parsed.ok(width.box.apply(value));
            }
        } catch (NumberFormatException notAWholeNumber) {
            // Refused below, as a number out of range is.
        }
        return Parsed.error("A whole number from " + width.min + " to " + width.max + " is required; got '" + text
                + "'.");
    }

    @Override
    public void write(JsonGenerator json, Object value) throws IOException {
        json.writeNumber(((Number) value).longValue());
    }

    @Override
    public ObjectNode schema(Attribute attribute) {
        return object().put("type", "integer").put("format", width.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public Object example(Attribute attribute) {
        return 1;
    }
}
