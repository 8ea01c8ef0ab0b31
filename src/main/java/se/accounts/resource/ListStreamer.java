package se.accounts.resource;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import se.accounts.db.TenantSession;
import se.accounts.json.Json;
import se.accounts.model.Entity;
import se.accounts.query.EntitySql;
import se.accounts.query.ListPlan;
import se.accounts.query.ListStatements;

/**
 * The list stage: counts when asked, then streams the rows of a plan as a JSON array or JSON Lines. A page (at
 * most 1,000 rows) is one round trip with the tenant setting, the count and the COMMIT; an unpaged list reads its rows
 * through a cursor, {@value #FETCH_SIZE} at a time, so any number of rows passes through a small heap, and reads
 * them on another thread while this one writes ({@link ReadAhead}).
 */
final class ListStreamer {
    private static final int FETCH_SIZE = 500;

    private final ListStatements statements;
    private final CountCache counts = new CountCache();
    /** A view's counts are never cached (see {@link Entity#isView()}): its key stays null. */
    private final boolean countsCached;
    private final RowJson fullJson;
    private final RowJson slimJson;

    ListStreamer(Entity entity, EntitySql.Selection full) {
        EntitySql.Selection slim = EntitySql.selection(entity, entity.slimAttributes());
        this.fullJson = new RowJson(full);
        this.slimJson = new RowJson(slim);
        this.statements = new ListStatements(entity, full, slim);
        this.countsCached = !entity.isView();
    }

    void stream(TenantSession session, ListPlan plan, ListOutput output) throws IOException, SQLException {
        ListStatements.Bound bound = statements.bind(plan, session.customerId());
        CountCache.Key countKey = plan.statistics() && countsCached
                ? CountCache.Key.of(bound.shape(), bound.countValues()) : null;
        if (plan.page().map(page -> page.size() == 0).orElse(false)) {
            Optional<Long> total = plan.statistics() ? Optional.of(count(session, bound, countKey))
                    : Optional.empty();
            OutputStream out = output.begin(total);
            out.write(plan.jsonl() ? new byte[0] : "[]".getBytes(StandardCharsets.UTF_8));
            out.close();
            return;
        }
        Optional<Long> total = Optional.empty();
        PreparedStatement rows;
        // An unpaged read by a unique key (email__iexact=...) has one row at most: like a page, it needs no cursor.
        boolean cursor = plan.page().isEmpty() && !bound.atMostOneRow();
        if (cursor) {
            if (plan.statistics()) {
                total = Optional.of(count(session, bound, countKey));
            }
            rows = session.execute(bound.rows(), bound.rowValues(), FETCH_SIZE);
        } else if (plan.statistics()) {
            CountCache.Counted cached = counts.get(countKey);
            if (cached == null) {
                rows = session.executeThenCommit(bound.countThenRows(), bound.countThenRowValues());
                total = Optional.of(counted(rows, countKey));
            } else {
                rows = session.executeThenCommit(bound.versionThenRows(), bound.versionThenRowValues());
                long version = single(rows);
                // A page holds at most 1,000 rows, which pgjdbc has read whole: the connection is free to count,
                // in a transaction of its own (the count reads its version and its rows in one statement).
                total = Optional.of(version == cached.version() ? cached.count() : countNow(session, bound, countKey));
            }
            rows.getMoreResults();
        } else {
            rows = session.executeThenCommit(bound.rows(), bound.rowValues());
        }
        RowJson rowJson = plan.slim() ? slimJson : fullJson;
        try (rows;
             ResultSet result = rows.getResultSet();
             JsonGenerator json = Json.MAPPER.getFactory().createGenerator(output.begin(total))) {
            json.setRootValueSeparator(null);
            if (!plan.jsonl()) {
                json.writeStartArray();
            }
            if (!cursor) {
                while (result.next()) {
                    write(json, rowJson, rowJson.read(result), plan.jsonl());
                }
            } else {
                try (ReadAhead ahead = new ReadAhead(result, rowJson::read)) {
                    for (List<Object[]> batch = ahead.next(); batch != null; batch = ahead.next()) {
                        for (Object[] row : batch) {
                            write(json, rowJson, row, plan.jsonl());
                        }
                    }
                }
            }
            if (!plan.jsonl()) {
                json.writeEndArray();
            }
        }
    }

    private static void write(JsonGenerator json, RowJson rowJson, Object[] row, boolean jsonl) throws IOException {
        rowJson.write(json, row);
        if (jsonl) {
            json.writeRaw('\n');
        }
    }

    /** The count from the cache if the data has not changed since, else counted now. */
    private long count(TenantSession session, ListStatements.Bound bound, CountCache.Key key) throws SQLException {
        CountCache.Counted cached = counts.get(key);
        if (cached != null) {
            try (PreparedStatement version = session.execute(bound.version(), bound.versionValues(), 0)) {
                if (single(version) == cached.version()) {
                    return cached.count();
                }
            }
        }
        return countNow(session, bound, key);
    }

    private long countNow(TenantSession session, ListStatements.Bound bound, CountCache.Key key)
            throws SQLException {
        try (PreparedStatement count = session.execute(bound.count(), bound.countValues(), 0)) {
            return counted(count, key);
        }
    }

    /** Reads (version, count) from the current results of {@code statement} and caches it. */
    private long counted(PreparedStatement statement, CountCache.Key key) throws SQLException {
        try (ResultSet result = statement.getResultSet()) {
            result.next();
            CountCache.Counted counted = new CountCache.Counted(result.getLong(1), result.getLong(2));
            counts.put(key, counted);
            return counted.count();
        }
    }

    private static long single(PreparedStatement statement) throws SQLException {
        try (ResultSet result = statement.getResultSet()) {
            result.next();
            return result.getLong(1);
        }
    }
}
