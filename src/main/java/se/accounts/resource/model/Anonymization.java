package se.accounts.resource.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How an entity's objects are anonymized, declared once: setting the boolean {@code flag} to true clears the
 * personal fields, sets some others to fixed values and gives the object a name, all in the same transaction; from
 * then on only {@code stillWritable} fields may change and the flag can never be unset. Objects cannot be created
 * anonymized, and entity rules (such as "at least one name") do not apply to anonymized objects.
 */
public final class Anonymization {
    private final String flag;
    private List<String> cleared = List.of();
    private final Map<String, Object> fixed = new LinkedHashMap<>();
    private String nameField;
    private String namePrefix;
    private Set<String> stillWritable = Set.of();

    private Anonymization(String flag) {
        this.flag = flag;
    }

    public static Anonymization flag(String booleanField) {
        return new Anonymization(booleanField);
    }

    /** Set to null when anonymizing. */
    public Anonymization clears(String... fields) {
        this.cleared = List.of(fields);
        return this;
    }

    /** Set to {@code value} when anonymizing. */
    public Anonymization sets(String field, Object value) {
        fixed.put(field, value);
        return this;
    }

    /** If {@code field} is empty when anonymizing, it becomes {@code prefix} plus a short id suffix. */
    public Anonymization names(String field, String prefix) {
        this.nameField = field;
        this.namePrefix = prefix;
        return this;
    }

    /** The fields an anonymized object still accepts changes to. */
    public Anonymization stillWritable(String... fields) {
        this.stillWritable = Set.of(fields);
        return this;
    }

    public String flagField() {
        return flag;
    }

    public List<String> clearedFields() {
        return cleared;
    }

    public Map<String, Object> fixedValues() {
        return fixed;
    }

    public String nameField() {
        return nameField;
    }

    public String namePrefix() {
        return namePrefix;
    }

    public Set<String> stillWritableFields() {
        return stillWritable;
    }

    /** Every field the declaration names, for checking it against the entity. */
    List<String> namedFields() {
        List<String> names = new java.util.ArrayList<>(cleared);
        names.add(flag);
        names.addAll(fixed.keySet());
        if (nameField != null) {
            names.add(nameField);
        }
        names.addAll(stillWritable);
        return names;
    }
}
