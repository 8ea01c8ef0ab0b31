package se.accounts.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import se.accounts.model.Attribute;

/**
 * A write's JSON body (one object, or the list of a bulk write) with the verdicts of its fields' external checks
 * ({@link se.accounts.model.ExternalCheck}), taken by {@link EntityService#prepare} before the write's transaction.
 */
public final class WriteBody {
    private final JsonNode json;
    private final Map<Attribute, Map<Object, Optional<String>>> verdicts;

    WriteBody(JsonNode json, Map<Attribute, Map<Object, Optional<String>>> verdicts) {
        this.json = json;
        this.verdicts = verdicts;
    }

    JsonNode json() {
        return json;
    }

    /** What the field's external check said about {@code value}, empty for a field without one. */
    Optional<String> problem(Attribute attribute, Object value) {
        Map<Object, Optional<String>> byValue = verdicts.get(attribute);
        if (byValue == null) {
            return Optional.empty();
        }
        Optional<String> verdict = byValue.get(value);
        if (verdict == null) {
            throw new IllegalStateException(attribute.name() + ": a value read from the body was not checked"
                    + " when the body was prepared");
        }
        return verdict;
    }
}
