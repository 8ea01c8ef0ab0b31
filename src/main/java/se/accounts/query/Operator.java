package se.accounts.query;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import se.accounts.resource.model.FieldType;

/** The lookups of the list language, Django's names; {@link #EXACT} is written without a suffix. */
public enum Operator {
    EXACT, CONTAINS, ICONTAINS, STARTSWITH, ISTARTSWITH, ENDSWITH, IENDSWITH, IEXACT, GT, GTE, LT, LTE, IN, ISNULL;

    private static final Set<Operator> TEXT = EnumSet.of(EXACT, CONTAINS, ICONTAINS, STARTSWITH, ISTARTSWITH,
            ENDSWITH, IENDSWITH, IEXACT, IN, ISNULL);
    private static final Set<Operator> RANGE = EnumSet.of(EXACT, GT, GTE, LT, LTE, IN, ISNULL);
    private static final Set<Operator> IDENTITY = EnumSet.of(EXACT, IN, ISNULL);

    /** The suffix after {@code __} in a parameter name. */
    public String suffix() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Operator> fromSuffix(String suffix) {
        for (Operator operator : values()) {
            if (operator != EXACT && operator.suffix().equals(suffix)) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }

    /** The operators a field of this type offers (empty: not filterable). */
    public static Set<Operator> offeredFor(FieldType type) {
        return switch (type) {
            case STRING -> TEXT;
            case INTEGER, INTEGER_ENUM, DATE, DATETIME -> RANGE;
            case BOOLEAN, UUID, TO_ONE -> IDENTITY;
            case TO_MANY -> EnumSet.of(EXACT);
            case JSON_ARRAY, JSON_OBJECT, ALWAYS_NULL -> EnumSet.noneOf(Operator.class);
        };
    }

    /** Operators whose value is a list (so an empty value is an empty list, not "no filter"). */
    public boolean takesList(FieldType type) {
        return this == IN || type == FieldType.TO_MANY;
    }
}
