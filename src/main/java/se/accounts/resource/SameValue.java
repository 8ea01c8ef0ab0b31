package se.accounts.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.jooq.JSONB;
import se.accounts.resource.model.Attribute;

/**
 * Whether a value from a request equals the stored one, by meaning rather than representation: the same instant in
 * another offset, the same related ids in another order, the same JSON with other key order.
 */
final class SameValue {
    private SameValue() {
    }

    static boolean same(Attribute attribute, Object stored, Object written) {
        if (stored == null || written == null) {
            return stored == null && written == null || isEmptyRelation(stored) && isEmptyRelation(written);
        }
        return switch (attribute.type()) {
            case DATETIME -> ((OffsetDateTime) stored).toInstant().equals(((OffsetDateTime) written).toInstant());
            case TO_MANY -> new HashSet<>(Arrays.asList((Object[]) stored))
                    .equals(new HashSet<>((List<?>) written));
            case JSON_ARRAY, JSON_OBJECT -> parsed(stored).equals(parsed(written));
            default -> Objects.equals(stored, written);
        };
    }

    private static boolean isEmptyRelation(Object value) {
        return value == null || value instanceof Object[] array && array.length == 0
                || value instanceof List<?> list && list.isEmpty();
    }

    private static JsonNode parsed(Object jsonb) {
        return Json.parse(((JSONB) jsonb).data().getBytes(StandardCharsets.UTF_8));
    }
}
