package se.accounts.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Temporal#format} is written by hand for speed; Java's ISO_INSTANT formatter is its oracle. */
class TemporalTest {
    private static final long SEED = 20261130L;
    private static final long FIRST = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Test
    void dateTimesAreWrittenAsIsoInstantTruncatedToMicrosecondsInUtc() {
        Random random = new Random(SEED);
        for (int i = 0; i < 200_000; i++) {
            long second = FIRST + (long) (random.nextDouble() * (LAST - FIRST));
            int nano = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            OffsetDateTime value = Instant.ofEpochSecond(second, nano)
                    .atOffset(ZoneOffset.ofTotalSeconds((random.nextInt(37) - 18) * 1800));
            if (value.getYear() < 1 || value.getYear() > 9999) {
                continue;
            }

            assertThat(Temporal.format(value)).as(value.toString()).isEqualTo(
                    DateTimeFormatter.ISO_INSTANT.format(value.toInstant().truncatedTo(ChronoUnit.MICROS)));
        }
    }

    @Test
    void theEdgesOfTheRangeAndTheEpochAreWrittenAsIsoInstant() {
        for (String instant : new String[] {"0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z",
                "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.000001Z", "2000-02-29T12:00:00.100Z"}) {
            assertThat(Temporal.format(Instant.parse(instant).atOffset(ZoneOffset.UTC))).isEqualTo(instant);
        }
    }

    @Test
    void dateTimesAreReadWithTheSeparatorsAndOffsetFormsTheReferenceReads() {
        String utc = "2024-01-31T10:15:30Z";
        for (String text : new String[] {"2024-01-31T12:15:30+02:00", "2024-01-31T12:15:30+0200",
                "2024-01-31T12:15:30+02", "2024-01-31 12:15:30+02:00", "2024-01-31 10:15:30Z", "2024-01-31 10:15:30",
                "2024-01-31t10:15:30z", "2024-01-31T05:15:30-05:00", "2024-01-31T05:15:30-0500"}) {
            assertThat(Temporal.parseDateTime(text)).as(text).map(Temporal::format).contains(utc);
        }
    }

    @Test
    void textThatIsNotAnIsoDateTimeIsNotRead() {
        for (String text : new String[] {"2024-01-31", "2024-01-3110:15:30Z", "2024-01-31  10:15:30Z",
                "2024-01-31T 10:15:30Z", "2024-01-31T10:15:30+2", "2024-01-31T10:15:30 +02:00", "2024-02-30T10:00Z",
                "2024-01-31T24:00:00Z", "10000-01-01T00:00:00Z", "+999999999-12-31T23:59:59-18:00",
                "-999999999-01-01T00:00:00+18:00", ""}) {
            assertThat(Temporal.parseDateTime(text)).as(text).isEmpty();
        }
    }
}
