package se.accounts.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import se.accounts.db.ConnectionSettings;
import se.accounts.db.EmbeddedDatabase;

/**
 * A row locked {@code FOR UPDATE} in a transaction of the test's own connection: a request that writes the row
 * waits until the lock is released, so a test can act while that request is known to be running.
 */
public final class RowLock implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Connection connection;

    private RowLock(Connection connection) {
        this.connection = connection;
    }

    /** Locks the row {@code id} of {@code table} (a table name of the schema, never user input). */
    public static RowLock of(EmbeddedPostgres postgres, String table, String id) throws SQLException {
        return locking(postgres.getPostgresDatabase().getConnection(), table, id);
    }

    /** {@link #of(EmbeddedPostgres, String, String)} in the shared service's database, as its superuser. */
    public static RowLock of(TestService service, String table, String id) throws SQLException {
        ConnectionSettings settings;
        try (EmbeddedDatabase attached = EmbeddedDatabase.startOrAttach(service.config().dataDir())) {
            settings = attached.settings();
        }
        return locking(DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password()), table,
                id);
    }

    private static RowLock locking(Connection connection, String table, String id) throws SQLException {
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

    /**
     * Waits until another session waits for this lock: the request it holds up has reached the row. Answers that
     * session's process id.
     */
    public int awaitWaiter() throws InterruptedException {
        return awaitSession("a session waiting for the row lock",
                "select pid from pg_locks where not granted and pg_backend_pid() = any (pg_blocking_pids(pid))");
    }

    /**
     * Waits until a session waits for a row of {@code table} that the session {@code holder} has locked: a
     * request queued behind the one this lock holds up, at that row. Answers the waiting session's process id.
     * (A session waiting for a row holds a lock of type tuple on its table while it waits.)
     */
    public int awaitWaiterBehind(int holder, String table) throws InterruptedException {
        return awaitSession("a session waiting for a row of " + table + " that session " + holder + " holds",
                "select pid from pg_locks where locktype = 'tuple' and relation = ?::regclass"
                        + " and ? = any (pg_blocking_pids(pid))", table, holder);
    }

    /**
     * Polls {@code query} (one process id per row) until it finds a session. pg_locks, unlike pg_stat_activity,
     * is read anew by every statement of this lock's long transaction.
     */
    private int awaitSession(String what, String query, Object... values) throws InterruptedException {
        int[] found = {0};
        Await.until(what, WAIT, () -> (found[0] = sessionOf(query, values)) != 0);
        return found[0];
    }

    private int sessionOf(String query, Object... values) {
        try (PreparedStatement sessions = connection.prepareStatement(query)) {
            for (int i = 0; i < values.length; i++) {
                sessions.setObject(i + 1, values[i]);
            }
            try (ResultSet result = sessions.executeQuery()) {
                return result.next() ? result.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs a write in the locking transaction (a statement of the test's own, never user input): a concurrent
     * transaction's changes that the waiting request finds committed once {@link #commit} lets it go on.
     */
    public void execute(String statement, Object... values) throws SQLException {
        try (PreparedStatement write = connection.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                write.setObject(i + 1, values[i]);
            }
            write.execute();
        }
    }

    /** Commits the locking transaction, its writes included, which lets the waiting request go on. */
    public void commit() throws SQLException {
        connection.commit();
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
