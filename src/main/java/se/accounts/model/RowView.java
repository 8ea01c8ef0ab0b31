package se.accounts.model;

/** The values an object will have after a write (stored values overlaid with the request's), by field name. */
@FunctionalInterface
public interface RowView {
    Object get(String fieldName);
}
