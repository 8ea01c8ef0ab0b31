package se.accounts.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.ResultSet;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.TestService;

/** {@link TenantSession#executeThenCommit}: a read's last statement ends its transaction in the same round trip. */
class CommitWithLastStatementTest {
    private static final TenantSql TRANSACTION = TenantSql.of("select pg_current_xact_id()::text");
    private final TestService service = TestService.get();
    private final ApiClient customer = service.newCustomer();

    private static String transactionOf(ResultSet rows) throws java.sql.SQLException {
        rows.next();
        return rows.getString(1);
    }

    @Test
    void theTransactionEndsWithTheStatementAndTheNextStatementStartsAnother() {
        String[] transactions = service.database().forCustomer(customer.customerId(), session -> {
            String committed;
            try (var executed = session.executeThenCommit(TRANSACTION, new Object[0])) {
                committed = transactionOf(executed.getResultSet());
            }
            String next;
            try (var executed = session.execute(TRANSACTION, new Object[0], 0)) {
                next = transactionOf(executed.getResultSet());
            }
            String stillOpen = session.sql().fetchSingle("select pg_current_xact_id()::text").get(0, String.class);
            return new String[] {committed, next, stillOpen};
        });

        assertThat(transactions[1]).isNotEqualTo(transactions[0]);
        assertThat(transactions[2]).isEqualTo(transactions[1]);
    }

    @Test
    void aTransactionThatCollectedSomethingToWriteAtItsCommitCannotCommitAfterARead() {
        assertThatThrownBy(() -> service.database().forCustomer(customer.customerId(), session -> {
            session.state(Pending.class, Pending::new);
            return session.executeThenCommit(TRANSACTION, new Object[0]);
        })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aStatementInsideASavepointCannotCommitTheTransaction() {
        String[] transactions = service.database().forCustomer(customer.customerId(), session -> {
            String before = session.sql().fetchSingle("select pg_current_xact_id()::text").get(0, String.class);
            assertThatThrownBy(() -> session.savepoint(() -> {
                try {
                    return session.executeThenCommit(TRANSACTION, new Object[0]);
                } catch (java.sql.SQLException e) {
                    throw new DataAccessException("the statement failed", e);
                }
            })).isInstanceOf(IllegalStateException.class).hasMessageContaining("savepoint");
            String after = session.sql().fetchSingle("select pg_current_xact_id()::text").get(0, String.class);
            return new String[] {before, after};
        });

        assertThat(transactions[1]).as("the transaction after the refusal").isEqualTo(transactions[0]);
    }

    private static final class Pending implements TenantSession.TransactionState {
        @Override
        public void beforeCommit(TenantSession session) {
        }

        @Override
        public int mark() {
            return 0;
        }

        @Override
        public void rollbackTo(int mark) {
        }
    }
}
