package se.accounts.db;

/** The database cannot be reached right now; callers answer 503 and try again later. */
public final class DatabaseUnavailableException extends RuntimeException {
    public DatabaseUnavailableException(Throwable cause) {
        super("The database is unavailable", cause);
    }
}
