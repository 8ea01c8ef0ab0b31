package se.accounts.model;

/**
 * Behaviour of one entity in the generic write pipeline, declared with the entity ({@code Entity.Builder.hook})
 * and run inside the write's transaction, so what a hook writes commits or rolls back with the object. For a
 * bulk write each item runs its hooks inside the item's savepoint. Order per object: read and validate the body,
 * store, {@link #afterWrite}; for DELETE: lock and check, {@link #beforeDelete}, delete.
 */
public interface WriteHook {
    /** After the row is stored (the id is known, {@code change.after()} holds the values written). */
    default void afterWrite(Change change) {
    }

    /**
     * After the object was locked and found deletable, right before its row is deleted, while the rows the
     * foreign keys' cascades will change or delete can still be read ({@code change.before()} holds its values).
     * Not run for an entity with its own {@link Deletion}, which does not delete a row.
     */
    default void beforeDelete(Change change) {
    }
}
