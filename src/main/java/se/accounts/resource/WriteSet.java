package se.accounts.resource;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import se.accounts.model.Attribute;

/** The writable fields a request sets, converted to their Java types; absent fields are not in it. */
final class WriteSet {
    private final Map<Attribute, Object> values = new LinkedHashMap<>();

    void put(Attribute attribute, Object value) {
        values.put(attribute, value);
    }

    boolean has(Attribute attribute) {
        return values.containsKey(attribute);
    }

    Object get(Attribute attribute) {
        return values.get(attribute);
    }

    Map<Attribute, Object> values() {
        return Collections.unmodifiableMap(values);
    }
}
