package se.accounts.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
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
    void aWriterThatStopsEarlyStopsTheReaderAndGetsItsConnectionBack() {
        AtomicInteger read = new AtomicInteger();
        int afterwards = overCursor(1_000_000, rows -> {
            try (ReadAhead ahead = new ReadAhead(rows, row -> {
                read.incrementAndGet();
                return first(row);
            })) {
                ahead.next();
            }
            try (PreparedStatement next = rows.getStatement().getConnection().prepareStatement("select 41 + 1");
                 ResultSet answer = next.executeQuery()) {
                answer.next();
                return answer.getInt(1);
            }
        });

        assertThat(read.get()).isLessThan(10 * ReadAhead.BATCH_SIZE);
        assertThat(afterwards).isEqualTo(42);
    }
}
