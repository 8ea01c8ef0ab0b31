package se.accounts.db;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.Optional;
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

    /**
     * Parses a UUID in its canonical form (36 characters, dashes at 8-4-4-4-12, either case) only: Java's parser also
     * takes forms like {@code 1-1-1-1-1}, which would name an object under a second spelling.
     */
    public static Optional<UUID> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID id = UUID.fromString(text);
            return id.toString().equalsIgnoreCase(text) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
