package se.accounts.resource;

import java.util.List;
import se.accounts.resource.model.RowView;

/** The names of the fields a write really changes (for the event log): written values that differ from stored. */
final class ChangedFields {
    private ChangedFields() {
    }

    static List<String> between(WriteSet writes, RowView stored) {
        return writes.values().entrySet().stream()
                .filter(write -> !SameValue.same(write.getKey(), stored.get(write.getKey().name()), write.getValue()))
                .map(write -> write.getKey().name())
                .toList();
    }
}
