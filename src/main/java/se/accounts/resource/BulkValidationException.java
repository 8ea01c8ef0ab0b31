package se.accounts.resource;

import java.util.List;
import java.util.Map;
import se.accounts.model.Errors;

/** A bulk write refused: one error object per item in input order, empty for the items without errors. */
public final class BulkValidationException extends RuntimeException {
    private final List<Map<String, List<String>>> itemErrors;

    public BulkValidationException(List<Errors> itemErrors) {
        super("bulk write refused", null, false, false);
        this.itemErrors = itemErrors.stream().map(Errors::asMap).toList();
    }

    public List<Map<String, List<String>>> itemErrors() {
        return itemErrors;
    }
}
