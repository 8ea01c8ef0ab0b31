package se.accounts.query;

import java.util.List;
import java.util.Map;
import se.accounts.model.Errors;

/** A list request that cannot be answered; maps each offending parameter to what would be accepted, in the order
 * the problems were found. */
public final class InvalidQueryException extends RuntimeException {
    private final Map<String, List<String>> errors;

    public InvalidQueryException(Errors errors) {
        super(errors.toString(), null, false, false);
        this.errors = errors.asMap();
    }

    public Map<String, List<String>> errors() {
        return errors;
    }
}
