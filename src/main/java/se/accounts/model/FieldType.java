package se.accounts.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Set;
import org.jooq.DataType;

/**
 * A kind of value a field holds, with everything that depends on it in one class per type: reading it from a
 * request body, parsing it from a filter value, its SQL type, writing it as JSON, describing it in OpenAPI, and
 * the filter operators it offers. A new type is one subclass; forgetting one of its jobs does not compile. What is
 * only data (operators, SQL type, column types) a type gives to the constructor; its behaviour it implements.
 */
public abstract class FieldType {
    public static final FieldType STRING = new TextType();
    public static final FieldType INTEGER = new IntegerType("INTEGER", IntegerType.Width.INT32);
    /** A 64-bit integer, PostgreSQL's {@code bigint} (event sequences). */
    public static final FieldType BIGINT = new IntegerType("BIGINT", IntegerType.Width.INT64);
    /** An integer restricted to a declared set of values. */
    public static final FieldType INTEGER_ENUM = new IntegerEnumType();
    public static final FieldType BOOLEAN = new BooleanType();
    public static final FieldType DATE = new DateType();
    public static final FieldType DATETIME = new DateTimeType();
    public static final FieldType UUID = new UuidType();
    /** A relation to one object, written and read as {@code {"id": "<uuid>"}}. */
    public static final FieldType TO_ONE = new ToOneType();
    /** A relation to many objects through a link table, written and read as an array of {@code {"id"}}. */
    public static final FieldType TO_MANY = new ToManyType();
    /** An opaque JSON array of objects, stored as jsonb and returned as given. */
    public static final FieldType JSON_ARRAY = new JsonArrayType();
    /** A JSON array of short non-empty strings, stored as jsonb (a webhook's event patterns). */
    public static final FieldType STRING_ARRAY = new StringArrayType();
    /** An opaque JSON object, stored as jsonb and returned as given (an event's context). */
    public static final FieldType JSON_OBJECT = new JsonObjectType();
    /** A field the public reference has but this version always answers with null. */
    public static final FieldType ALWAYS_NULL = new AlwaysNullType();

    /** The name of the shared OpenAPI schema of a relation, {@code {"id": "<uuid>"}}. */
    public static final String RELATION_SCHEMA = "Relation";
    /** The name of the shared OpenAPI schema of an array of relations. */
    public static final String RELATIONS_SCHEMA = "Relations";

    private final String name;
    private final Set<Operator> operators;
    private final DataType<?> sqlType;
    private final Set<String> columnTypes;

    /**
     * {@code operators}: what a filter on the field may use (empty: not filterable); {@code sqlType}: what the value
     * is bound and read as; {@code columnTypes}: the column types ({@code information_schema.columns.data_type})
     * that can hold it, none for a type without a column of its own.
     */
    FieldType(String name, Set<Operator> operators, DataType<?> sqlType, String... columnTypes) {
        this.name = name;
        this.operators = operators;
        this.sqlType = sqlType;
        this.columnTypes = Set.of(columnTypes);
    }

    /** The value of a non-null JSON node of a request body, or why it is refused. */
    public abstract Parsed read(Attribute attribute, JsonNode node);

    /** A filter value (or one item of an {@code in} list) as this type, or why it is refused. */
    public abstract Parsed parse(Attribute attribute, Operator operator, String text);

    /** The operators a filter on a field of this type may use (empty: not filterable). */
    public final Set<Operator> operators() {
        return operators;
    }

    /** The SQL type the value is bound and read as. */
    public final DataType<?> sqlType() {
        return sqlType;
    }

    /** The column types ({@code information_schema.columns.data_type}) that can hold the field; empty for a type
     * without a column of its own. */
    public Set<String> columnTypes(Attribute attribute) {
        return columnTypes;
    }

    /** Writes a non-null value as read from the database. */
    public abstract void write(JsonGenerator json, Object value) throws IOException;

    /**
     * Column {@code column} of the current row as a value {@link #write} takes, or null: lists and exports read
     * every row this way, without a record, and {@link #write} then writes the same bytes as for the value jOOQ
     * would read. A type may return its own form of the value (the column's bytes, its text) that only its
     * {@link #write} needs to understand.
     */
    public Object readColumn(ResultSet row, int column) throws SQLException {
        return row.getObject(column, sqlType.getType());
    }

    /** The JSON Schema of a value, without null (OpenAPI). */
    public abstract ObjectNode schema(Attribute attribute);

    /** A valid sample value of the field for the API reference (null where null is the natural sample). */
    public abstract Object example(Attribute attribute);

    /** Stored in a column of the entity's own table: it names the column types that can hold it. */
    public final boolean hasColumn() {
        return !columnTypes.isEmpty();
    }

    /** Whether the value of {@code operator} is a list (so an empty value is an empty list, not "no filter"). */
    public boolean takesList(Operator operator) {
        return operator == Operator.IN;
    }

    /** Whether a stored value (as read from the database) and a written one (as read from a body) mean the same;
     * both are non-null. */
    public boolean same(Object stored, Object written) {
        return Objects.equals(stored, written);
    }

    /** What the type means in words, for the API reference; empty when the schema says it all. */
    public String describe(Attribute attribute) {
        return "";
    }

    /** The JSON Schema of one filter value: the type without its write-time constraints (a filter may name a
     * fragment). */
    public ObjectNode filterSchema(Attribute attribute) {
        ObjectNode schema = schema(attribute);
        schema.remove("pattern");
        schema.remove("minLength");
        schema.remove("maxLength");
        return schema;
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    @Override
    public String toString() {
        return name;
    }
}
