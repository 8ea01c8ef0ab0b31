package se.accounts.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How an entity's objects are anonymized, declared once: setting the boolean {@code flag} to true clears the
 * personal fields, sets some others to fixed values and gives the object a name, all in the same transaction; from
 * then on only {@code stillWritable} fields may change and the flag can never be unset. Objects cannot be created
 * anonymized, and entity rules (such as "at least one name") do not apply to anonymized objects. Immutable: each
 * modifier answers a new declaration.
 */
public final class Anonymization {
    private final String flag;
    private final List<String> cleared;
    private final Map<String, Object> fixed;
    private final String nameField;
    private final String namePrefix;
    private final Set<String> stillWritable;

    private Anonymization(String flag, List<String> cleared, Map<String, Object> fixed, String nameField,
                          String namePrefix, Set<String> stillWritable) {
        this.flag = flag;
        this.cleared = List.copyOf(cleared);
        this.fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        this.nameField = nameField;
        this.namePrefix = namePrefix;
        this.stillWritable = Set.copyOf(stillWritable);
    }

    public static Anonymization flag(String booleanField) {
        return new Anonymization(booleanField, List.of(), Map.of(), null, null, Set.of());
    }

    /** Set to null when anonymizing. */
    public Anonymization clears(String... fields) {
        return new Anonymization(flag, List.of(fields), fixed, nameField, namePrefix, stillWritable);
    }

    /** Set to {@code value} when anonymizing. */
    public Anonymization sets(String field, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(fixed);
        more.put(field, value);
        return new Anonymization(flag, cleared, more, nameField, namePrefix, stillWritable);
    }

    /** If {@code field} is empty when anonymizing, it becomes {@code prefix} plus a short id suffix. */
    public Anonymization names(String field, String prefix) {
        return new Anonymization(flag, cleared, fixed, field, prefix, stillWritable);
    }

    /** The fields an anonymized object still accepts changes to. */
    public Anonymization stillWritable(String... fields) {
        return new Anonymization(flag, cleared, fixed, nameField, namePrefix, Set.of(fields));
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
        List<String> names = new ArrayList<>(cleared);
        names.add(flag);
        names.addAll(fixed.keySet());
        if (nameField != null) {
            names.add(nameField);
        }
        names.addAll(stillWritable);
        return names;
    }
}
