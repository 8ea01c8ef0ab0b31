package se.accounts.resource;

import java.util.List;
import java.util.Map;
import se.accounts.model.Errors;

/** A write refused for its content: messages per field name (or {@value #NON_FIELD}). */
public final class ValidationException extends RuntimeException {
    public static final String NON_FIELD = Errors.NON_FIELD;

    private final Map<String, List<String>> errors;

    public ValidationException(Errors errors) {
        super(errors.toString(), null, false, false);
        this.errors = errors.asMap();
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(Errors.of(field, message));
    }

    public Map<String, List<String>> errors() {
        return errors;
    }
}
