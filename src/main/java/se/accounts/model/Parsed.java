package se.accounts.model;

/** A value read from a body or a filter, or the message saying why it was refused. */
public record Parsed(Object value, String error) {
    public static Parsed ok(Object value) {
        return new Parsed(value, null);
    }

    public static Parsed error(String message) {
        return new Parsed(null, message);
    }

    public boolean failed() {
        return error != null;
    }
}
