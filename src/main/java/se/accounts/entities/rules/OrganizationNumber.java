package se.accounts.entities.rules;

import java.util.Optional;
import java.util.regex.Pattern;
import se.accounts.model.RowView;
import se.accounts.model.ValueRule;

/** A Swedish organisation number, {@code NNNNNNNNNN} or {@code NNNNNN-NNNN}, with a Luhn check digit. */
public final class OrganizationNumber implements ValueRule {
    public static final OrganizationNumber RULE = new OrganizationNumber();
    private static final Pattern FORMAT = Pattern.compile("\\d{6}-?\\d{4}");

    private OrganizationNumber() {
    }

    @Override
    public Optional<String> check(Object value, RowView row) {
        String number = (String) value;
        if (!FORMAT.matcher(number).matches()) {
            return Optional.of("Enter an organisation number as NNNNNNNNNN or NNNNNN-NNNN.");
        }
        if (!Luhn.isValid(number.replace("-", ""))) {
            return Optional.of("The check digit is wrong (Luhn checksum over the ten digits).");
        }
        return Optional.empty();
    }

    @Override
    public String description() {
        return "Swedish organisation number, NNNNNNNNNN or NNNNNN-NNNN, with a valid Luhn check digit.";
    }
}
