package se.accounts.resource.model;

/** The kinds of value a field holds; each decides the JSON shape, the SQL type and the filter operators. */
public enum FieldType {
    STRING,
    INTEGER,
    /** An integer restricted to a declared set of values. */
    INTEGER_ENUM,
    BOOLEAN,
    DATE,
    DATETIME,
    UUID,
    /** A relation to one object, written and read as {@code {"id": "<uuid>"}}. */
    TO_ONE,
    /** A relation to many objects through a link table, written and read as an array of {@code {"id"}}. */
    TO_MANY,
    /** An opaque JSON array of objects, stored as jsonb and returned as given. */
    JSON_ARRAY,
    /** An opaque JSON object, stored as jsonb and returned as given. */
    JSON_OBJECT,
    /** A field the public reference has but this version always answers with null. */
    ALWAYS_NULL;

    /** Scalar fields are stored in a column of the entity's own table. */
    public boolean hasColumn() {
        return this != TO_MANY && this != ALWAYS_NULL;
    }
}
