package se.accounts.model;

/**
 * The table behind a to-many relation: one row per pair, scoped by customer like every tenant table, with
 * {@code ownerColumn} pointing at the declaring entity and {@code targetColumn} at the related one.
 */
public record LinkTable(String table, String ownerColumn, String targetColumn) {
}
