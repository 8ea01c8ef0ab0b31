package se.accounts.events;

import java.util.Optional;
import java.util.UUID;

/**
 * The integration (activation) whose request is running on this thread, for the events' triggered_by_integration.
 * Bound by the HTTP layer once the request is authenticated and cleared when it ends: who asked is a property of
 * the request, not of the entity operation, and every write path would otherwise have to pass it down only to
 * hand it to the event log.
 */
public final class Initiator {
    private static final ThreadLocal<UUID> INTEGRATION = new ThreadLocal<>();

    private Initiator() {
    }

    /** Binds the request's integration, or none (a request without one, such as accepting an invitation). */
    public static void bind(Optional<UUID> activationId) {
        activationId.ifPresentOrElse(INTEGRATION::set, INTEGRATION::remove);
    }

    public static void clear() {
        INTEGRATION.remove();
    }

    static Optional<UUID> current() {
        return Optional.ofNullable(INTEGRATION.get());
    }
}
