package se.accounts.db;

/** Where the database is and who connects as its owner (the role that runs migrations). */
public record ConnectionSettings(String jdbcUrl, String user, String password) {
}
