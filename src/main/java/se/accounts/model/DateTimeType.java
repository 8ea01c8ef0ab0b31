package se.accounts.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.impl.SQLDataType;

/** An instant, ISO 8601 in and UTC out ({@link Temporal}); a filter may give a date, meaning its start in UTC. */
final class DateTimeType extends FieldType {
    private static final String FORMAT = "Datetime has wrong format. Use ISO 8601, e.g. 2019-08-24T14:15:22Z.";

    DateTimeType() {
        super("DATETIME", Operator.RANGE, SQLDataType.TIMESTAMPWITHTIMEZONE, "timestamp with time zone");
    }

    @Override
    public Parsed read(Attribute attribute, JsonNode node) {
        if (!node.isTextual()) {
            return Parsed.error(FORMAT);
        }
        return Temporal.parseDateTime(node.textValue()).map(Parsed::ok).orElseGet(() -> Parsed.error(FORMAT));
    }

    @Override
    public Parsed parse(Attribute attribute, Operator operator, String text) {
        Optional<OffsetDateTime> value = Temporal.parseDate(text)
                .map(date -> date.atStartOfDay().atOffset(ZoneOffset.UTC))
                .or(() -> Temporal.parseDateTime(text));
        return value.map(Parsed::ok)
                .orElseGet(() -> Parsed.error("Enter a valid ISO 8601 date-time (2024-01-31T12:00:00Z) or"
                        + " date (2024-01-31); got '" + text + "'."));
    }

    @Override
    public void write(JsonGenerator json, Object value) throws IOException {
        json.writeString(Temporal.format((OffsetDateTime) value));
    }

    /** The same instant in another offset is the same value. */
    @Override
    public boolean same(Object stored, Object written) {
        return ((OffsetDateTime) stored).toInstant().equals(((OffsetDateTime) written).toInstant());
    }

    @Override
    public ObjectNode schema(Attribute attribute) {
        return object().put("type", "string").put("format", "date-time");
    }

    @Override
    public ObjectNode filterSchema(Attribute attribute) {
        return super.filterSchema(attribute).put("description",
                "A date-time (without an offset: UTC), or a date meaning its start in UTC.");
    }

    @Override
    public Object example(Attribute attribute) {
        return attribute.isNullable() ? null : "2024-05-17T08:30:00Z";
    }
}
