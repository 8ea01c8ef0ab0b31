package se.accounts.query;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.val;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Cursor;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import se.accounts.db.TenantSession;
import se.accounts.db.TenantSql;
import se.accounts.model.Attribute;
import se.accounts.model.Entity;
import se.accounts.model.FieldType;
import se.accounts.model.LinkTable;

/**
 * The SQL of one entity's objects outside listing: reading and locking one or some by id, inserting, updating,
 * deleting, the link rows of to-many relations, the cycle check of a relation to itself and the count of objects
 * that still reference one. Values are the fields' Java types as {@link FieldType#read} makes them.
 */
public final class EntityStore {
    private final Entity entity;
    private final Table<?> table;
    private final EntitySql.Selection full;
    private final Field<?>[] fullFields;
    /** One object by id: rendered once, the hottest read (GET {pk}/), its generic plan reused. */
    private final TenantSql fetchById;

    public EntityStore(Entity entity) {
        this.entity = entity;
        this.table = EntitySql.table(entity);
        this.full = EntitySql.selection(entity, entity.attributes());
        this.fullFields = full.fields().toArray(Field[]::new);
        this.fetchById = TenantSql.reusingPlan(TenantSql.render(DSL.select(full.fields()).from(table)
                .where(EntitySql.customerId(entity).eq(DSL.param("customer", SQLDataType.UUID)))
                .and(EntitySql.id(entity).eq(DSL.param("id", SQLDataType.UUID)))));
    }

    /** What a read of a whole object selects. */
    public EntitySql.Selection full() {
        return full;
    }

    public Optional<Record> fetch(TenantSession session, UUID id) {
        return byId(session, id, (statement, values) -> session.execute(statement, values, 0), results -> {
            try (Cursor<Record> rows = session.records(results, fullFields)) {
                return rows.fetchNextOptional();
            }
        });
    }

    /** Reads one object's row (columns as {@link #full} selects them) from the result set. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /**
     * One object by id as a read's last statement: its transaction commits in the same round trip, and the row goes
     * from the result set to {@code reader} without a jOOQ record, which took a tenth of {@code GET {pk}/}'s CPU in a
     * profile (cursor and record building).
     */
    public <T> Optional<T> fetchAndCommit(TenantSession session, UUID id, RowReader<T> reader) {
        return byId(session, id, session::executeThenCommit,
                results -> results.next() ? Optional.of(reader.read(results)) : Optional.empty());
    }

    /** How the read by id is sent: within the transaction, or as its last statement with the COMMIT. */
    @FunctionalInterface
    private interface Send {
        PreparedStatement send(TenantSql statement, Object[] values) throws SQLException;
    }

    /** Sends the read by id; {@code read} gets its result set before the first row. */
    private <T> T byId(TenantSession session, UUID id, Send send, RowReader<T> read) {
        try (PreparedStatement statement = send.send(fetchById, new Object[] {session.customerId(), id});
             ResultSet results = statement.getResultSet()) {
            return read.read(results);
        } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e);
        }
    }

    public List<Record> fetchAll(TenantSession session, List<UUID> ids) {
        return session.sql().select(full.fields()).from(table).where(session.owns(table))
                .and(EntitySql.id(entity).in(ids)).fetch();
    }

    /** The object, locked until the transaction ends. */
    public Optional<Record> lock(TenantSession session, UUID id) {
        return session.sql().select(full.fields()).from(table).where(session.owns(table))
                .and(EntitySql.id(entity).eq(id)).forUpdate().fetchOptional();
    }

    /** Inserts a new object under {@code id} (made by {@code db.Ids}, so ids increase in creation order). */
    public void insert(TenantSession session, UUID id, Map<Attribute, Object> values) {
        Map<Field<?>, Object> columns = new LinkedHashMap<>();
        columns.put(EntitySql.customerId(entity), session.customerId());
        columns.put(EntitySql.id(entity), id);
        columns.putAll(scalarColumns(values));
        session.sql().insertInto(table).set(columns).execute();
        writeLinks(session, id, values, false);
    }

    public void update(TenantSession session, UUID id, Map<Attribute, Object> values) {
        Map<Field<?>, Object> columns = scalarColumns(values);
        columns.put(EntitySql.version(entity), EntitySql.version(entity).plus(1));
        session.sql().update(table).set(columns).where(session.owns(table)).and(EntitySql.id(entity).eq(id))
                .execute();
        writeLinks(session, id, values, true);
    }

    public void delete(TenantSession session, UUID id) {
        session.sql().deleteFrom(table).where(session.owns(table)).and(EntitySql.id(entity).eq(id)).execute();
    }

    private Map<Field<?>, Object> scalarColumns(Map<Attribute, Object> values) {
        Map<Field<?>, Object> columns = new LinkedHashMap<>();
        values.forEach((attribute, value) -> {
            if (attribute.type().hasColumn()) {
                columns.put(field(name(attribute.column())), value);
            }
        });
        return columns;
    }

    @SuppressWarnings("unchecked")
    private void writeLinks(TenantSession session, UUID owner, Map<Attribute, Object> values, boolean replace) {
        values.forEach((attribute, value) -> {
            if (attribute.type() != FieldType.TO_MANY) {
                return;
            }
            LinkTable link = attribute.link();
            Table<?> linkTable = EntitySql.linkTable(link);
            Field<UUID> ownerColumn = EntitySql.linkColumn(link, link.ownerColumn());
            if (replace) {
                session.sql().deleteFrom(linkTable).where(session.owns(linkTable)).and(ownerColumn.eq(owner))
                        .execute();
            }
            List<UUID> targets = value == null ? List.of() : (List<UUID>) value;
            if (targets.isEmpty()) {
                return;
            }
            var insert = session.sql().insertInto(linkTable, field(name("customer_id"), UUID.class),
                    field(name(link.ownerColumn()), UUID.class), field(name(link.targetColumn()), UUID.class));
            for (UUID target : targets) {
                insert = insert.values(session.customerId(), owner, target);
            }
            insert.execute();
        });
    }

    /** Whether following {@code attribute} upwards from {@code newParent} reaches {@code self}. */
    public boolean wouldCycle(TenantSession session, Attribute attribute, UUID self, UUID newParent) {
        if (self.equals(newParent)) {
            return true;
        }
        return Boolean.TRUE.equals(session.sql().resultQuery(
                "with recursive ancestors(id, depth) as ("
                        + " select {0}::uuid, 0"
                        + " union all"
                        + " select t.{1}, a.depth + 1 from {2} t join ancestors a on t.id = a.id"
                        + " where t.customer_id = {3} and t.{1} is not null and a.depth < 10000)"
                        + " select exists(select 1 from ancestors where id = {4})",
                val(newParent), name(attribute.column()), name(entity.table()),
                val(session.customerId()), val(self)).fetchOne(0, Boolean.class));
    }

    /** How many objects of each referencing entity point at {@code id} ("3 users"), those with none left out. */
    public List<String> referencesTo(TenantSession session, UUID id, List<References.Reference> references) {
        List<String> referencedBy = new ArrayList<>();
        for (References.Reference reference : references) {
            Table<?> source = EntitySql.table(reference.source());
            int count = session.sql().fetchCount(session.sql().selectOne().from(source)
                    .where(session.owns(source))
                    .and(EntitySql.column(reference.source(), reference.attribute()).eq(id)));
            if (count > 0) {
                referencedBy.add(count + " " + (count == 1 ? reference.source().singular()
                        : reference.source().plural()));
            }
        }
        return referencedBy;
    }
}
