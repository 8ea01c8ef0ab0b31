package se.accounts.entities.rules;

/** A webhook host that must not be connected to; the message says why, for the delivery's last_error. */
public final class RefusedAddressException extends Exception {
    RefusedAddressException(String message) {
        super(message, null, false, false);
    }
}
