package se.accounts.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import se.accounts.db.TenantSql;
import se.accounts.model.Entity;
import se.accounts.model.FieldType;
import se.accounts.model.Operator;
import se.accounts.model.UniqueConstraint;

/**
 * The list statements of one entity, rendered once per {@link ListShape} and kept: rendering with jOOQ was the
 * largest CPU item of a list request in a JFR profile. Shapes come from user input (any filter combination), so
 * the cache holds at most {@value #MAX_SHAPES}; a shape pushed out is rendered again when it comes back.
 */
public final class ListStatements {
    static final int MAX_SHAPES = 500;
    private static final Table<?> DATA_VERSION = DSL.table(DSL.name("data_version"));
    private static final Field<Long> VERSION = DSL.field(DSL.name("version"), SQLDataType.BIGINT);

    private final Entity entity;
    private final EntitySql.Selection full;
    private final EntitySql.Selection slim;
    private final TenantSql version;
    /** The fields whose equality finds one row at most: exactly, and also ignoring case. */
    private final Set<String> exactKeys = new HashSet<>();
    private final Set<String> caseInsensitiveKeys = new HashSet<>();
    private final Cache<ListShape, Compiled> compiled = Caffeine.newBuilder().maximumSize(MAX_SHAPES).build();

    public ListStatements(Entity entity, EntitySql.Selection full, EntitySql.Selection slim) {
        this.entity = entity;
        this.full = full;
        this.slim = slim;
        exactKeys.add(Entity.ID);
        for (UniqueConstraint unique : entity.uniques()) {
            exactKeys.add(unique.field());
            if (unique.ignoresCase()) {
                caseInsensitiveKeys.add(unique.field());
            }
        }
        this.version = TenantSql.of(TenantSql.render(DSL.select(versionOf(DSL.param("customer", SQLDataType.UUID)))));
    }

    /**
     * The texts of one shape, and for each placeholder the index of its value in {@link ListSql#values}. The
     * count statements return the data version of the tables the count reads next to the count, both from one
     * snapshot (see migration V13_1); {@code versionThenRows} is for a count already cached.
     */
    private record Compiled(TenantSql rows, int[] rowsOrder, TenantSql count, int[] countOrder,
                            TenantSql countThenRows, TenantSql versionThenRows) {
    }

    /**
     * The statements of a plan (of {@code shape}) with their values, ready to run: {@code rows}; {@code count} (version, count);
     * {@code countThenRows} (version, count; then the rows); {@code version} alone, and {@code versionThenRows}.
     * Every statement takes the customer as its first value.
     */
    public record Bound(ListShape shape, TenantSql rows, Object[] rowValues, TenantSql count, Object[] countValues,
                        TenantSql countThenRows, Object[] countThenRowValues, TenantSql version,
                        TenantSql versionThenRows, Object[] versionThenRowValues) {
        /** The rows are one row at most, read by a unique key: exactly the rows that reuse a plan. */
        public boolean atMostOneRow() {
            return rows.reusesPlan();
        }

        public Object[] versionValues() {
            return new Object[] {countValues[0]};
        }
    }

    public Bound bind(ListPlan plan, UUID customer) {
        ListShape shape = ListShape.of(plan);
        Compiled statements = compiled.get(shape, this::compile);
        List<Object> values = ListSql.values(plan, customer);
        Object[] rowValues = arrange(statements.rowsOrder(), values);
        Object[] countValues = arrange(statements.countOrder(), values);
        Object[] both = new Object[countValues.length + rowValues.length];
        System.arraycopy(countValues, 0, both, 0, countValues.length);
        System.arraycopy(rowValues, 0, both, countValues.length, rowValues.length);
        Object[] versionThenRows = new Object[1 + rowValues.length];
        versionThenRows[0] = customer;
        System.arraycopy(rowValues, 0, versionThenRows, 1, rowValues.length);
        return new Bound(shape, statements.rows(), rowValues, statements.count(), countValues,
                statements.countThenRows(), both, version, statements.versionThenRows(), versionThenRows);
    }

    private Compiled compile(ListShape shape) {
        ListSql.Slots rowSlots = new ListSql.Slots();
        Select<?> rows = ListSql.rows(entity, shape, shape.slim() ? slim : full, rowSlots,
                readsAtMostOneRow(shape));
        ListSql.Slots countSlots = new ListSql.Slots();
        Field<Integer> matching = DSL.field(DSL.selectCount()
                .from(ListSql.matching(entity, shape, countSlots).asTable("matching")));
        Select<?> count = DSL.select(versionOf(countSlots.at(0, SQLDataType.UUID)), matching);
        String rowsText = TenantSql.render(rows);
        String countText = TenantSql.render(count);
        return new Compiled(readsAtMostOneRow(shape) ? TenantSql.reusingPlan(rowsText) : TenantSql.of(rowsText),
                rowSlots.order(rows), TenantSql.of(countText),
                countSlots.order(count), TenantSql.of(countText, rowsText),
                TenantSql.of(this.version.alone(), rowsText));
    }

    /**
     * Whether the shape's rows are one row at most whatever the data, read by a unique key: unpaged, without
     * search, filtered by equality on the id or a unique field, case-insensitively only where the uniqueness
     * ignores case (a case-insensitive match on a case-sensitive unique name finds every spelling of it, and no
     * index serves it). Such a read reuses a generic plan ({@link TenantSql#reusesPlan}) and needs no cursor.
     * Paged shapes never reuse a plan: a generic plan knows neither the LIMIT nor the tenant's size.
     */
    private boolean readsAtMostOneRow(ListShape shape) {
        return !shape.paged() && shape.searchTerms() == 0 && shape.filters().stream().anyMatch(filter ->
                !filter.negated() && (filter.operator() == Operator.EXACT && exactKeys.contains(filter.field())
                        || filter.operator() == Operator.IEXACT && caseInsensitiveKeys.contains(filter.field())));
    }

    /**
     * The data version of the customer's rows in the tables a count of this entity reads (its own and the link
     * tables of its to-many relations): the sum of versions that only ever rise, so it changes whenever one does.
     */
    private Field<Long> versionOf(Param<UUID> customer) {
        List<String> tables = new ArrayList<>();
        tables.add(entity.table());
        entity.attributes().stream().filter(a -> a.type() == FieldType.TO_MANY).map(a -> a.link().table())
                .forEach(tables::add);
        return DSL.field(DSL.select(DSL.coalesce(DSL.sum(VERSION), DSL.inline(BigDecimal.ZERO)))
                .from(DATA_VERSION).where(DSL.field(DSL.name("customer_id"), SQLDataType.UUID).eq(customer))
                .and(DSL.field(DSL.name("table_name"), SQLDataType.VARCHAR).in(tables.stream().map(DSL::inline)
                        .toList()))).cast(SQLDataType.BIGINT);
    }

    private static Object[] arrange(int[] order, List<Object> values) {
        Object[] arranged = new Object[order.length];
        for (int i = 0; i < order.length; i++) {
            arranged[i] = values.get(order[i]);
        }
        return arranged;
    }
}
