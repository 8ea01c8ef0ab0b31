package se.accounts.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects every problem of a request so the client learns all of them in one answer. */
final class QueryErrors {
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    void add(String parameter, String message) {
        errors.computeIfAbsent(parameter, p -> new ArrayList<>()).add(message);
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidQueryException(errors);
        }
    }
}
