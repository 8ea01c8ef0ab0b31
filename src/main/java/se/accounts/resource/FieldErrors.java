package se.accounts.resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Messages per field, collected so one answer names every problem of an object. */
final class FieldErrors {
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    void add(String field, String message) {
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    }

    void addAll(Map<String, List<String>> more) {
        more.forEach((field, messages) -> messages.forEach(message -> add(field, message)));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    boolean has(String field) {
        return errors.containsKey(field);
    }

    Map<String, List<String>> asMap() {
        return errors;
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
