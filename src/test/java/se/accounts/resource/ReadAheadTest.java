package se.accounts.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.EOFException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;
import se.accounts.db.Database;
import se.accounts.db.EmbeddedDatabase;
import se.accounts.support.Await;
import se.accounts.support.LogCapture;
import se.accounts.support.TestService;

class ReadAheadTest {
    private static final TestService service = TestService.get();

    /** Runs {@code work} on the rows 1..{@code count} of a cursor in a transaction of the real database. */
    private static <T> T overCursor(int count, CursorWork<T> work) {
        return service.database().withoutCustomer(sql -> sql.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("select g from generate_series(1, ?) g")) {
                statement.setInt(1, count);
                statement.setFetchSize(100);
                try (ResultSet rows = statement.executeQuery()) {
                    return work.run(rows);
                }
            }
        }));
    }

    @FunctionalInterface
    private interface CursorWork<T> {
        T run(ResultSet rows) throws Exception;
    }

    private static Object[] first(ResultSet row) throws SQLException {
        return new Object[] {row.getInt(1)};
    }

    @Test
    void everyRowArrivesInOrderInBatchesOfTheBatchSize() {
        List<Integer> sizes = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        overCursor(1234, rows -> {
            try (ReadAhead ahead = new ReadAhead(rows, ReadAheadTest::first)) {
                for (List<Object[]> batch = ahead.next(); batch != null; batch = ahead.next()) {
                    sizes.add(batch.size());
                    batch.forEach(row -> values.add(row[0]));
                }
            }
            return null;
        });

        assertThat(sizes).containsExactly(ReadAhead.BATCH_SIZE, ReadAhead.BATCH_SIZE, 1234 - 2 * ReadAhead.BATCH_SIZE);
        assertThat(values).hasSize(1234).isSortedAccordingTo((a, b) -> (Integer) a - (Integer) b)
                .startsWith(1).endsWith(1234);
    }

    @Test
    void aFailureWhileReadingReachesTheWriterAfterTheRowsBeforeIt() {
        SQLException broken = new SQLException("row 700 cannot be read", "XX000");
        List<Object> written = new ArrayList<>();
        overCursor(1000, rows -> {
            try (ReadAhead ahead = new ReadAhead(rows, row -> {
                if (row.getInt(1) == 700) {
                    throw broken;
                }
                return first(row);
            })) {
                ahead.next().forEach(row -> written.add(row[0]));
                assertThatThrownBy(ahead::next).isSameAs(broken);
            }
            return null;
        });

        assertThat(written).hasSize(ReadAhead.BATCH_SIZE);
    }

    @Test
    void aWriterThatStopsEarlyStopsTheReader() {
        AtomicInteger read = new AtomicInteger();
        overCursor(1_000_000, rows -> {
            try (ReadAhead ahead = new ReadAhead(rows, row -> {
                read.incrementAndGet();
                return first(row);
            })) {
                ahead.next();
            }
            return null;
        });

        assertThat(read.get()).isLessThan(10 * ReadAhead.BATCH_SIZE);
    }

    /**
     * The export's client goes away while the reader waits for a fetch that takes ten minutes (row 600 sleeps): the
     * writer gets control back without waiting for it, the statement no longer runs, and the connection goes back
     * to the pool out of its transaction, without the tenant setting. A pool of one connection makes the next
     * transaction take that connection.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aWriterThatStopsEarlyCancelsTheFetchTheReaderWaitsFor() {
        try (EmbeddedDatabase attached = EmbeddedDatabase.startOrAttach(service.config().dataDir());
             Database onePool = Database.open(attached.settings(), 1, Database.OwnerPools.DEFAULT, false)) {
            UUID customer = UUID.randomUUID();
            AtomicInteger backend = new AtomicInteger();

            assertThatThrownBy(() -> onePool.forCustomer(customer, session -> session.sql().connectionResult(
                    connection -> {
                        backend.set(session.sql().fetchSingle("select pg_backend_pid()").get(0, Integer.class));
                        try (PreparedStatement statement = connection.prepareStatement("select g, case when g = 600"
                                + " then pg_sleep(600)::text end from generate_series(1, 1000) g")) {
                            statement.setFetchSize(100);
                            try (ResultSet rows = statement.executeQuery();
                                 ReadAhead ahead = new ReadAhead(rows, ReadAheadTest::first)) {
                                ahead.next();
                                Await.until("the reader waits for row 600", Duration.ofSeconds(20),
                                        () -> sleeping(backend.get()));
                                throw new EOFException("the client went away");
                            }
                        }
                    }))).hasRootCauseInstanceOf(EOFException.class);

            assertThat(sleeping(backend.get())).isFalse();
            Map<String, Object> after = onePool.withoutCustomer(sql -> sql.fetchSingle("select pg_backend_pid() pid,"
                    + " coalesce(current_setting('app.customer_id', true), '') tenant, 41 + 1 answer").intoMap());
            assertThat(after).containsEntry("pid", backend.get()).containsEntry("tenant", "")
                    .containsEntry("answer", 42);
        }
    }

    /** Whether the backend {@code pid} runs a statement that sleeps. */
    private static boolean sleeping(int pid) {
        return service.database().asOwner(sql -> sql.fetchExists(sql.selectOne().from("pg_stat_activity")
                .where("pid = ? and state = 'active' and wait_event = 'PgSleep'", pid)));
    }

    @Test
    void whatTheReaderLogsCarriesTheRequestIdOfTheThreadThatStartedIt() {
        List<ILoggingEvent> logged = stopEarlyLogged("read-ahead-request-1");

        assertThat(logged).isNotEmpty().allSatisfy(event -> {
            assertThat(event.getThreadName()).startsWith("list-read-ahead-");
            assertThat(event.getMDCPropertyMap()).containsEntry("request_id", "read-ahead-request-1");
        });
    }

    @Test
    void aReaderThreadKeepsNoRequestIdOfAnEarlierExport() throws InterruptedException {
        String earlier = threadOf(stopEarlyLogged("read-ahead-request-2"));

        // The pool takes an idle thread up again once it waits for work; until then a new thread would prove nothing.
        // Each later export starts on a thread that never had an MDC, as a background task's would.
        List<ILoggingEvent> logged = List.of();
        for (int attempt = 0; attempt < 50 && !threadOf(logged).equals(earlier); attempt++) {
            Thread.sleep(20);
            AtomicReference<List<ILoggingEvent>> fromFreshThread = new AtomicReference<>();
            Thread starter = new Thread(() -> fromFreshThread.set(stopEarlyLogged(null)));
            starter.start();
            starter.join();
            logged = fromFreshThread.get();
        }

        assertThat(threadOf(logged)).as("a later export read on the earlier one's thread").isEqualTo(earlier);
        assertThat(logged).allSatisfy(event -> assertThat(event.getMDCPropertyMap()).doesNotContainKey("request_id"));
    }

    private static String threadOf(List<ILoggingEvent> logged) {
        return logged.stream().map(ILoggingEvent::getThreadName).distinct().reduce((a, b) -> a + "," + b).orElse("");
    }

    /** What the reader logs for an export that stops after its first batch, started with {@code requestId}. */
    private static List<ILoggingEvent> stopEarlyLogged(String requestId) {
        try (LogCapture log = LogCapture.everything()) {
            if (requestId != null) {
                MDC.put("request_id", requestId);
            }
            try {
                overCursor(100_000, rows -> {
                    try (ReadAhead ahead = new ReadAhead(rows, ReadAheadTest::first)) {
                        ahead.next();
                    }
                    return null;
                });
            } finally {
                MDC.remove("request_id");
            }
            return log.events().stream().filter(event -> event.getLoggerName().equals(ReadAhead.class.getName()))
                    .toList();
        }
    }
}
