package se.accounts.model;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What declared checks depend on beyond the declaration, handed to them at start: objects the service built from
 * its Config (a rule with its settings, say), each found by its class. The declaration asks for the one it needs,
 * so it stays the one place that says how its entity behaves, and the model knows nothing of what that is.
 */
public final class ServiceSettings {
    private final Map<Class<?>, Object> parts;

    private ServiceSettings(Map<Class<?>, Object> parts) {
        this.parts = parts;
    }

    public static ServiceSettings of(Object... parts) {
        return new ServiceSettings(Stream.of(parts).collect(Collectors.toUnmodifiableMap(Object::getClass,
                Function.identity())));
    }

    /** The configured {@code type}; one that is missing is a wiring mistake, found when the services are built. */
    public <T> T require(Class<T> type) {
        Object part = parts.get(type);
        if (part == null) {
            throw new IllegalStateException("A declared check needs a " + type.getName()
                    + ", which the service did not configure");
        }
        return type.cast(part);
    }
}
