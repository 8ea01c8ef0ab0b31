package se.accounts.resource;

import java.util.UUID;
import se.accounts.resource.model.RowView;

/**
 * One object as a create, update or bulk-write item changes it: what was stored before ({@code null} when it is
 * created) and what it is after the write, and whether this write anonymizes it. Handed to the listeners of
 * {@link EntityService#onWritten} inside the writing transaction.
 */
public record ObjectChange(UUID id, RowView before, RowView after, boolean anonymizing) {
    public boolean created() {
        return before == null;
    }
}
