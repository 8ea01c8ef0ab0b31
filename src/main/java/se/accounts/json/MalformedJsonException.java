package se.accounts.json;

/** A request body that is not JSON. */
public final class MalformedJsonException extends RuntimeException {
    public MalformedJsonException(String reason) {
        super(reason, null, false, false);
    }
}
