package se.accounts.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.Cursor;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import se.accounts.support.TestService;

/**
 * Point reads by a unique key reuse a generic plan ({@code plan_cache_mode = auto} for their transaction); every
 * other statement, lists with LIMIT/OFFSET above all, is planned with its values at every execution, also when it
 * follows a point read in the same transaction (query/PointReadShapeTest: which list shapes are point reads).
 */
class PlanChoiceTest {
    private static final String MODE = "select current_setting('plan_cache_mode')";
    private static final TenantSql POINT_READ = TenantSql.reusingPlan(MODE);
    private static final TenantSql OTHER = TenantSql.of(MODE);

    private final TestService service = TestService.get();
    private final UUID customer = service.newCustomer().customerId();

    private static String mode(TenantSession session, TenantSql statement, int fetchSize) throws SQLException {
        try (PreparedStatement executed = session.execute(statement, new Object[0], fetchSize);
             ResultSet result = executed.getResultSet()) {
            result.next();
            return result.getString(1);
        }
    }

    @Test
    void aPointReadFirstInItsTransactionReusesAGenericPlan() {
        String folded = service.database().forCustomer(customer, session -> mode(session, POINT_READ, 0));
        String throughACursor = service.database().forCustomer(customer, session -> mode(session, POINT_READ, 10));

        assertThat(folded).isEqualTo("auto");
        assertThat(throughACursor).isEqualTo("auto");
    }

    @Test
    void aStatementAfterAPointReadIsPlannedWithItsValues() {
        List<TenantWork<String>> followers = List.of(
                session -> mode(session, OTHER, 0),
                session -> mode(session, OTHER, 10),
                session -> session.sql().fetchSingle(MODE).get(0, String.class));
        List<String> modes = new ArrayList<>();
        for (TenantWork<String> follower : followers) {
            String mode = service.database().forCustomer(customer, session -> {
                assertThat(mode(session, POINT_READ, 0)).isEqualTo("auto");
                return follower.run(session);
            });
            modes.add(mode);
        }

        assertThat(modes).containsExactly(Database.PLAN_CACHE_MODE, Database.PLAN_CACHE_MODE,
                Database.PLAN_CACHE_MODE);
    }

    /** Reading a point read's rows sends nothing, so it must not cost a round trip that resets the plan mode. */
    @Test
    void readingAPointReadsRowsAsRecordsKeepsItsPlanMode() {
        String mode = service.database().forCustomer(customer, session -> {
            try (PreparedStatement executed = session.execute(POINT_READ, new Object[0], 0);
                 Cursor<Record> rows = session.records(executed.getResultSet(),
                         new Field<?>[] {DSL.field("mode", String.class)})) {
                assertThat(rows.fetchNext().get(0, String.class)).isEqualTo("auto");
            }
            return mode(session, POINT_READ, 0);
        });

        assertThat(mode).isEqualTo("auto");
    }

    @Test
    void aPointReadAfterAnotherStatementDoesNotChangeThePlanMode() {
        String mode = service.database().forCustomer(customer, session -> {
            mode(session, OTHER, 0);
            return mode(session, POINT_READ, 0);
        });

        assertThat(mode).isEqualTo(Database.PLAN_CACHE_MODE);
    }
}
