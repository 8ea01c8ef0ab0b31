package se.accounts.resource;

/** No such object for this customer (whether it exists for another is never told). */
public final class NotFoundException extends RuntimeException {
    public NotFoundException() {
        super("not found", null, false, false);
    }
}
