package se.accounts.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A list request that cannot be answered; maps each offending parameter to what would be accepted. */
public final class InvalidQueryException extends RuntimeException {
    private final Map<String, List<String>> errors;

    public InvalidQueryException(Map<String, List<String>> errors) {
        super(errors.toString(), null, false, false);
        this.errors = Map.copyOf(new LinkedHashMap<>(errors));
    }

    public Map<String, List<String>> errors() {
        return errors;
    }
}
