package se.accounts.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * At least one of some fields must be set. When none is, each of them carries an error naming the others, in the
 * public reference's words: "This field, or at least one of the following fields must be set: last_name,
 * corporate_name".
 */
public final class AtLeastOneOf implements EntityRule {
    private final List<String> fields;

    private AtLeastOneOf(List<String> fields) {
        this.fields = List.copyOf(fields);
    }

    public static AtLeastOneOf fields(String... names) {
        return new AtLeastOneOf(List.of(names));
    }

    @Override
    public Errors check(RowView row, boolean creating) {
        Errors errors = new Errors();
        if (fields.stream().allMatch(field -> row.get(field) == null)) {
            descriptions().forEach(errors::add);
        }
        return errors;
    }

    @Override
    public Map<String, String> descriptions() {
        Map<String, String> descriptions = new LinkedHashMap<>();
        for (String field : fields) {
            List<String> others = fields.stream().filter(other -> !other.equals(field)).toList();
            descriptions.put(field, "This field, or at least one of the following fields must be set: "
                    + String.join(", ", others));
        }
        return descriptions;
    }
}
