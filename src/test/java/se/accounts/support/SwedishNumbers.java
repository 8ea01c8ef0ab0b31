package se.accounts.support;

import java.time.LocalDate;

/** Valid Swedish personal identity and organisation numbers for tests, with their Luhn check digits. */
public final class SwedishNumbers {
    private SwedishNumbers() {
    }

    /** {@code YYYYMMDD-NNNN} (or without the dash), the day plus 60 for a coordination number. */
    public static String personalNumber(LocalDate birth, int serial, boolean coordination, boolean dash) {
        int day = birth.getDayOfMonth() + (coordination ? 60 : 0);
        String nine = String.format("%02d%02d%02d%03d", birth.getYear() % 100, birth.getMonthValue(), day, serial);
        String lastTen = nine + checkDigit(nine);
        return birth.getYear() / 100 + lastTen.substring(0, 6) + (dash ? "-" : "") + lastTen.substring(6);
    }

    /** {@code NNNNNN-NNNN} (or without the dash) from nine digits. */
    public static String organizationNumber(String nineDigits, boolean dash) {
        String ten = nineDigits + checkDigit(nineDigits);
        return dash ? ten.substring(0, 6) + "-" + ten.substring(6) : ten;
    }

    /** The digit that makes the Luhn sum of {@code digits} plus it a multiple of ten. */
    public static int checkDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(i) - '0';
            if (i % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return (10 - sum % 10) % 10;
    }
}
