package se.accounts.entities.rules;

/** The Luhn (mod 10) checksum that Swedish personal identity and organisation numbers end with. */
final class Luhn {
    private Luhn() {
    }

    /** Whether the digits, the last of which is the check digit, have a valid checksum. */
    static boolean isValid(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
