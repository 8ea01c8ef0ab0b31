package se.accounts.resource;

import org.jooq.Record;
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
        return rowJson.toBytes(rowJson.read(row));
    }
}
