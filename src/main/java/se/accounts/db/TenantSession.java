package se.accounts.db;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * A transaction that belongs to one customer. The only way to obtain one is {@link Database#forCustomer}, which
 * also sets {@code app.customer_id} so that row-level security confines every statement of the transaction to
 * that customer even if a predicate were forgotten; the SQL builders take a session and scope every table they
 * touch with {@link #owns}.
 */
public final class TenantSession {
    public static final Field<UUID> CUSTOMER_ID = DSL.field(DSL.name("customer_id"), SQLDataType.UUID);

    private final DSLContext sql;
    private final UUID customerId;
    private final Map<Class<?>, TransactionState> states = new IdentityHashMap<>();

    /**
     * Something a transaction collects while it runs and writes as its last step before COMMIT (the event log).
     * A savepoint that is rolled back also rolls back what was collected inside it.
     */
    public interface TransactionState {
        void beforeCommit(TenantSession session);

        /** A mark of what has been collected so far... */
        int mark();

        /** ...to forget what was collected after it. */
        void rollbackTo(int mark);
    }

    TenantSession(DSLContext sql, UUID customerId) {
        this.sql = sql;
        this.customerId = customerId;
    }

    public UUID customerId() {
        return customerId;
    }

    public DSLContext sql() {
        return sql;
    }

    /** The predicate that keeps {@code table} to this customer's rows. */
    public Condition owns(Table<?> table) {
        return DSL.field(table.getQualifiedName().append(CUSTOMER_ID.getUnqualifiedName()), SQLDataType.UUID)
                .eq(customerId);
    }

    /** This transaction's state of {@code kind}, created on first use. */
    public <S extends TransactionState> S state(Class<S> kind, Supplier<S> create) {
        return kind.cast(states.computeIfAbsent(kind, k -> create.get()));
    }

    /** Called by {@link Database#forCustomer} once the work is done, just before COMMIT. */
    void beforeCommit() {
        states.values().forEach(state -> state.beforeCommit(this));
    }

    /** Runs {@code work} so that a failure inside it undoes only its own statements. */
    public <T> T savepoint(java.util.function.Supplier<T> work) {
        try {
            var connection = sql.configuration().connectionProvider().acquire();
            var savepoint = connection.setSavepoint();
            Map<TransactionState, Integer> marks = new IdentityHashMap<>();
            states.values().forEach(state -> marks.put(state, state.mark()));
            try {
                T result = work.get();
                connection.releaseSavepoint(savepoint);
                return result;
            } catch (RuntimeException failure) {
                connection.rollback(savepoint);
                states.values().forEach(state -> state.rollbackTo(marks.getOrDefault(state, 0)));
                throw failure;
            }
        } catch (java.sql.SQLException e) {
            throw new org.jooq.exception.DataAccessException("savepoint failed", e);
        }
    }
}
