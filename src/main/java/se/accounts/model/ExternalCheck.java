package se.accounts.model;

import java.util.Optional;
import java.util.function.Function;

/**
 * A check of a field's value against something outside the database that may take a while (a DNS lookup, say).
 * The write pipeline runs it before its transaction starts, so no pooled connection or row lock waits on it, and
 * only on values a request writes. Declared on the field as a factory of the {@link ServiceSettings}, since what
 * it accepts may be configured ({@code Attribute.Builder.checkedExternally}).
 */
@FunctionalInterface
public interface ExternalCheck {
    /** The message when {@code value} (a valid, non-null value of the field) is refused, else empty. */
    Optional<String> check(Object value);

    /** How a declaration builds its check from the configuration at start. */
    @FunctionalInterface
    interface Factory extends Function<ServiceSettings, ExternalCheck> {
    }
}
