package se.accounts.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The syntax of an email address as Django's EmailValidator (which the public reference uses) accepts it: a dot-atom
 * local part of at most 64 characters, then a domain of dot-separated labels ending in a top-level domain of two or
 * more characters, or an address literal in brackets. International domain names are accepted in Unicode.
 */
public final class EmailAddress implements ValueRule {
    public static final EmailAddress RULE = new EmailAddress();
    private static final String MESSAGE = "Enter a valid email address.";
    private static final Pattern LOCAL_PART = Pattern.compile(
            "[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+(\\.[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+)*");
    private static final Pattern DOMAIN = Pattern.compile(
            "((?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+)[\\p{L}\\p{N}-]{2,63}(?<!-)");
    private static final Pattern ADDRESS_LITERAL = Pattern.compile(
            "\\[(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)]");

    private EmailAddress() {
    }

    @Override
    public Optional<String> check(Object value, RowView row) {
        String address = (String) value;
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return Optional.of(MESSAGE);
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        boolean valid = local.length() <= 64 && LOCAL_PART.matcher(local).matches()
                && (DOMAIN.matcher(domain).matches() || ADDRESS_LITERAL.matcher(domain).matches());
        return valid ? Optional.empty() : Optional.of(MESSAGE);
    }

    @Override
    public String description() {
        return "A valid email address (local@domain.tld).";
    }
}
