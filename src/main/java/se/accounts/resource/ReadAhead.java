package se.accounts.resource;

import java.io.InterruptedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Reads the rows of a cursor on a thread of its own, in batches, while the thread that asked writes the batches
 * before. Through a cursor PostgreSQL produces the next rows only when the client asks, so reading and writing on
 * one thread made PostgreSQL, pgjdbc's decoding and the JSON encoding take turns: an export of 1,000,000 users
 * used about 2 s of PostgreSQL's CPU and 3.5 s of the JVM's and took the sum of both. At most
 * {@value #BATCHES_AHEAD} batches of {@value #BATCH_SIZE} rows wait to be written, so memory stays bounded
 * whatever the number of rows.
 *
 * <p>The reader thread is the only one to touch the result set (and so the connection) until {@link #close}
 * returns, which waits for it. A writer that stops early (the client went away) cancels the fetch the reader is
 * waiting for, so an export of 1,000,000 users stops its database work at once instead of at the next batch, which
 * a slow plan may take long to produce; the statement fails, the caller's transaction rolls back, and the
 * connection goes back to the pool with the tenant setting gone with the transaction. The reader logs with the
 * MDC (the request id) of the thread that made it.
 */
final class ReadAhead implements AutoCloseable {
    static final int BATCH_SIZE = 500;
    private static final int BATCHES_AHEAD = 2;
    private static final Object END = new Object();
    /** How often {@link #close} cancels again while the reader is still in a fetch (see {@link #cancelFetch}). */
    private static final long CANCEL_AGAIN_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(ReadAhead.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    /**
     * One thread per running export at most, as each holds a database connection; idle threads end after 60 s.
     * Numbered, so a log tells one reader from another (and a test sees a thread taken up again).
     */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "list-read-ahead-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    /** Reads the current row of a result set. */
    @FunctionalInterface
    interface RowReader {
        Object[] read(ResultSet row) throws SQLException;
    }

    private final BlockingQueue<Object> batches = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final PGConnection connection;
    private final Future<?> reader;
    private volatile boolean stopped;
    /** Guards {@link #fetching}: a cancel is only sent while the reader uses the connection. */
    private final Object fetch = new Object();
    private boolean fetching;
    /** Set when a cancel could not be sent (the server is unreachable): close then waits without sending more. */
    private boolean cancelFailed;
    private int rowsRead;

    ReadAhead(ResultSet rows, RowReader read) throws SQLException {
        this.connection = rows.getStatement().getConnection().unwrap(PGConnection.class);
        Map<String, String> context = MDC.getCopyOfContextMap();
        this.reader = READERS.submit(() -> {
            if (context != null) {
                MDC.setContextMap(context);
            }
            try {
                readAll(rows, read);
            } finally {
                MDC.clear();
            }
        });
    }

    private void readAll(ResultSet rows, RowReader read) {
        try {
            List<Object[]> batch;
            do {
                batch = readBatch(rows, read);
                if (stopped) {
                    LOG.debug("read-ahead stopped by its writer after {} rows", rowsRead);
                    return;
                }
                if (!batch.isEmpty()) {
                    hand(batch);
                }
            } while (batch.size() == BATCH_SIZE);
            hand(END);
        } catch (SQLException | RuntimeException | Error failure) {
            if (stopped) {
                LOG.debug("read-ahead stopped by its writer after {} rows: {}", rowsRead, failure.getMessage());
                return;
            }
            hand(failure);
        }
    }

    /**
     * The next {@value #BATCH_SIZE} rows (fewer at the end; none once stopped), read while marked as using the
     * connection, so that {@link #close} cancels only a fetch of this reader. Marked per batch, not per row: the
     * lock is taken twice per {@value #BATCH_SIZE} rows instead of twice per row.
     */
    private List<Object[]> readBatch(ResultSet rows, RowReader read) throws SQLException {
        synchronized (fetch) {
            if (stopped) {
                return List.of();
            }
            fetching = true;
        }
        try {
            List<Object[]> batch = new ArrayList<>(BATCH_SIZE);
            while (batch.size() < BATCH_SIZE && rows.next()) {
                rowsRead++;
                batch.add(read.read(rows));
            }
            return batch;
        } finally {
            synchronized (fetch) {
                fetching = false;
            }
        }
    }

    /** Waits for room in the queue unless the writer has stopped reading. */
    private void hand(Object item) {
        try {
            boolean handed = false;
            while (!stopped && !handed) {
                handed = batches.offer(item, 100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next rows, or null after the last; a failure of the reader is thrown here. */
    @SuppressWarnings("unchecked")
    List<Object[]> next() throws SQLException, InterruptedIOException {
        Object item;
        try {
            item = batches.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for rows");
        }
        if (item == END) {
            return null;
        }
        if (item instanceof SQLException failure) {
            throw failure;
        }
        if (item instanceof RuntimeException failure) {
            throw failure;
        }
        if (item instanceof Error failure) {
            throw failure;
        }
        return (List<Object[]>) item;
    }

    /**
     * Stops the reader (the writer may stop early: the client went away), cancelling the fetch it waits for, and
     * waits until it has let go. The cancel is sent again while the reader is still in its fetch: PostgreSQL ignores
     * a cancel that reaches it before the fetch does (the reader may have marked its fetch but not sent it yet).
     */
    @Override
    public void close() {
        synchronized (fetch) {
            stopped = true;
        }
        batches.clear();
        boolean interrupted = false;
        while (true) {
            try {
                cancelFetch();
                reader.get(CANCEL_AGAIN_MILLIS, TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException e) {
                // Still reading: cancel again.
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Cancels the reader's fetch, if it is in one. {@link java.sql.Statement#cancel} would not: pgjdbc cancels only
     * while the statement executes, and a cursor's later fetches run outside of that. The cancel is sent under the
     * lock the reader takes to end its fetch, and pgjdbc returns once the server has signalled the backend, so a
     * cancel never outlives the fetch to reach the next statement of the connection (a backend waiting for its next
     * statement drops a cancel).
     */
    private void cancelFetch() {
        synchronized (fetch) {
            if (!fetching || cancelFailed) {
                return;
            }
            try {
                connection.cancelQuery();
            } catch (SQLException e) {
                cancelFailed = true;
                LOG.warn("cancelling an export's statement failed; waiting for its fetch to end", e);
            }
        }
    }
}
