package se.accounts.model;

import java.util.Map;


/**
 * A rule over several fields of one object (the at-least-one-name rule, say). It reports errors per field name,
 * or under {@code non_field_errors}.
 */
public interface EntityRule {
    Errors check(RowView row, boolean creating);

    /** The rule in words per field it concerns, for the API reference. */
    Map<String, String> descriptions();
}
