package se.accounts.resource;

import java.util.List;
import java.util.Map;

/** A bulk write refused: one error object per item in input order, empty for the items without errors. */
public final class BulkValidationException extends RuntimeException {
    private final List<Map<String, List<String>>> itemErrors;

    public BulkValidationException(List<Map<String, List<String>>> itemErrors) {
        super("bulk write refused", null, false, false);
        this.itemErrors = itemErrors;
    }

    public List<Map<String, List<String>>> itemErrors() {
        return itemErrors;
    }
}
