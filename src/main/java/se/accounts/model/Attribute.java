package se.accounts.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One field of an entity, declared once: its JSON name and type, storage column, constraints, whether it may be
 * written, filtered, ordered, searched. Immutable: declarations chain modifiers on a {@link Builder} made by a
 * factory ({@code Attribute.string("name", 255).required()}), which refuses modifiers the type has no use for
 * when the entity is built.
 */
public final class Attribute {
    private final String name;
    private final FieldType type;
    private final String column;
    private final boolean nullable;
    private final boolean readOnly;
    private final boolean required;
    private final Integer minLength;
    private final Integer maxLength;
    private final Pattern pattern;
    private final String patternDescription;
    private final Set<Integer> allowedValues;
    private final String unsupportedMessage;
    private final boolean filterable;
    private final boolean orderable;
    private final boolean noCycles;
    private final boolean deletedWithTarget;
    private final boolean historical;
    private final Object example;
    private final String description;
    private final Supplier<Entity> target;
    private final LinkTable link;
    private final List<ValueRule> rules;
    private final ExternalCheck.Factory externalCheck;
    private final boolean caseFolded;

    private Attribute(Builder builder) {
        this.name = builder.name;
        this.type = builder.type;
        this.column = builder.column;
        this.nullable = builder.nullable;
        this.readOnly = builder.readOnly;
        this.required = builder.required;
        this.minLength = builder.minLength;
        this.maxLength = builder.maxLength;
        this.pattern = builder.pattern;
        this.patternDescription = builder.patternDescription;
        this.allowedValues = builder.allowedValues;
        this.unsupportedMessage = builder.unsupportedMessage;
        this.filterable = builder.filterable;
        this.orderable = builder.filterable && type.hasColumn();
        this.noCycles = builder.noCycles;
        this.deletedWithTarget = builder.deletedWithTarget;
        this.historical = builder.historical;
        this.example = builder.example;
        this.description = builder.description;
        this.target = builder.target;
        this.link = builder.link;
        this.rules = List.copyOf(builder.rules);
        this.externalCheck = builder.externalCheck;
        this.caseFolded = builder.caseFolded;
    }

    public static Builder id() {
        return new Builder(Entity.ID, FieldType.UUID, Entity.ID).readOnly();
    }

    /** The time of the writing transaction. */
    public static Builder createdAt() {
        return new Builder(Entity.CREATED_AT, FieldType.DATETIME, Entity.CREATED_AT).readOnly();
    }

    public static Builder string(String name, int maxLength) {
        Builder builder = new Builder(name, FieldType.STRING, name);
        builder.maxLength = maxLength;
        return builder;
    }

    public static Builder integer(String name) {
        return new Builder(name, FieldType.INTEGER, name);
    }

    /** A 64-bit integer (a {@code bigint} column). */
    public static Builder bigInteger(String name) {
        return new Builder(name, FieldType.BIGINT, name);
    }

    public static Builder integerEnum(String name, Integer... values) {
        Builder builder = new Builder(name, FieldType.INTEGER_ENUM, name);
        builder.allowedValues = Collections.unmodifiableSet(new TreeSet<>(List.of(values)));
        return builder;
    }

    public static Builder bool(String name) {
        return new Builder(name, FieldType.BOOLEAN, name);
    }

    public static Builder date(String name) {
        return new Builder(name, FieldType.DATE, name);
    }

    public static Builder dateTime(String name) {
        return new Builder(name, FieldType.DATETIME, name);
    }

    public static Builder uuid(String name) {
        return new Builder(name, FieldType.UUID, name);
    }

    /** A to-one relation stored in {@code <name>_id}; {@code target} is a supplier so entities may refer to
     * themselves or to entities declared later. */
    public static Builder toOne(String name, Supplier<Entity> target) {
        Builder builder = new Builder(name, FieldType.TO_ONE, name + "_id");
        builder.target = target;
        return builder;
    }

    public static Builder toMany(String name, Supplier<Entity> target, LinkTable link) {
        Builder builder = new Builder(name, FieldType.TO_MANY, null);
        builder.target = target;
        builder.link = link;
        return builder;
    }

    public static Builder jsonArray(String name) {
        return new Builder(name, FieldType.JSON_ARRAY, name);
    }

    /** A JSON array of strings, stored as jsonb. */
    public static Builder stringArray(String name) {
        return new Builder(name, FieldType.STRING_ARRAY, name);
    }

    /** An opaque JSON object, stored as jsonb. */
    public static Builder jsonObject(String name) {
        return new Builder(name, FieldType.JSON_OBJECT, name);
    }

    public static Builder alwaysNull(String name) {
        return new Builder(name, FieldType.ALWAYS_NULL, null).nullable().readOnly();
    }

    /**
     * A field of the public reference whose feature this version lacks: it reads as null, and writing anything but
     * null is refused with {@code message}.
     */
    public static Builder notSupportedYet(String name, String message) {
        Builder builder = new Builder(name, FieldType.ALWAYS_NULL, null).nullable();
        builder.unsupportedMessage = message;
        return builder;
    }

    public String name() {
        return name;
    }

    public FieldType type() {
        return type;
    }

    public String column() {
        return column;
    }

    public boolean isNullable() {
        return nullable;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public boolean isRequired() {
        return required;
    }

    public Integer minLength() {
        return minLength;
    }

    public Integer maxLength() {
        return maxLength;
    }

    public Pattern pattern() {
        return pattern;
    }

    public String patternDescription() {
        return patternDescription;
    }

    /** Why a non-null value of an always-null field is refused. */
    public String unsupportedMessage() {
        return unsupportedMessage;
    }

    public Set<Integer> allowedValues() {
        return allowedValues;
    }

    public boolean isFilterable() {
        return filterable;
    }

    public boolean isOrderable() {
        return orderable;
    }

    public boolean forbidsCycles() {
        return noCycles;
    }

    public boolean isDeletedWithTarget() {
        return deletedWithTarget;
    }

    /** A recorded relation without a foreign key (an event's user): it never stops its target's deletion. */
    public boolean isHistorical() {
        return historical;
    }

    public Object example() {
        return example;
    }

    public String description() {
        return description;
    }

    public Entity target() {
        return target == null ? null : target.get();
    }

    public LinkTable link() {
        return link;
    }

    public List<ValueRule> rules() {
        return rules;
    }

    /** The check made before the write's transaction, if the field declares one. */
    public Optional<ExternalCheck.Factory> externalCheck() {
        return Optional.ofNullable(externalCheck);
    }

    /**
     * The stored lowercased copy of a {@link Builder#caseFolded() case-folded} string field ({@code
     * <column>_folded}), which its case-insensitive filters match; empty for every other field.
     */
    public Optional<String> foldedColumn() {
        return caseFolded ? Optional.of(column + "_folded") : Optional.empty();
    }

    /**
     * Whether a stored value and a written one of this field mean the same, by meaning rather than representation
     * (each type says what that is: the same instant in another offset, the same related ids in another order, the
     * same JSON with other key order); an empty relation is the same as none.
     */
    public boolean same(Object stored, Object written) {
        if (stored == null || written == null) {
            return stored == null && written == null || isEmptyRelation(stored) && isEmptyRelation(written);
        }
        return type.same(stored, written);
    }

    private static boolean isEmptyRelation(Object value) {
        return value == null || value instanceof Object[] array && array.length == 0
                || value instanceof List<?> list && list.isEmpty();
    }

    /** The foreign key constraint behind a relation, named by convention {@code <table>_<field>_fk}. */
    public String foreignKeyName(Entity owner) {
        return (type == FieldType.TO_MANY ? link.table() : owner.table()) + "_" + name + "_fk";
    }

    @Override
    public String toString() {
        return name;
    }

    /** A field being declared; {@link Entity.Builder} builds it, checking that its modifiers suit its type. */
    public static final class Builder {
        private final String name;
        private final FieldType type;
        private final String column;
        private boolean nullable;
        private boolean readOnly;
        private boolean required;
        private Integer minLength;
        private Integer maxLength;
        private Pattern pattern;
        private String patternDescription;
        private Set<Integer> allowedValues = Set.of();
        private String unsupportedMessage = "This field is always null in this version.";
        private boolean filterable;
        private boolean noCycles;
        private boolean deletedWithTarget;
        private boolean historical;
        private Object example;
        private String description;
        private Supplier<Entity> target;
        private LinkTable link;
        private final List<ValueRule> rules = new ArrayList<>();
        private ExternalCheck.Factory externalCheck;
        private boolean caseFolded;

        private Builder(String name, FieldType type, String column) {
            this.name = name;
            this.type = type;
            this.column = column;
            this.filterable = !type.operators().isEmpty();
        }

        public Builder nullable() {
            this.nullable = true;
            return this;
        }

        public Builder readOnly() {
            this.readOnly = true;
            return this;
        }

        /** Must be present (and not null) when an object is created. */
        public Builder required() {
            this.required = true;
            return this;
        }

        public Builder minLength(int length) {
            this.minLength = length;
            return this;
        }

        /** A regular expression the whole value must match; {@code description} says it in words. */
        public Builder pattern(String regex, String description) {
            this.pattern = Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
            this.patternDescription = description;
            return this;
        }

        public Builder notFilterable() {
            this.filterable = false;
            return this;
        }

        /**
         * For a string field users filter case-insensitively on large tables: its {@code iexact}, {@code
         * icontains}, {@code istartswith} and {@code iendswith} match a generated column {@code <column>_folded}
         * holding {@code lower(<column> COLLATE "default")} with {@code COLLATE "C"} (and a trigram index where
         * substrings are searched), against the pattern lowercased the same way. That is ILIKE's own definition
         * for UTF-8 text (both sides lowercased, then compared as LIKE) under the database's collation, but the
         * rows are lowercased once when written and the comparison is a byte compare instead of a lowercasing
         * per candidate row. The schema check verifies the column and its collation; other string fields keep
         * ILIKE, which needs no extra column or index to write.
         */
        public Builder caseFolded() {
            this.caseFolded = true;
            return this;
        }

        public Builder rule(ValueRule rule) {
            rules.add(rule);
            return this;
        }

        /** A check against something outside the database, made before the write's transaction. */
        public Builder checkedExternally(ExternalCheck.Factory check) {
            this.externalCheck = check;
            return this;
        }

        /** For a relation of an entity to itself: following it from any object never leads back to that object. */
        public Builder noCycles() {
            this.noCycles = true;
            return this;
        }

        /**
         * For a to-one relation whose foreign key cascades: deleting the target deletes this object too, so the
         * relation does not stop the target from being deleted.
         */
        public Builder deletedWithTarget() {
            this.deletedWithTarget = true;
            return this;
        }

        /**
         * For a read-only to-one relation that records which object was involved (an event's user), without a
         * foreign key: the target may be deleted, and the relation then keeps naming its id.
         */
        public Builder historical() {
            this.historical = true;
            return this;
        }

        /** A valid value shown in the API reference, for fields whose rules a generic sample would break. */
        public Builder example(Object value) {
            this.example = value;
            return this;
        }

        /** What the field means, for the API reference (its type and rules are described from the declaration). */
        public Builder describedAs(String text) {
            this.description = text;
            return this;
        }

        String name() {
            return name;
        }

        /** The frozen field; {@code owner} names the entity in the message of a modifier its type refuses. */
        Attribute build(String owner) {
            String where = owner + "." + name + ": ";
            if (type != FieldType.STRING && (minLength != null || pattern != null || caseFolded)) {
                throw new IllegalStateException(where + "minLength, pattern and caseFolded apply to strings only,"
                        + " not " + type);
            }
            if (minLength != null && (minLength < 0 || minLength > maxLength)) {
                throw new IllegalStateException(where + "minLength must be from 0 to maxLength " + maxLength);
            }
            if (type != FieldType.TO_ONE && (noCycles || deletedWithTarget || historical)) {
                throw new IllegalStateException(where + "noCycles, deletedWithTarget and historical apply to to-one"
                        + " relations only, not " + type);
            }
            if (historical && !readOnly) {
                throw new IllegalStateException(where + "a historical relation is recorded, never written: declare"
                        + " it read-only");
            }
            if (!type.hasColumn() && !rules.isEmpty()) {
                throw new IllegalStateException(where + "value rules need a stored value; " + type + " has none");
            }
            if (required && readOnly) {
                throw new IllegalStateException(where + "a read-only field cannot be required");
            }
            if (required && nullable) {
                throw new IllegalStateException(where + "a required field cannot be nullable");
            }
            return new Attribute(this);
        }
    }
}
