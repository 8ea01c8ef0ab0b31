package se.accounts.model;

import java.util.UUID;
import se.accounts.db.TenantSession;

/**
 * What {@code DELETE} does for an entity whose objects are not removed (revoking an invitation, say), declared
 * with the entity ({@code Entity.Builder.deletedBy}). It runs in the caller's transaction, finds and locks the
 * object itself, and answers through {@link Outcome} so that the declaration needs nothing of the layers above.
 */
@FunctionalInterface
public interface Deletion {
    void delete(TenantSession session, UUID id, Outcome outcome);

    /** The answers a deletion can give besides success, supplied by the write pipeline. */
    interface Outcome {
        /** Throws when the client's {@code If-Match} does not allow {@code version}. */
        void checkVersion(long version);

        /** The object does not exist for this customer (404). */
        RuntimeException notFound();

        /** The object cannot be deleted now; {@code message} says why (400 under non_field_errors). */
        RuntimeException refused(String message);
    }
}
