package se.accounts.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import org.jooq.impl.SQLDataType;

/** Text, stored trimmed; blank is null. Lengths count characters (code points), as PostgreSQL does. */
final class TextType extends FieldType {
    TextType() {
        super("STRING", Operator.TEXT, SQLDataType.VARCHAR, "character varying");
    }

    @Override
    public Parsed read(Attribute attribute, JsonNode node) {
        if (!node.isTextual()) {
            return Parsed.error("Not a valid string.");
        }
        String text = node.textValue().strip();
        if (text.indexOf('\0') >= 0) {
            return Parsed.error("Null characters are not allowed.");
        }
        if (text.isEmpty()) {
            return Parsed.ok(null);
        }
        int length = text.codePointCount(0, text.length());
        if (attribute.maxLength() != null && length > attribute.maxLength()) {
            return Parsed.error("Ensure this field has no more than " + attribute.maxLength() + " characters.");
        }
        if (attribute.minLength() != null && length < attribute.minLength()) {
            return Parsed.error("Ensure this field has at least " + attribute.minLength() + " characters.");
        }
        if (attribute.pattern() != null && !attribute.pattern().matcher(text).matches()) {
            return Parsed.error(attribute.patternDescription());
        }
        return Parsed.ok(text);
    }

    @Override
    public Parsed parse(Attribute attribute, Operator operator, String text) {
        return Parsed.ok(text);
    }

    /** A written string is checked against its declared length, so the column's must be the same; a computed
     * read-only one (a generated column, a view) may be text. */
    @Override
    public Set<String> columnTypes(Attribute attribute) {
        return attribute.isReadOnly() ? Set.of("character varying", "text") : super.columnTypes(attribute);
    }

    @Override
    public void write(JsonGenerator json, Object value) throws IOException {
        if (value instanceof byte[] utf8) {
            json.writeUTF8String(utf8, 0, utf8.length);
        } else {
            json.writeString((String) value);
        }
    }

    /**
     * The column's UTF-8 bytes as they came from PostgreSQL (pgjdbc receives text as text and hands its bytes
     * over), written without decoding them into a String and encoding it again.
     */
    @Override
    public Object readColumn(ResultSet row, int column) throws SQLException {
        return row.getBytes(column);
    }

    @Override
    public ObjectNode schema(Attribute attribute) {
        ObjectNode schema = object().put("type", "string");
        if (attribute.maxLength() != null) {
            schema.put("maxLength", attribute.maxLength());
        }
        if (attribute.minLength() != null) {
            schema.put("minLength", attribute.minLength());
        }
        if (attribute.pattern() != null) {
            schema.put("pattern", "^" + attribute.pattern().pattern() + "$");
        }
        return schema;
    }

    @Override
    public Object example(Attribute attribute) {
        return attribute.isNullable() ? null : "text";
    }
}
