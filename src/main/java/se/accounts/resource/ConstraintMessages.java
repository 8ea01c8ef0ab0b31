package se.accounts.resource;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.exception.DataAccessException;
import se.accounts.db.DatabaseErrors;
import se.accounts.model.Attribute;
import se.accounts.model.Entity;
import se.accounts.model.Errors;

/**
 * What a violated database constraint means to the client: a unique constraint or a foreign key the entity
 * declares becomes a message under its field; anything else stays a server error. The schema check at start
 * holds the declared names and the database's together.
 */
final class ConstraintMessages {
    private ConstraintMessages() {
    }

    /** The field errors of a failed write, or {@code failure} rethrown when no declared constraint explains it. */
    static Errors of(Entity entity, DataAccessException failure, WriteSet writes) {
        Optional<String> constraint = DatabaseErrors.violatedConstraint(failure);
        if (constraint.isPresent() && DatabaseErrors.hasState(failure, DatabaseErrors.UNIQUE_VIOLATION)) {
            for (var unique : entity.uniques()) {
                if (unique.constraintName().equals(constraint.get())) {
                    return Errors.of(unique.field(), capitalized(entity.singular()) + " with this "
                            + unique.field().replace('_', ' ') + " already exists.");
                }
            }
        }
        if (constraint.isPresent() && DatabaseErrors.hasState(failure, DatabaseErrors.FOREIGN_KEY_VIOLATION)) {
            for (Attribute attribute : writes.values().keySet()) {
                if (attribute.target() != null && attribute.foreignKeyName(entity).equals(constraint.get())) {
                    return Errors.of(attribute.name(), "Invalid reference: no " + attribute.target().singular()
                            + " with the given id exists.");
                }
            }
        }
        throw failure;
    }

    static ValidationException stillReferenced(Entity entity, List<String> referencedBy) {
        return ValidationException.of(ValidationException.NON_FIELD, "This " + entity.singular()
                + " is still referenced by " + String.join(", ", referencedBy) + "; change or delete those first.");
    }

    private static String capitalized(String text) {
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
