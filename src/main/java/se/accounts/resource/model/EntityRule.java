package se.accounts.resource.model;

import java.util.List;
import java.util.Map;

/**
 * A rule over several fields of one object (the at-least-one-name rule, say). It reports errors per field name,
 * or under {@code non_field_errors}.
 */
public interface EntityRule {
    Map<String, List<String>> check(RowView row, boolean creating);

    /** The rule in words per field it concerns, for the API reference. */
    Map<String, String> descriptions();
}
