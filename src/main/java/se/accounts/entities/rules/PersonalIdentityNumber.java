package se.accounts.entities.rules;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.accounts.model.RowView;
import se.accounts.model.ValueRule;

/**
 * A Swedish personal identity number, {@code YYYYMMDDNNNN} or {@code YYYYMMDD-NNNN}: the date part is a real date,
 * and the last ten digits carry a Luhn checksum. A coordination number (samordningsnummer) adds 60 to the day; the
 * object's {@code coordinationFlag} field says which of the two it must be.
 */
public final class PersonalIdentityNumber implements ValueRule {
    private static final Pattern FORMAT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})-?(\\d{4})");
    private static final int COORDINATION_DAY_OFFSET = 60;

    private final String coordinationFlag;

    public PersonalIdentityNumber(String coordinationFlag) {
        this.coordinationFlag = coordinationFlag;
    }

    @Override
    public Optional<String> check(Object value, RowView row) {
        Matcher parts = FORMAT.matcher((String) value);
        if (!parts.matches()) {
            return Optional.of("Enter a personal identity number as YYYYMMDDNNNN or YYYYMMDD-NNNN.");
        }
        int day = Integer.parseInt(parts.group(3));
        boolean coordination = Boolean.TRUE.equals(row.get(coordinationFlag));
        if (coordination && day <= COORDINATION_DAY_OFFSET) {
            return Optional.of("A coordination number has 60 added to its day (61 to 91), but this day is " + day
                    + "; set " + coordinationFlag + " to false for a personal identity number.");
        }
        if (!coordination && day > COORDINATION_DAY_OFFSET) {
            return Optional.of("The day " + day + " is that of a coordination number; set " + coordinationFlag
                    + " to true, or correct the day (01 to 31).");
        }
        int realDay = coordination ? day - COORDINATION_DAY_OFFSET : day;
        if (!isDate(parts.group(1), parts.group(2), realDay)) {
            return Optional.of("The date part " + parts.group(1) + "-" + parts.group(2) + "-"
                    + String.format("%02d", realDay) + " is not a real date.");
        }
        String lastTen = parts.group(1).substring(2) + parts.group(2) + parts.group(3) + parts.group(4);
        if (!Luhn.isValid(lastTen)) {
            return Optional.of("The check digit is wrong (Luhn checksum over the last ten digits).");
        }
        return Optional.empty();
    }

    private static boolean isDate(String year, String month, int day) {
        try {
            return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), day).getYear() >= 1;
        } catch (DateTimeException notADate) {
            return false;
        }
    }

    @Override
    public String description() {
        return "Swedish personal identity number, YYYYMMDDNNNN or YYYYMMDD-NNNN: a real date and a valid Luhn"
                + " check digit over the last ten digits. When " + coordinationFlag + " is true, a coordination"
                + " number: the day plus 60 (61 to 91).";
    }
}
