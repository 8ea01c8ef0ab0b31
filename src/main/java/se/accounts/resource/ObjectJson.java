package se.accounts.resource;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jooq.Record;
import se.accounts.json.Json;
import se.accounts.query.EntitySql;

/**
 * Writes a fetched record as the entity's JSON object, field by field in declaration order (a detail or write
 * response, a webhook's events), by the code that writes the rows of lists ({@link RowJson}), so both write the
 * same bytes.
 */
public final class ObjectJson {
    private ObjectJson() {
    }

    public static byte[] toBytes(EntitySql.Selection selection, Record row) {
        RowJson rowJson = new RowJson(selection);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(bytes)) {
            rowJson.write(json, rowJson.read(row));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
