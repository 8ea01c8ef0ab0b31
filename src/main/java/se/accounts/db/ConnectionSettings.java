package se.accounts.db;

import java.util.Optional;

/**
 * Where the database is, who connects as its owner (the role that runs migrations), and the login requests use
 * when the operator manages it (else the owner provisions {@value Database#APPLICATION_ROLE} itself).
 */
public record ConnectionSettings(String jdbcUrl, String user, String password, Optional<Login> application) {

    /** A role name and its password. */
    public record Login(String user, String password) {
    }
}
