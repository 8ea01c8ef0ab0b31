package se.accounts.model;

/**
 * A database constraint (or unique index) that keeps {@code field} unique per customer; {@code ignoresCase} when
 * values that differ only in case count as the same (the index is on the lowercased value), so that a
 * case-insensitive match finds one row at most.
 */
public record UniqueConstraint(String constraintName, String field, boolean ignoresCase) {
}
