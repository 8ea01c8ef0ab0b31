package se.accounts.model;

/** A database constraint (or unique index) that keeps {@code field} unique per customer. */
public record UniqueConstraint(String constraintName, String field) {
}
