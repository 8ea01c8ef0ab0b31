package se.accounts.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The lookups of the list language, Django's names; {@link #EXACT} is written without a suffix. */
public enum Operator {
    EXACT, CONTAINS, ICONTAINS, STARTSWITH, ISTARTSWITH, ENDSWITH, IENDSWITH, IEXACT, GT, GTE, LT, LTE, IN, ISNULL;

    static final Set<Operator> TEXT = Collections.unmodifiableSet(EnumSet.of(EXACT, CONTAINS, ICONTAINS, STARTSWITH, ISTARTSWITH,
            ENDSWITH, IENDSWITH, IEXACT, IN, ISNULL));
    static final Set<Operator> RANGE = Collections.unmodifiableSet(EnumSet.of(EXACT, GT, GTE, LT, LTE, IN,
            ISNULL));
    static final Set<Operator> IDENTITY = Collections.unmodifiableSet(EnumSet.of(EXACT, IN, ISNULL));

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

    public boolean isComparison() {
        return this == GT || this == GTE || this == LT || this == LTE;
    }
}
