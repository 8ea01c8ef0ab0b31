package se.accounts.query;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;
import se.accounts.db.TenantSession;
import se.accounts.model.Attribute;
import se.accounts.model.Entity;
import se.accounts.model.FieldType;
import se.accounts.model.LinkTable;

/** The SQL shape of an entity, derived from its declaration: its table, columns and what a read selects. */
public final class EntitySql {
    public static final String VERSION = "version";

    private EntitySql() {
    }

    public static Table<?> table(Entity entity) {
        return org.jooq.impl.DSL.table(name(entity.table()));
    }

    public static Field<UUID> id(Entity entity) {
        return field(name(entity.table(), "id"), SQLDataType.UUID);
    }

    public static Field<Long> version(Entity entity) {
        return field(name(entity.table(), VERSION), SQLDataType.BIGINT);
    }

    public static Field<UUID> customerId(Entity entity) {
        return field(name(entity.table(), TenantSession.CUSTOMER_ID.getName()), SQLDataType.UUID);
    }

    /** The column of a scalar field, typed for binding. */
    @SuppressWarnings("unchecked")
    public static <T> Field<T> column(Entity entity, Attribute attribute) {
        return (Field<T>) field(name(entity.table(), attribute.column()), attribute.type().sqlType());
    }

    /** The stored lowercased copy of a case-folded string field ({@link Attribute#foldedColumn()}). */
    public static Field<String> folded(Entity entity, Attribute attribute) {
        return field(name(entity.table(), attribute.foldedColumn().orElseThrow()), SQLDataType.VARCHAR);
    }

    public static Table<?> linkTable(LinkTable link) {
        return org.jooq.impl.DSL.table(name(link.table()));
    }

    public static Field<UUID> linkColumn(LinkTable link, String column) {
        return field(name(link.table(), column), SQLDataType.UUID);
    }

    /**
     * What a read selects for the given fields, in order, followed by the version: a column per scalar field,
     * an array subquery per to-many relation (scoped by the owner row's customer), nothing for always-null
     * fields. {@link Selection} remembers which position holds which field.
     */
    public static Selection selection(Entity entity, List<Attribute> attributes) {
        List<Field<?>> fields = new ArrayList<>();
        List<Attribute> selected = new ArrayList<>();
        for (Attribute attribute : attributes) {
            if (attribute.type() == FieldType.ALWAYS_NULL) {
                continue;
            }
            fields.add(attribute.type() == FieldType.TO_MANY ? relatedIds(entity, attribute)
                    : column(entity, attribute));
            selected.add(attribute);
        }
        fields.add(version(entity));
        return new Selection(attributes, selected, fields);
    }

    private static Field<UUID[]> relatedIds(Entity entity, Attribute attribute) {
        LinkTable link = attribute.link();
        Field<UUID> target = linkColumn(link, link.targetColumn());
        return org.jooq.impl.DSL.array(select(target).from(linkTable(link)).where(linksOfRow(entity, link))
                        .orderBy(target))
                .as(attribute.name());
    }

    /** The link rows of the entity's current row: same customer, this owner. For correlated subqueries. */
    static Condition linksOfRow(Entity entity, LinkTable link) {
        return linkColumn(link, TenantSession.CUSTOMER_ID.getName()).eq(customerId(entity))
                .and(linkColumn(link, link.ownerColumn()).eq(id(entity)));
    }

    /**
     * The selected fields and where each one is in a fetched record, worked out once per entity so that writing a
     * row costs no lookups.
     */
    public static final class Selection {
        private final List<Attribute> output;
        private final List<Field<?>> fields;
        private final int[] outputPositions;

        Selection(List<Attribute> output, List<Attribute> selected, List<Field<?>> fields) {
            this.output = List.copyOf(output);
            this.fields = List.copyOf(fields);
            this.outputPositions = output.stream().mapToInt(selected::indexOf).toArray();
        }

        public List<Attribute> output() {
            return output;
        }

        public List<Field<?>> fields() {
            return fields;
        }

        /** Where the i-th output field is in a record, or -1 for a field that is not selected (always null). */
        public int positionOfOutput(int i) {
            return outputPositions[i];
        }

        /** Where {@code attribute} is in a record, or -1. */
        public int indexOf(Attribute attribute) {
            int i = output.indexOf(attribute);
            return i < 0 ? -1 : outputPositions[i];
        }

        public int versionIndex() {
            return fields.size() - 1;
        }
    }
}
