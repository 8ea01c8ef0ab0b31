package se.accounts.model;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/**
 * Dates and date-times as the API reads and writes them: dates {@code YYYY-MM-DD}; date-times ISO 8601, read with
 * any offset (none means UTC), written in UTC with a {@code Z} and at most microseconds, PostgreSQL's precision.
 * Years are limited to 1..9999 so every accepted value fits the database's types.
 */
public final class Temporal {
    private static final long SECONDS_PER_DAY = 86_400;
    /**
     * What the reference (Django's {@code parse_datetime}) reads too: a space instead of the {@code T} (RFC 3339
     * allows it) and the offset as {@code Z}, {@code +02}, {@code +0200} or {@code +02:00} (ISO 8601's basic and
     * extended forms; {@code "+HH"} in lenient mode takes all three).
     */
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().parseLenient().appendOffset("+HH", "Z").parseStrict().optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(IsoChronology.INSTANCE);

    private Temporal() {
    }

    public static Optional<OffsetDateTime> parseDateTime(String text) {
        boolean spaceSeparated = text.length() > 10 && text.charAt(10) == ' ';
        String iso = spaceSeparated ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        OffsetDateTime parsed;
        try {
            TemporalAccessor read = DATE_TIME.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
            parsed = read instanceof OffsetDateTime withOffset ? withOffset
                    : ((LocalDateTime) read).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException notADateTime) {
            return Optional.empty();
        }
        if (!inRange(parsed.getYear())) {
            return Optional.empty(); // before the shift to UTC, which overflows at the ends of Java's year range
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

    /**
     * The value as {@link DateTimeFormatter#ISO_INSTANT} writes it truncated to microseconds (the fraction in groups
     * of three digits, none when zero), written by hand for years 1..9999: the formatter was the largest item left
     * in a JSON Lines export of 100,000 users (7% of the JFR samples of the request thread).
     */
    public static String format(OffsetDateTime value) {
        long seconds = value.toEpochSecond();
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        if (!inRange(date.getYear())) {
            return DateTimeFormatter.ISO_INSTANT.format(value.toInstant().truncatedTo(ChronoUnit.MICROS));
        }
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        int micros = value.getNano() / 1000;
        char[] text = new char["yyyy-MM-ddTHH:mm:ss.SSSSSSZ".length()];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        int end = 19;
        if (micros != 0) {
            text[end++] = '.';
            boolean millis = micros % 1000 == 0;
            end = digits(text, end, millis ? micros / 1000 : micros, millis ? 3 : 6);
        }
        text[end++] = 'Z';
        return new String(text, 0, end);
    }

    /** Writes {@code value} zero-padded to {@code width} digits at {@code at}; returns the position after them. */
    private static int digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    private static boolean inRange(int year) {
        return year >= 1 && year <= 9999;
    }
}
