package se.accounts.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A row locked {@code FOR UPDATE} in a transaction of the test's own connection: a request that writes the row
 * waits until the lock is released, so a test can act while that request is known to be running.
 */
public final class RowLock implements AutoCloseable {
    private final Connection connection;

    private RowLock(Connection connection) {
        this.connection = connection;
    }

    /** Locks the row {@code id} of {@code table} (a table name of the schema, never user input). */
    public static RowLock of(EmbeddedPostgres postgres, String table, String id) throws SQLException {
        Connection connection = postgres.getPostgresDatabase().getConnection();
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement("select 1 from " + table
                    + " where id = ?::uuid for update")) {
                lock.setString(1, id);
                lock.execute();
            }
            return new RowLock(connection);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** Waits until another session is waiting for this lock: the request it holds up has reached the row. */
    public void awaitWaiter() throws InterruptedException {
        Await.until("a session waiting for the row lock", Duration.ofSeconds(30), this::someoneWaits);
    }

    private boolean someoneWaits() {
        try (PreparedStatement waiting = connection.prepareStatement("select exists (select 1 from pg_stat_activity"
                + " where pg_backend_pid() = any (pg_blocking_pids(pid)))");
             ResultSet result = waiting.executeQuery()) {
            result.next();
            return result.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rolls the locking transaction back, which lets the waiting request go on. */
    public void release() throws SQLException {
        connection.rollback();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
