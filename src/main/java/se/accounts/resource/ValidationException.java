package se.accounts.resource;

import java.util.List;
import java.util.Map;

/** A write refused for its content: messages per field name (or {@value #NON_FIELD}). */
public final class ValidationException extends RuntimeException {
    public static final String NON_FIELD = "non_field_errors";

    private final Map<String, List<String>> errors;

    public ValidationException(Map<String, List<String>> errors) {
        super(errors.toString(), null, false, false);
        this.errors = errors;
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(Map.of(field, List.of(message)));
    }

    public Map<String, List<String>> errors() {
        return errors;
    }
}
