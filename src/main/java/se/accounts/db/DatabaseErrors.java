package se.accounts.db;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;

/** Reads PostgreSQL failures out of the exception chains that JDBC, HikariCP and jOOQ wrap them in. */
public final class DatabaseErrors {
    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";

    /** Server shutting down, crash recovery, too many connections: states in which a retry later will work. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseErrors() {
    }

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DatabaseUnavailableException || t instanceof SQLTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static Optional<SQLException> sqlException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    public static boolean hasState(Throwable failure, String sqlState) {
        return sqlException(failure).map(e -> sqlState.equals(e.getSQLState())).orElse(false);
    }

    /** The constraint a violation names, as PostgreSQL reports it (null when it names none). */
    public static Optional<String> violatedConstraint(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.postgresql.util.PSQLException psql && psql.getServerErrorMessage() != null) {
                return Optional.ofNullable(psql.getServerErrorMessage().getConstraint());
            }
        }
        return Optional.empty();
    }
}
