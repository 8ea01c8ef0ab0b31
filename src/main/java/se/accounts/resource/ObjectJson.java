package se.accounts.resource;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.JSONB;
import org.jooq.Record;
import se.accounts.query.EntitySql;
import se.accounts.resource.model.Attribute;
import se.accounts.resource.model.Temporal;

/** Writes a fetched row as the entity's JSON object, field by field in declaration order. */
public final class ObjectJson {
    private ObjectJson() {
    }

    public static void write(JsonGenerator json, EntitySql.Selection selection, Record row) throws IOException {
        json.writeStartObject();
        List<Attribute> output = selection.output();
        for (int i = 0; i < output.size(); i++) {
            Attribute attribute = output.get(i);
            int position = selection.positionOfOutput(i);
            json.writeFieldName(attribute.name());
            writeValue(json, attribute, position < 0 ? null : row.get(position));
        }
        json.writeEndObject();
    }

    public static byte[] toBytes(EntitySql.Selection selection, Record row) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(bytes)) {
            write(json, selection, row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeValue(JsonGenerator json, Attribute attribute, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        switch (attribute.type()) {
            case STRING -> json.writeString((String) value);
            case INTEGER, INTEGER_ENUM -> json.writeNumber((Integer) value);
            case BOOLEAN -> json.writeBoolean((Boolean) value);
            case DATE -> json.writeString(((LocalDate) value).toString());
            case DATETIME -> json.writeString(Temporal.format((OffsetDateTime) value));
            case UUID -> json.writeString(value.toString());
            case TO_ONE -> writeReference(json, (UUID) value);
            case TO_MANY -> {
                json.writeStartArray();
                for (Object id : (Object[]) value) {
                    writeReference(json, (UUID) id);
                }
                json.writeEndArray();
            }
            case JSON_ARRAY, JSON_OBJECT -> json.writeRawValue(((JSONB) value).data());
            case ALWAYS_NULL -> json.writeNull();
        }
    }

    private static void writeReference(JsonGenerator json, UUID id) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", id.toString());
        json.writeEndObject();
    }
}
