package se.accounts.query;

import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.or;
import static org.jooq.impl.DSL.selectOne;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import se.accounts.db.TenantSession;
import se.accounts.db.TenantSql;
import se.accounts.model.Attribute;
import se.accounts.model.Entity;
import se.accounts.model.FieldType;
import se.accounts.model.LinkTable;
import se.accounts.model.Operator;

/**
 * Stage three of a list request: a {@link ListPlan} as SQL. The text is rendered from the plan's {@link ListShape}
 * only, with a placeholder per value, and {@link #values} lists the plan's values in the order the placeholders
 * were made; {@link ListStatements} renders each shape once. LIKE patterns are escaped so that {@code %},
 * {@code _} and {@code \} in values are literal characters. Paging is LIMIT/OFFSET in SQL, and the count is a
 * separate statement run only for {@code _statistics}.
 */
public final class ListSql {
    private static final char LIKE_ESCAPE = '\\';
    private static final String OWNER = "owner";
    private static final String IDS = "ids";
    private static final String PAGE = "page";
    private static final Pattern PLACEHOLDER = Pattern.compile(":v(\\d+)_\\d+");

    private ListSql() {
    }

    /** The placeholders of one rendering; each takes the value at its index of {@link #values}. */
    static final class Slots {
        private final List<Param<?>> made = new ArrayList<>();
        private int next;

        /** A placeholder for the next value. */
        <T> Param<T> next(DataType<T> type) {
            return at(next++, type);
        }

        /** A placeholder for the value at {@code index} (the customer, 0, again). */
        <T> Param<T> at(int index, DataType<T> type) {
            Param<T> param = DSL.param("v" + index + "_" + made.size(), type);
            made.add(param);
            return param;
        }

        /**
         * For each placeholder of {@code query} in text order, the index of its value in {@link #values}: read off
         * the names in a rendering with named placeholders (jOOQ's parameter map is not in text order: it lists
         * LIMIT before OFFSET, which PostgreSQL's rendering writes first).
         */
        int[] order(Query query) {
            Matcher names = PLACEHOLDER.matcher(TenantSql.renderNamed(query));
            List<Integer> order = new ArrayList<>();
            while (names.find()) {
                order.add(Integer.parseInt(names.group(1)));
            }
            int rendered = query.getBindValues().size();
            if (order.size() != made.size() || rendered != made.size()) {
                throw new IllegalStateException("rendered " + rendered + " placeholders of " + made.size());
            }
            return order.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * The values of a plan in the order {@link #rows} and {@link #matching} make their placeholders: the
     * customer, each filter's values (an {@code in} list or a to-many filter's ids as one array), each search
     * pattern, then (rows only, when paged) limit and offset.
     */
    static List<Object> values(ListPlan plan, UUID customer) {
        List<Object> values = new ArrayList<>();
        values.add(customer);
        for (Filter filter : plan.filters()) {
            Operator operator = filter.operator();
            if (filter.attribute().type() == FieldType.TO_MANY || operator == Operator.IN) {
                values.add(filter.values().stream().map(String::valueOf).toArray(String[]::new));
            } else if (operator != Operator.ISNULL) {
                values.add(filterValue(operator, filter.value()));
            }
        }
        int patternsPerTerm = plan.entity().searchColumn().isPresent() ? 1 : plan.entity().searchAttributes().size();
        for (String term : plan.searchTerms()) {
            for (int i = 0; i < patternsPerTerm; i++) {
                values.add("%" + escapeLike(term) + "%");
            }
        }
        plan.page().ifPresent(page -> {
            values.add((long) page.size());
            values.add(page.offset());
        });
        return values;
    }

    private static Object filterValue(Operator operator, Object value) {
        return switch (operator) {
            case CONTAINS, ICONTAINS -> "%" + escapeLike(value) + "%";
            case STARTSWITH, ISTARTSWITH -> escapeLike(value) + "%";
            case ENDSWITH, IENDSWITH -> "%" + escapeLike(value);
            default -> value;
        };
    }

    /**
     * The rows of a shape in order. A deep page ({@link ListShape#deepPage}) pages over the matching ids alone and
     * then reads the page's rows by primary key: PostgreSQL then skips the OFFSET rows without reading their
     * columns, and, where an index holds the order and the filtered columns, without visiting the table (Q2's page
     * 40: 1,184 buffers read the plain way, 163 this way with V19's index). Otherwise, when paged and the output has
     * to-many relations, their arrays are computed in an outer query over the page only: in a single query
     * PostgreSQL runs the array subquery for every row it reads, the ones OFFSET skips included (page 40 of 25:
     * 1,000 subqueries for 25 rows).
     */
    static Select<?> rows(Entity entity, ListShape shape, EntitySql.Selection selection, Slots slots,
                          boolean atMostOneRow) {
        boolean toMany = !toManyOutput(selection).isEmpty();
        Table<?> table = EntitySql.table(entity);
        if (shape.deepPage()) {
            Field<UUID> customer = EntitySql.customerId(entity);
            Field<UUID> id = EntitySql.id(entity);
            Table<?> page = DSL.select(customer, id).from(table).where(owns(entity, slots))
                    .and(where(entity, shape, slots)).orderBy(order(entity, shape))
                    .limit(slots.next(SQLDataType.BIGINT)).offset(slots.next(SQLDataType.BIGINT)).asTable(PAGE);
            return DSL.select(selection.fields()).from(page).join(table)
                    .on(customer.eq(page.field(customer)), id.eq(page.field(id))).orderBy(order(entity, shape));
        }
        if (shape.paged() && toMany) {
            // The page's rows under the table's own name, so the selection's columns and correlated subqueries
            // resolve against it unchanged; the outer ORDER BY keeps the page's order (already sorted: no sort).
            var page = DSL.select(table.asterisk()).from(table)
                    .where(owns(entity, slots)).and(where(entity, shape, slots)).orderBy(order(entity, shape))
                    .limit(slots.next(SQLDataType.BIGINT)).offset(slots.next(SQLDataType.BIGINT));
            return DSL.select(selection.fields()).from(page.asTable(entity.table())).orderBy(order(entity, shape));
        }
        // One row reads its arrays by one probe each; the grouped pass would read the customer's whole link table.
        if (!shape.paged() && toMany && !atMostOneRow) {
            return DSL.select(fieldsWithJoinedIds(entity, selection, slots)).from(withJoinedIds(entity, selection,
                    slots)).where(owns(entity, slots)).and(where(entity, shape, slots)).orderBy(order(entity, shape));
        }
        var filtered = DSL.select(selection.fields()).from(table)
                .where(owns(entity, slots)).and(where(entity, shape, slots)).orderBy(order(entity, shape));
        return shape.paged() ? filtered.limit(slots.next(SQLDataType.BIGINT)).offset(slots.next(SQLDataType.BIGINT))
                : filtered;
    }

    /**
     * Unpaged reads (exports) take each to-many relation's arrays from one pass over its link table, grouped by
     * owner and joined, instead of a correlated subquery per row: for 100,001 users the subquery cost 200,002
     * index probes and about half the statement's execution time (EXPLAIN ANALYZE: 1,046 ms with it, 564 ms
     * without; Q8).
     */
    private static Table<?> withJoinedIds(Entity entity, EntitySql.Selection selection, Slots slots) {
        Table<?> from = EntitySql.table(entity);
        for (Attribute attribute : toManyOutput(selection)) {
            LinkTable link = attribute.link();
            Field<UUID> owner = EntitySql.linkColumn(link, link.ownerColumn());
            Field<UUID> target = EntitySql.linkColumn(link, link.targetColumn());
            Table<?> ids = DSL.select(owner.as(OWNER), DSL.arrayAgg(target).orderBy(target).as(IDS))
                    .from(EntitySql.linkTable(link))
                    .where(EntitySql.linkColumn(link, TenantSession.CUSTOMER_ID.getName())
                            .eq(slots.at(0, SQLDataType.UUID)))
                    .groupBy(owner).asTable(joinedName(attribute));
            from = from.leftJoin(ids).on(ids.field(OWNER, UUID.class).eq(EntitySql.id(entity)));
        }
        return from;
    }

    /** The selection's fields with each to-many array read from its joined aggregate ({} when it has no row). */
    private static List<Field<?>> fieldsWithJoinedIds(Entity entity, EntitySql.Selection selection, Slots slots) {
        List<Field<?>> fields = new ArrayList<>(selection.fields());
        for (Attribute attribute : toManyOutput(selection)) {
            Field<UUID[]> ids = field(name(joinedName(attribute), IDS), SQLDataType.UUID.array());
            fields.set(selection.indexOf(attribute), DSL.coalesce(ids, DSL.cast(DSL.inline("{}"),
                    SQLDataType.UUID.array())).as(attribute.name()));
        }
        return fields;
    }

    private static List<Attribute> toManyOutput(EntitySql.Selection selection) {
        return selection.output().stream().filter(a -> a.type() == FieldType.TO_MANY).toList();
    }

    private static String joinedName(Attribute attribute) {
        return "linked_" + attribute.name();
    }

    /** One row per object the shape's filters and search select, unordered: what the count counts. */
    static Select<Record1<Integer>> matching(Entity entity, ListShape shape, Slots slots) {
        return selectOne().from(EntitySql.table(entity)).where(owns(entity, slots))
                .and(where(entity, shape, slots));
    }

    /** The matching rows of a plan with its values inlined, for EXPLAIN in tests. */
    public static String explainable(ListPlan plan, UUID customer) {
        Slots slots = new Slots();
        Select<?> matching = matching(plan.entity(), ListShape.of(plan), slots);
        int[] order = slots.order(matching);
        List<Object> values = values(plan, customer);
        Object[] bound = new Object[order.length];
        for (int i = 0; i < order.length; i++) {
            bound[i] = values.get(order[i]);
        }
        return TenantSql.inlined(TenantSql.render(matching), bound);
    }

    private static Condition owns(Entity entity, Slots slots) {
        return EntitySql.customerId(entity).eq(slots.next(SQLDataType.UUID));
    }

    /** The filters and search of a shape, ANDed. */
    private static Condition where(Entity entity, ListShape shape, Slots slots) {
        List<Condition> conditions = new ArrayList<>();
        for (ListShape.FilterShape filter : shape.filters()) {
            Condition matches = matches(entity, filter, slots);
            // Django's exclude(): exactly the rows the filter does not return, rows with NULL included.
            conditions.add(filter.negated() ? condition("({0}) is not true", matches) : matches);
        }
        for (int i = 0; i < shape.searchTerms(); i++) {
            conditions.add(searchMatches(entity, slots));
        }
        return conditions.stream().reduce(noCondition(), Condition::and);
    }

    /**
     * One search term against the entity's lowercased search column if it has one (LIKE against the lowercased
     * pattern: the same match as ILIKE, which lowercases both sides, without folding every row), else ILIKE on
     * each search field.
     */
    private static Condition searchMatches(Entity entity, Slots slots) {
        if (entity.searchColumn().isPresent()) {
            return field(name(entity.table(), entity.searchColumn().get()), SQLDataType.VARCHAR)
                    .like(lower(slots.next(SQLDataType.VARCHAR)), LIKE_ESCAPE);
        }
        // A placeholder per field (the same pattern in each): one placeholder rendered twice would be bound once.
        return or(entity.searchAttributes().stream()
                .map(attribute -> EntitySql.<String>column(entity, attribute)
                        .likeIgnoreCase(slots.next(SQLDataType.VARCHAR), LIKE_ESCAPE))
                .toList());
    }

    private static List<SortField<?>> order(Entity entity, ListShape shape) {
        List<SortField<?>> keys = new ArrayList<>();
        for (ListShape.OrderShape key : shape.order()) {
            Field<Object> column = EntitySql.column(entity, entity.require(key.field()));
            keys.add(key.descending() ? column.desc() : column.asc());
        }
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static Condition matches(Entity entity, ListShape.FilterShape filter, Slots slots) {
        Attribute attribute = entity.require(filter.field());
        if (attribute.type() == FieldType.TO_MANY) {
            return relatedToAny(entity, attribute, slots);
        }
        Field<Object> column = EntitySql.column(entity, attribute);
        DataType<Object> type = (DataType<Object>) attribute.type().sqlType();
        return switch (filter.operator()) {
            case EXACT -> column.eq(slots.next(type));
            case IEXACT, ICONTAINS, ISTARTSWITH, IENDSWITH -> ignoringCase(entity, attribute, filter.operator(),
                    slots.next(SQLDataType.VARCHAR));
            case CONTAINS, STARTSWITH, ENDSWITH -> EntitySql.<String>column(entity, attribute)
                    .like(slots.next(SQLDataType.VARCHAR), LIKE_ESCAPE);
            case GT -> column.gt(slots.next(type));
            case GTE -> column.ge(slots.next(type));
            case LT -> column.lt(slots.next(type));
            case LTE -> column.le(slots.next(type));
            case IN -> isAny(column, itemsType(attribute), slots);
            case ISNULL -> filter.nullFlag() ? column.isNull() : column.isNotNull();
        };
    }

    /**
     * The array type an {@code in} list or a to-many filter's ids are cast to: one placeholder whatever the length
     * ({@code = any(cast(? as uuid[]))}), so every length is one statement shape. The items are bound as their
     * text (pgjdbc encodes no array of dates or date-times), which is PostgreSQL's input form for every filterable
     * type (UUIDs, numbers, booleans, ISO dates and date-times in UTC, years 1-9999). An empty array matches no
     * row, and its negation every row, nulls included ({@code null = any('{}')} is false, not null).
     */
    private static DataType<?> itemsType(Attribute attribute) {
        return (attribute.type() == FieldType.TO_MANY ? SQLDataType.UUID : attribute.type().sqlType())
                .getArrayDataType();
    }

    /**
     * A case-insensitive operator. On a case-folded field: its stored lowercased {@code COLLATE "C"} column
     * against the lowercased value, LIKE or = (a byte compare per candidate row; the pattern's escapes {@code \%},
     * {@code \_} and {@code \\} lowercase to themselves). Otherwise ILIKE, or lower() on both sides for iexact.
     * Both are ILIKE's match: PostgreSQL defines ILIKE on UTF-8 text as LIKE between the lowercased sides.
     */
    private static Condition ignoringCase(Entity entity, Attribute attribute, Operator operator, Param<String> value) {
        if (attribute.foldedColumn().isPresent()) {
            Field<String> folded = EntitySql.folded(entity, attribute);
            return operator == Operator.IEXACT ? folded.eq(lower(value)) : folded.like(lower(value), LIKE_ESCAPE);
        }
        Field<String> column = EntitySql.column(entity, attribute);
        return operator == Operator.IEXACT ? lower(column).eq(lower(value)) : column.likeIgnoreCase(value, LIKE_ESCAPE);
    }

    /** A template, not jOOQ's {@code any()}: that one takes a placeholder's array apart into its items. */
    private static Condition isAny(Field<?> column, DataType<?> arrayType, Slots slots) {
        return condition("{0} = any({1})", column, slots.next(arrayType));
    }

    private static Condition relatedToAny(Entity entity, Attribute attribute, Slots slots) {
        LinkTable link = attribute.link();
        return exists(selectOne().from(EntitySql.linkTable(link))
                .where(EntitySql.linksOfRow(entity, link))
                .and(isAny(EntitySql.linkColumn(link, link.targetColumn()), itemsType(attribute), slots)));
    }

    static String escapeLike(Object value) {
        String text = (String) value;
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
                escaped.append(LIKE_ESCAPE);
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
