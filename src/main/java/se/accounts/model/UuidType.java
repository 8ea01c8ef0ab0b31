package se.accounts.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jooq.impl.SQLDataType;
import se.accounts.db.Ids;

/** A UUID in its canonical form ({@link Ids#parse}). */
class UuidType extends FieldType {
    private static final String SAMPLE_ID = "01890a5d-ac96-774b-bcce-b302099a8057";

    UuidType() {
        this("UUID");
    }

    /** For a relation to one object, which filters, binds and stores as the related id. */
    UuidType(String name) {
        super(name, Operator.IDENTITY, SQLDataType.UUID, "uuid");
    }

    @Override
    public Parsed read(Attribute attribute, JsonNode node) {
        if (!node.isTextual()) {
            return Parsed.error("Must be a valid UUID.");
        }
        return Ids.parse(node.textValue()).map(Parsed::ok).orElseGet(() -> Parsed.error("Must be a valid UUID."));
    }

    @Override
    public Parsed parse(Attribute attribute, Operator operator, String text) {
        return id(text);
    }

    /** A filter value naming an object (of this entity or a related one). */
    static Parsed id(String text) {
        return Ids.parse(text).map(Parsed::ok).orElseGet(() -> Parsed.error("'" + text + "' is not a valid UUID."));
    }

    @Override
    public void write(JsonGenerator json, Object value) throws IOException {
        json.writeString(value.toString());
    }

    /** PostgreSQL's text of a uuid is {@link java.util.UUID#toString}'s, so a column is written without parsing. */
    @Override
    public Object readColumn(ResultSet row, int column) throws SQLException {
        return row.getString(column);
    }

    @Override
    public ObjectNode schema(Attribute attribute) {
        return object().put("type", "string").put("format", "uuid");
    }

    @Override
    public Object example(Attribute attribute) {
        return attribute.name().equals(Entity.ID) ? SAMPLE_ID
                : java.util.UUID.nameUUIDFromBytes(attribute.name().getBytes(StandardCharsets.UTF_8)).toString();
    }
}
