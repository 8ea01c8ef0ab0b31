package se.accounts.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.LocalDate;
import org.jooq.impl.SQLDataType;

/** A calendar date, {@code YYYY-MM-DD}. */
final class DateType extends FieldType {
    DateType() {
        super("DATE", Operator.RANGE, SQLDataType.LOCALDATE, "date");
    }

    @Override
    public Parsed read(Attribute attribute, JsonNode node) {
        if (!node.isTextual()) {
            return Parsed.error("Date has wrong format. Use YYYY-MM-DD.");
        }
        return Temporal.parseDate(node.textValue()).map(Parsed::ok)
                .orElseGet(() -> Parsed.error("Date has wrong format. Use YYYY-MM-DD (years 1 to 9999)."));
    }

    @Override
    public Parsed parse(Attribute attribute, Operator operator, String text) {
        return Temporal.parseDate(text).map(Parsed::ok)
                .orElseGet(() -> Parsed.error("Enter a valid date as YYYY-MM-DD; got '" + text + "'."));
    }

    @Override
    public void write(JsonGenerator json, Object value) throws IOException {
        json.writeString(((LocalDate) value).toString());
    }

    @Override
    public ObjectNode schema(Attribute attribute) {
        return object().put("type", "string").put("format", "date");
    }

    @Override
    public Object example(Attribute attribute) {
        return "1981-12-18";
    }
}
