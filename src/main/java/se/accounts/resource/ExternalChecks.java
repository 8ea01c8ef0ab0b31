package se.accounts.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import se.accounts.model.Attribute;
import se.accounts.model.Entity;
import se.accounts.model.ExternalCheck;
import se.accounts.model.Parsed;
import se.accounts.model.ServiceSettings;

/**
 * The external checks of one entity's fields, built from the settings at start. They run over a body before its
 * transaction, on each value that reads as valid (a value that does not gets its message from {@link BodyReader}),
 * each distinct value once.
 */
final class ExternalChecks {
    private final Map<Attribute, ExternalCheck> checks = new LinkedHashMap<>();

    ExternalChecks(Entity entity, ServiceSettings settings) {
        entity.attributes().forEach(attribute -> attribute.externalCheck()
                .ifPresent(factory -> checks.put(attribute, factory.apply(settings))));
    }

    boolean any() {
        return !checks.isEmpty();
    }

    /** The verdicts on the fields of {@code objects}, the objects of {@code body} that will be written. */
    WriteBody run(JsonNode body, Iterable<JsonNode> objects) {
        Map<Attribute, Map<Object, Optional<String>>> verdicts = new HashMap<>();
        checks.forEach((attribute, check) -> {
            Map<Object, Optional<String>> byValue = new HashMap<>();
            for (JsonNode object : objects) {
                JsonNode node = object.isObject() ? object.get(attribute.name()) : null;
                Parsed parsed = node == null || node.isNull() ? null : attribute.type().read(attribute, node);
                if (parsed != null && !parsed.failed() && parsed.value() != null) {
                    byValue.computeIfAbsent(parsed.value(), check::check);
                }
            }
            verdicts.put(attribute, byValue);
        });
        return new WriteBody(body, verdicts);
    }
}
