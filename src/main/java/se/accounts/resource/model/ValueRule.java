package se.accounts.resource.model;

import java.util.Optional;

/** A check on one field's value beyond its type and length; answers the message when the value is wrong. */
@FunctionalInterface
public interface ValueRule {
    Optional<String> check(Object value, RowView row);
}
