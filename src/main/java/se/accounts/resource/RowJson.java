package se.accounts.resource;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jooq.Record;
import se.accounts.json.Json;
import se.accounts.model.Attribute;
import se.accounts.model.FieldType;
import se.accounts.query.EntitySql;

/**
 * The current row of a result set selected by a {@link EntitySql.Selection}, read into one value per output field
 * ({@link FieldType#readColumn}) and written as the entity's JSON object: each field's name encoded once, no
 * record or map per row (lists, exports and detail responses). {@link ObjectJson} writes a fetched record (write
 * responses, webhook events) with the same code, its values read from the record instead ({@link #read(Record)}).
 * Reading and writing are two steps so that an export can read its next rows on another thread while this one
 * writes ({@link ReadAhead}). Measured on a JSON Lines export of 100,001 users with {@code -Xmx256m}: 1,325 ms of
 * service CPU through jOOQ records, 820 ms this way (with {@link se.accounts.model.Temporal#format} by hand),
 * medians of 10.
 */
final class RowJson {
    private final SerializableString[] names;
    private final FieldType[] types;
    /** The JDBC column (1-based) of each output field, 0 for a field that is not selected (always null). */
    private final int[] columns;

    RowJson(EntitySql.Selection selection) {
        List<Attribute> output = selection.output();
        this.names = new SerializableString[output.size()];
        this.types = new FieldType[output.size()];
        this.columns = new int[output.size()];
        for (int i = 0; i < output.size(); i++) {
            names[i] = new SerializedString(output.get(i).name());
            types[i] = output.get(i).type();
            columns[i] = selection.positionOfOutput(i) + 1;
        }
    }

    /** The current row's values, one per output field (null for a null or unselected field). */
    Object[] read(ResultSet row) throws SQLException {
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] != 0) {
                values[i] = types[i].readColumn(row, columns[i]);
            }
        }
        return values;
    }

    /** The record's values, one per output field (null for a null or unselected field). */
    Object[] read(Record row) {
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] != 0) {
                values[i] = row.get(columns[i] - 1);
            }
        }
        return values;
    }

    /** A fetched record as one JSON object's bytes (a write response, a webhook's event). */
    byte[] toBytes(Record row) {
        return toBytes(read(row));
    }

    /** A row {@link #read} returned as one JSON object's bytes (a detail or write response). */
    byte[] toBytes(Object[] values) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(bytes)) {
            write(json, values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes a row {@link #read} returned. */
    void write(JsonGenerator json, Object[] values) throws IOException {
        json.writeStartObject();
        for (int i = 0; i < names.length; i++) {
            json.writeFieldName(names[i]);
            if (values[i] == null) {
                json.writeNull();
            } else {
                types[i].write(json, values[i]);
            }
        }
        json.writeEndObject();
    }
}
