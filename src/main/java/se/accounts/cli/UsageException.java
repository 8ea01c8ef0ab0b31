package se.accounts.cli;

/** A command line that cannot be carried out as written; the message says what to change. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
