package se.accounts.model;

import java.util.Optional;

/**
 * A check on one field's value beyond its type and length. It sees the whole object as it will be after the write,
 * so a rule may depend on other fields (the coordination-number flag of a personal identity number, say).
 */
public interface ValueRule {
    /** The message when {@code value} (never null) is wrong, else empty. */
    Optional<String> check(Object value, RowView row);

    /** The rule in words, for the API reference. */
    String description();
}
