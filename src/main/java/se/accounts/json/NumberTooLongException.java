package se.accounts.json;

import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A body holds a number literal longer than {@link JsonNumberLimits#MAX_LITERAL_LENGTH}, found while parsing: a
 * validation error under the field it is in ({@link #field}, empty when it is in none), and of its item when the
 * body is a list ({@link #item}), not a parse error, since the JSON itself is well-formed.
 */
public final class NumberTooLongException extends RuntimeException {
    private final OptionalInt item;
    private final Optional<String> field;

    private NumberTooLongException(OptionalInt item, Optional<String> field, String message) {
        super(message, null, false, false);
        this.item = item;
        this.field = field;
    }

    /** Where the parser stopped, {@code where}, read as list item, field and path inside the field. */
    static NumberTooLongException at(JsonStreamContext where) {
        List<Object> segments = new ArrayList<>();
        for (JsonStreamContext context = where; context != null && !context.inRoot(); context = context.getParent()) {
            segments.add(0, context.inArray() ? (Object) context.getCurrentIndex() : context.getCurrentName());
        }
        OptionalInt item = !segments.isEmpty() && segments.get(0) instanceof Integer index ? OptionalInt.of(index)
                : OptionalInt.empty();
        List<Object> inItem = item.isPresent() ? segments.subList(1, segments.size()) : segments;
        Optional<String> field = !inItem.isEmpty() && inItem.get(0) instanceof String name ? Optional.of(name)
                : Optional.empty();
        StringBuilder path = new StringBuilder();
        (field.isPresent() ? inItem.subList(1, inItem.size()) : inItem).forEach(segment -> path.append(
                segment instanceof Integer ? "[" + segment + "]" : (path.isEmpty() ? "" : ".") + segment));
        return new NumberTooLongException(item, field, JsonNumberLimits.tooLong(path.toString()));
    }

    /** The index of the list item the number is in, when the body is a list. */
    public OptionalInt item() {
        return item;
    }

    /** The field the number is in; empty when it is in none (the body itself is the number, say). */
    public Optional<String> field() {
        return field;
    }
}
