package se.accounts.json;

import java.math.BigDecimal;

/**
 * The JSON numbers PostgreSQL can store: {@code jsonb} keeps a number as {@code numeric}, which holds at most
 * {@value #MAX_INTEGER_DIGITS} digits before the decimal point and {@value #MAX_FRACTION_DIGITS} after it (an
 * exponent counts: {@code 1e999999999} has a billion digits before the point). The field type that stores JSON
 * checks its numbers against this, so a number out of range is a {@code 400} under its field, not a database error.
 */
public final class JsonNumberLimits {
    public static final int MAX_INTEGER_DIGITS = 131_072;
    public static final int MAX_FRACTION_DIGITS = 16_383;
    /**
     * The longest number literal read at all: the longest that can be stored, with room for a sign, point and
     * exponent. Longer ones are refused while parsing (Jackson's default limit, 1000, would refuse storable ones)
     * and, since big numbers cost time to parse, none longer is ever converted.
     */
    public static final int MAX_LITERAL_LENGTH = MAX_INTEGER_DIGITS + MAX_FRACTION_DIGITS + 16;
    private static final String LIMITS = "a number can have at most " + MAX_INTEGER_DIGITS + " digits before the"
            + " decimal point and " + MAX_FRACTION_DIGITS + " after it";

    private JsonNumberLimits() {
    }

    public static boolean storable(BigDecimal number) {
        long fractionDigits = Math.max(number.scale(), 0);
        long integerDigits = (long) number.precision() - number.scale();
        return fractionDigits <= MAX_FRACTION_DIGITS && integerDigits <= MAX_INTEGER_DIGITS;
    }

    /** The message for a number out of range, at {@code path} inside its field ({@code [0].a}; empty: the field). */
    public static String cannotBeStored(String path) {
        return numberAt(path) + " cannot be stored: " + LIMITS + ".";
    }

    /** The message for a number literal longer than {@link #MAX_LITERAL_LENGTH}, at {@code path} in its field. */
    static String tooLong(String path) {
        return numberAt(path) + " is longer than " + MAX_LITERAL_LENGTH + " characters: " + LIMITS + ".";
    }

    private static String numberAt(String path) {
        return path.isEmpty() ? "This number" : "The number at " + path;
    }
}
