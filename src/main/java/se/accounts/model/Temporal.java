package se.accounts.model;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Dates and date-times as the API reads and writes them: dates {@code YYYY-MM-DD}; date-times ISO 8601, read with
 * any offset (none means UTC), written in UTC with a {@code Z} and at most microseconds, PostgreSQL's precision.
 * Years are limited to 1..9999 so every accepted value fits the database's types.
 */
public final class Temporal {
    private Temporal() {
    }

    public static Optional<OffsetDateTime> parseDateTime(String text) {
        OffsetDateTime parsed;
        try {
            parsed = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException withoutOffset) {
            try {
                parsed = LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException notADateTime) {
                return Optional.empty();
            }
        }
        OffsetDateTime utc = parsed.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        return inRange(utc.getYear()) ? Optional.of(utc) : Optional.empty();
    }

    public static Optional<LocalDate> parseDate(String text) {
        try {
            LocalDate date = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            return inRange(date.getYear()) ? Optional.of(date) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static String format(OffsetDateTime value) {
        return DateTimeFormatter.ISO_INSTANT.format(value.toInstant().truncatedTo(ChronoUnit.MICROS));
    }

    private static boolean inRange(int year) {
        return year >= 1 && year <= 9999;
    }
}
