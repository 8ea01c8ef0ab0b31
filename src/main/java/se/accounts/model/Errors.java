package se.accounts.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Messages per field or parameter, in the order they were found, so one answer names every problem and the same
 * request always gets the same body. The one collector of query, body and invitation errors.
 */
public final class Errors {
    /** The key of messages about an object as a whole rather than one of its fields. */
    public static final String NON_FIELD = "non_field_errors";

    private final Map<String, List<String>> messages = new LinkedHashMap<>();

    public static Errors of(String key, String message) {
        Errors errors = new Errors();
        errors.add(key, message);
        return errors;
    }

    public void add(String key, String message) {
        messages.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }

    public void addAll(Errors more) {
        more.messages.forEach((key, list) -> list.forEach(message -> add(key, message)));
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    public boolean has(String key) {
        return messages.containsKey(key);
    }

    /** The messages by key in the order found, frozen. */
    public Map<String, List<String>> asMap() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        messages.forEach((key, list) -> copy.put(key, List.copyOf(list)));
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public String toString() {
        return messages.toString();
    }
}
