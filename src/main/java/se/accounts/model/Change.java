package se.accounts.model;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import se.accounts.db.TenantSession;

/**
 * One object's write or delete as the {@link WriteHook}s of its entity see it, inside the write's transaction:
 * the values before ({@code null} when creating) and after ({@code null} when deleting), and the writable fields an
 * update changed, in declaration order (to-many fields compared as sets; empty for a create or a delete). Those are
 * worked out once, when the change is made: the write reads them to skip an update that changes nothing, and the
 * event log to name them (each value compared, JSON parsed: per item of a bulk write).
 */
public record Change(TenantSession session, Entity entity, UUID id, RowView before, RowView after,
                     List<String> changedFields) {
    /** A create ({@code before} null) or an update. */
    public static Change ofWrite(TenantSession session, Entity entity, UUID id, RowView before, RowView after) {
        return new Change(session, entity, id, before, after, before == null ? List.of()
                : changed(entity, before, after));
    }

    public static Change ofDelete(TenantSession session, Entity entity, UUID id, RowView before) {
        return new Change(session, entity, id, before, null, List.of());
    }

    /** Whether the field holds {@code value} after the write and did not before (e.g. a flag set to true). */
    public boolean becomes(String field, Object value) {
        return after != null && Objects.equals(after.get(field), value)
                && (before == null || !Objects.equals(before.get(field), value));
    }

    private static List<String> changed(Entity entity, RowView before, RowView after) {
        return entity.attributes().stream()
                .filter(attribute -> !attribute.isReadOnly())
                .filter(attribute -> {
                    Object old = before.get(attribute.name());
                    Object current = after.get(attribute.name());
                    return old != current && !attribute.same(old, current);
                })
                .map(Attribute::name)
                .toList();
    }

    /** Whether this write anonymizes the object: sets the flag its entity declares for anonymization. */
    public boolean anonymizes() {
        return entity.anonymization().map(declaration -> becomes(declaration.flagField(), true)).orElse(false);
    }
}
