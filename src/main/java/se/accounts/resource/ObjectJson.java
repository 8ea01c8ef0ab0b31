package se.accounts.resource;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jooq.Record;
import se.accounts.json.Json;
import se.accounts.model.Attribute;
import se.accounts.query.EntitySql;

/**
 * Writes a fetched record as the entity's JSON object, field by field in declaration order (a detail or write
 * response, a webhook's events); lists write from the result set instead ({@link RowJson}).
 */
public final class ObjectJson {
    private ObjectJson() {
    }

    private static void write(JsonGenerator json, EntitySql.Selection selection, Record row) throws IOException {
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
        } else {
            attribute.type().write(json, value);
        }
    }
}
