package se.accounts.resource;

import org.jooq.Record;
import se.accounts.query.EntitySql;

/**
 * Writes fetched records of one selection as the entity's JSON object, field by field in declaration order (a
 * webhook's events), by the code that writes the rows of lists ({@link RowJson}), so both write the same bytes.
 * Made once per selection: the field names are encoded when it is made, not per record.
 */
public final class ObjectJson {
    private final RowJson rowJson;

    public ObjectJson(EntitySql.Selection selection) {
        this.rowJson = new RowJson(selection);
    }

    public byte[] toBytes(Record row) {
        return rowJson.toBytes(row);
    }
}
