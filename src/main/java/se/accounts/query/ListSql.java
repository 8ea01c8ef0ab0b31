package se.accounts.query;

import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.falseCondition;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.or;
import static org.jooq.impl.DSL.selectOne;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.SortField;
import org.jooq.impl.SQLDataType;
import se.accounts.db.TenantSession;
import se.accounts.model.Attribute;
import se.accounts.model.Entity;
import se.accounts.model.FieldType;
import se.accounts.model.LinkTable;

/**
 * Stage three of a list request: a {@link ListPlan} as SQL. Every value is a bind parameter; LIKE patterns are
 * escaped so that {@code %}, {@code _} and {@code \} in values are literal characters. Paging is LIMIT/OFFSET in
 * SQL, and the count is a separate query run only for {@code _statistics}.
 */
public final class ListSql {
    private static final char LIKE_ESCAPE = '\\';

    private ListSql() {
    }

    public static ResultQuery<Record> rows(TenantSession session, ListPlan plan, EntitySql.Selection selection) {
        Entity entity = plan.entity();
        var query = session.sql().select(selection.fields()).from(EntitySql.table(entity))
                .where(session.owns(EntitySql.table(entity))).and(where(plan)).orderBy(order(plan));
        return plan.page().isPresent()
                ? query.limit(plan.page().get().size()).offset(plan.page().get().offset())
                : query;
    }

    public static long count(TenantSession session, ListPlan plan) {
        return session.sql().fetchCount(matching(session, plan));
    }

    /** One row per object the plan's filters and search select, unordered: what the count counts. */
    public static Select<Record1<Integer>> matching(TenantSession session, ListPlan plan) {
        Entity entity = plan.entity();
        return session.sql().selectOne().from(EntitySql.table(entity))
                .where(session.owns(EntitySql.table(entity))).and(where(plan));
    }

    /** The filters and search of a plan, ANDed. */
    static Condition where(ListPlan plan) {
        List<Condition> conditions = new ArrayList<>();
        for (Filter filter : plan.filters()) {
            Condition matches = matches(plan.entity(), filter);
            // Django's exclude(): exactly the rows the filter does not return, rows with NULL included.
            conditions.add(filter.negated() ? condition("({0}) is not true", matches) : matches);
        }
        for (String term : plan.searchTerms()) {
            conditions.add(searchMatches(plan.entity(), "%" + escapeLike(term) + "%"));
        }
        return conditions.stream().reduce(noCondition(), Condition::and);
    }

    /**
     * One search term against the entity's lowercased search column if it has one (LIKE against the lowercased
     * pattern: the same match as ILIKE, which lowercases both sides, without folding every row), else ILIKE on
     * each search field.
     */
    private static Condition searchMatches(Entity entity, String pattern) {
        if (entity.searchColumn().isPresent()) {
            return field(name(entity.table(), entity.searchColumn().get()), SQLDataType.VARCHAR)
                    .like(lower(pattern), LIKE_ESCAPE);
        }
        return or(entity.searchAttributes().stream()
                .map(attribute -> EntitySql.<String>column(entity, attribute).likeIgnoreCase(pattern, LIKE_ESCAPE))
                .toList());
    }

    private static List<SortField<?>> order(ListPlan plan) {
        List<SortField<?>> keys = new ArrayList<>();
        for (OrderKey key : plan.order()) {
            Field<Object> column = EntitySql.column(plan.entity(), key.attribute());
            keys.add(key.descending() ? column.desc() : column.asc());
        }
        return keys;
    }

    private static Condition matches(Entity entity, Filter filter) {
        Attribute attribute = filter.attribute();
        if (attribute.type() == FieldType.TO_MANY) {
            return relatedToAny(entity, attribute, filter.values());
        }
        Field<Object> column = EntitySql.column(entity, attribute);
        return switch (filter.operator()) {
            case EXACT -> column.eq(filter.value());
            case IEXACT -> lower(EntitySql.<String>column(entity, attribute)).eq(lower((String) filter.value()));
            case CONTAINS -> like(entity, attribute, "%" + escapeLike(filter.value()) + "%", false);
            case ICONTAINS -> like(entity, attribute, "%" + escapeLike(filter.value()) + "%", true);
            case STARTSWITH -> like(entity, attribute, escapeLike(filter.value()) + "%", false);
            case ISTARTSWITH -> like(entity, attribute, escapeLike(filter.value()) + "%", true);
            case ENDSWITH -> like(entity, attribute, "%" + escapeLike(filter.value()), false);
            case IENDSWITH -> like(entity, attribute, "%" + escapeLike(filter.value()), true);
            case GT -> column.gt(filter.value());
            case GTE -> column.ge(filter.value());
            case LT -> column.lt(filter.value());
            case LTE -> column.le(filter.value());
            case IN -> filter.values().isEmpty() ? falseCondition() : column.in(filter.values());
            case ISNULL -> (Boolean) filter.value() ? column.isNull() : column.isNotNull();
        };
    }

    private static Condition like(Entity entity, Attribute attribute, String pattern, boolean ignoreCase) {
        Field<String> column = EntitySql.column(entity, attribute);
        return ignoreCase ? column.likeIgnoreCase(pattern, LIKE_ESCAPE) : column.like(pattern, LIKE_ESCAPE);
    }

    private static Condition relatedToAny(Entity entity, Attribute attribute, List<Object> ids) {
        if (ids.isEmpty()) {
            return falseCondition();
        }
        LinkTable link = attribute.link();
        return exists(selectOne().from(EntitySql.linkTable(link))
                .where(EntitySql.linksOfRow(entity, link))
                .and(EntitySql.linkColumn(link, link.targetColumn()).in(ids.stream().map(UUID.class::cast)
                        .toList())));
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
