package se.accounts.resource;

import java.util.List;
import se.accounts.model.Attribute;

/**
 * Whether a value from a request equals the stored one, by meaning rather than representation (each type says
 * what that is: the same instant in another offset, the same related ids in another order, the same JSON with
 * other key order); an empty relation is the same as none.
 */
public final class SameValue {
    private SameValue() {
    }

    public static boolean same(Attribute attribute, Object stored, Object written) {
        if (stored == null || written == null) {
            return stored == null && written == null || isEmptyRelation(stored) && isEmptyRelation(written);
        }
        return attribute.type().same(stored, written);
    }

    private static boolean isEmptyRelation(Object value) {
        return value == null || value instanceof Object[] array && array.length == 0
                || value instanceof List<?> list && list.isEmpty();
    }
}
