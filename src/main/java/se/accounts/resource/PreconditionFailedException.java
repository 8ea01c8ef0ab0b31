package se.accounts.resource;

/** The object changed since the version the client's If-Match names. */
public final class PreconditionFailedException extends RuntimeException {
    private final String currentEtag;

    public PreconditionFailedException(String currentEtag) {
        super("precondition failed", null, false, false);
        this.currentEtag = currentEtag;
    }

    public String currentEtag() {
        return currentEtag;
    }
}
