package se.accounts.resource.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One field of an entity, declared once: its JSON name and type, storage column, constraints, whether it may be
 * written, filtered, ordered, searched. Declarations chain modifiers on a factory:
 * {@code Attribute.string("name", 255).required()}.
 */
public final class Attribute {
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
    private boolean orderable;
    private boolean noCycles;
    private boolean deletedWithTarget;
    private boolean historical;
    private boolean ofStrings;
    private Object example;
    private String description;
    private Supplier<Entity> target;
    private LinkTable link;
    private final List<ValueRule> rules = new ArrayList<>();

    private Attribute(String name, FieldType type, String column) {
        this.name = name;
        this.type = type;
        this.column = column;
        this.filterable = type != FieldType.JSON_ARRAY && type != FieldType.JSON_OBJECT
                && type != FieldType.ALWAYS_NULL;
        this.orderable = filterable && type != FieldType.TO_MANY;
    }

    public static Attribute id() {
        return new Attribute("id", FieldType.UUID, "id").readOnly();
    }

    /** The time of the writing transaction. */
    public static Attribute createdAt() {
        return new Attribute("created_at", FieldType.DATETIME, "created_at").readOnly();
    }

    public static Attribute string(String name, int maxLength) {
        Attribute attribute = new Attribute(name, FieldType.STRING, name);
        attribute.maxLength = maxLength;
        return attribute;
    }

    public static Attribute integer(String name) {
        return new Attribute(name, FieldType.INTEGER, name);
    }

    public static Attribute integerEnum(String name, Integer... values) {
        Attribute attribute = new Attribute(name, FieldType.INTEGER_ENUM, name);
        attribute.allowedValues = Collections.unmodifiableSet(new TreeSet<>(List.of(values)));
        return attribute;
    }

    public static Attribute bool(String name) {
        return new Attribute(name, FieldType.BOOLEAN, name);
    }

    public static Attribute date(String name) {
        return new Attribute(name, FieldType.DATE, name);
    }

    public static Attribute dateTime(String name) {
        return new Attribute(name, FieldType.DATETIME, name);
    }

    public static Attribute uuid(String name) {
        return new Attribute(name, FieldType.UUID, name);
    }

    /** A to-one relation stored in {@code <name>_id}; {@code target} is a supplier so entities may refer to
     * themselves or to entities declared later. */
    public static Attribute toOne(String name, Supplier<Entity> target) {
        Attribute attribute = new Attribute(name, FieldType.TO_ONE, name + "_id");
        attribute.target = target;
        return attribute;
    }

    public static Attribute toMany(String name, Supplier<Entity> target, LinkTable link) {
        Attribute attribute = new Attribute(name, FieldType.TO_MANY, null);
        attribute.target = target;
        attribute.link = link;
        return attribute;
    }

    public static Attribute jsonArray(String name) {
        return new Attribute(name, FieldType.JSON_ARRAY, name);
    }

    /** A JSON array of strings, stored as jsonb. */
    public static Attribute stringArray(String name) {
        Attribute attribute = new Attribute(name, FieldType.JSON_ARRAY, name);
        attribute.ofStrings = true;
        return attribute;
    }

    /** Whether a JSON array holds strings (else objects). */
    public boolean isArrayOfStrings() {
        return ofStrings;
    }

    public static Attribute jsonObject(String name) {
        return new Attribute(name, FieldType.JSON_OBJECT, name);
    }

    public static Attribute alwaysNull(String name) {
        return new Attribute(name, FieldType.ALWAYS_NULL, null).nullable().readOnly();
    }

    /**
     * A field of the public reference whose feature this version lacks: it reads as null, and writing anything but
     * null is refused with {@code message}.
     */
    public static Attribute notSupportedYet(String name, String message) {
        Attribute attribute = new Attribute(name, FieldType.ALWAYS_NULL, null).nullable();
        attribute.unsupportedMessage = message;
        return attribute;
    }

    public Attribute nullable() {
        this.nullable = true;
        return this;
    }

    public Attribute readOnly() {
        this.readOnly = true;
        return this;
    }

    /** Must be present (and not null) when an object is created. */
    public Attribute required() {
        this.required = true;
        return this;
    }

    public Attribute minLength(int length) {
        this.minLength = length;
        return this;
    }

    /** A regular expression the whole value must match; {@code description} says it in words. */
    public Attribute pattern(String regex, String description) {
        this.pattern = Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
        this.patternDescription = description;
        return this;
    }

    public Attribute notFilterable() {
        this.filterable = false;
        this.orderable = false;
        return this;
    }

    public Attribute rule(ValueRule rule) {
        rules.add(rule);
        return this;
    }

    /** For a relation of an entity to itself: following it from any object never leads back to that object. */
    public Attribute noCycles() {
        this.noCycles = true;
        return this;
    }

    /**
     * For a to-one relation whose foreign key cascades: deleting the target deletes this object too, so the
     * relation does not stop the target from being deleted.
     */
    public Attribute deletedWithTarget() {
        this.deletedWithTarget = true;
        return this;
    }

    /**
     * For a read-only to-one relation that records which object was involved (an event's user), without a foreign
     * key: the target may be deleted, and the relation then keeps naming its id.
     */
    public Attribute historical() {
        this.historical = true;
        return this;
    }

    public boolean isHistorical() {
        return historical;
    }

    /** A valid value shown in the API reference, for fields whose rules a generic sample would break. */
    public Attribute example(Object value) {
        this.example = value;
        return this;
    }

    public Object example() {
        return example;
    }

    /** What the field means, for the API reference (its type and rules are described from the declaration). */
    public Attribute describedAs(String text) {
        this.description = text;
        return this;
    }

    public String description() {
        return description;
    }

    public boolean isDeletedWithTarget() {
        return deletedWithTarget;
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

    public Entity target() {
        return target == null ? null : target.get();
    }

    public LinkTable link() {
        return link;
    }

    public List<ValueRule> rules() {
        return Collections.unmodifiableList(rules);
    }

    /** The foreign key constraint behind a relation, named by convention {@code <table>_<field>_fk}. */
    public String foreignKeyName(Entity owner) {
        return (type == FieldType.TO_MANY ? link.table() : owner.table()) + "_" + name + "_fk";
    }

    @Override
    public String toString() {
        return name;
    }
}
