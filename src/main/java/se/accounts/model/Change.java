package se.accounts.model;

import java.util.Objects;
import java.util.UUID;
import se.accounts.db.TenantSession;

/**
 * One object's write or delete as the {@link WriteHook}s of its entity see it, inside the write's transaction:
 * the values before ({@code null} when creating) and after ({@code null} when deleting), and the errors of this
 * object, which a hook running before the write may add to (refusing it).
 */
public record Change(TenantSession session, Entity entity, UUID id, RowView before, RowView after, Errors errors) {
    public boolean creating() {
        return before == null;
    }

    public boolean deleting() {
        return after == null;
    }

    /** Whether the field holds {@code value} after the write and did not before (e.g. a flag set to true). */
    public boolean becomes(String field, Object value) {
        return after != null && Objects.equals(after.get(field), value)
                && (before == null || !Objects.equals(before.get(field), value));
    }

    /** Whether the field's value differs before and after (a created or deleted object changes every field). */
    public boolean changed(String field) {
        Object old = before == null ? null : before.get(field);
        Object now = after == null ? null : after.get(field);
        return before == null || after == null || !Objects.equals(old, now);
    }
}
