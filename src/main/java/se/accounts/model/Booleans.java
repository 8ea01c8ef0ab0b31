package se.accounts.model;

import java.util.Optional;

/** The boolean spellings the list language accepts. */
public final class Booleans {
    public static final String EXPECTED = "Must be a boolean: true, false, True, False, 1 or 0";

    private Booleans() {
    }

    public static Optional<Boolean> parse(String text) {
        return switch (text) {
            case "true", "True", "1" -> Optional.of(true);
            case "false", "False", "0" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
