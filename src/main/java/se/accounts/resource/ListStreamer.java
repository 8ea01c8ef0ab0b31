package se.accounts.resource;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jooq.Cursor;
import org.jooq.Record;
import se.accounts.db.TenantSession;
import se.accounts.json.Json;
import se.accounts.model.Entity;
import se.accounts.query.EntitySql;
import se.accounts.query.ListPlan;
import se.accounts.query.ListSql;

/** The list stage: counts when asked, then streams the rows of a plan as a JSON array or JSON Lines. */
final class ListStreamer {
    /** Rows fetched per round trip while streaming; with autocommit off PostgreSQL then uses a cursor. */
    private static final int FETCH_SIZE = 500;

    private final EntitySql.Selection full;
    private final EntitySql.Selection slim;

    ListStreamer(Entity entity, EntitySql.Selection full) {
        this.full = full;
        this.slim = EntitySql.selection(entity, entity.slimAttributes());
    }

    void stream(TenantSession session, ListPlan plan, ListOutput output) throws IOException {
        Optional<Long> total = plan.statistics() ? Optional.of(ListSql.count(session, plan)) : Optional.empty();
        EntitySql.Selection selection = plan.slim() ? slim : full;
        if (plan.page().map(page -> page.size() == 0).orElse(false)) {
            OutputStream out = output.begin(total);
            out.write(plan.jsonl() ? new byte[0] : "[]".getBytes(StandardCharsets.UTF_8));
            out.close();
            return;
        }
        try (Cursor<Record> cursor = ListSql.rows(session, plan, selection).fetchSize(FETCH_SIZE).fetchLazy();
             JsonGenerator json = Json.MAPPER.getFactory().createGenerator(output.begin(total))) {
            json.setRootValueSeparator(null);
            if (!plan.jsonl()) {
                json.writeStartArray();
            }
            for (Record row : cursor) {
                ObjectJson.write(json, selection, row);
                if (plan.jsonl()) {
                    json.writeRaw('\n');
                }
            }
            if (!plan.jsonl()) {
                json.writeEndArray();
            }
        }
    }
}
