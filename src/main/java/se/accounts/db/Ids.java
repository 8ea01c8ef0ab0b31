package se.accounts.db;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.UUID;

/**
 * Time-ordered UUIDv7 ids. The generator is monotonic within a millisecond, so rows created in one request get
 * increasing ids in input order and the default order (-created_at, id) keeps a batch in that order.
 */
public final class Ids {
    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private Ids() {
    }

    public static UUID next() {
        return GENERATOR.generate();
    }

    /** Parses a UUID in its canonical 36-character form only; anything else is empty. */
    public static java.util.Optional<UUID> parse(String text) {
        if (text == null || text.length() != 36) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
