package se.accounts.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transaction that belongs to one customer. The only way to obtain one is {@link Database#forCustomer}. Before
 * any statement of the transaction reaches the database, the session sets {@code app.customer_id} so that
 * row-level security confines every statement to that customer even if a predicate were forgotten: {@link #sql()}
 * sets it on first use, and {@link #execute} sends it in the same round trip as its statement. The SQL builders
 * scope every table they touch with {@link #owns}.
 */
public final class TenantSession {
    public static final Field<UUID> CUSTOMER_ID = DSL.field(DSL.name("customer_id"), SQLDataType.UUID);
    static final String SET_TENANT = "select set_config('app.customer_id', ?, true)";
    /** The tenant setting, and plans that may be reused ({@link TenantSql#reusesPlan}) until the transaction ends. */
    static final String SET_TENANT_REUSING_PLANS = SET_TENANT + ", set_config('plan_cache_mode', 'auto', true)";
    /** The tenant setting, and a plan per execution again (the connections' setting). */
    private static final String SET_TENANT_PLANNING_EACH = SET_TENANT + ", set_config('plan_cache_mode', '"
            + Database.PLAN_CACHE_MODE + "', true)";
    /** The statements the service sends, with values, when ACCOUNTS_LOG_SQL is on (the harness replays them). */
    private static final Logger SQL_LOG = LoggerFactory.getLogger("org.jooq.tools.LoggerListener");

    private final DSLContext sql;
    private final Connection connection;
    private final UUID customerId;
    private final boolean logSql;
    private final EventLogMeters eventLogMeters;
    private boolean tenantSet;
    /** Whether the transaction's statements may reuse a generic plan now (set by a {@link TenantSql#reusesPlan}). */
    private boolean reusingPlans;
    private final Map<Class<?>, TransactionState> states = new IdentityHashMap<>();
    /** How many {@link #savepoint}s the work runs inside now. */
    private int openSavepoints;

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

    TenantSession(DSLContext sql, UUID customerId, boolean logSql, EventLogMeters eventLogMeters) {
        this.sql = sql;
        this.eventLogMeters = eventLogMeters;
        this.connection = sql.configuration().connectionProvider().acquire();
        this.customerId = customerId;
        this.logSql = logSql;
    }

    public UUID customerId() {
        return customerId;
    }

    /** Where the transaction's own work (the event log's final statements) reports what it costs. */
    public EventLogMeters eventLogMeters() {
        return eventLogMeters;
    }

    /** The transaction's jOOQ context, the tenant set and a plan made for every statement. */
    public DSLContext sql() {
        if (!tenantSet || reusingPlans) {
            settle(false);
        }
        return sql;
    }

    /**
     * The rows of a statement {@link #execute} ran, as jOOQ records. Reading them sends nothing, so unlike
     * {@link #sql()} this never resets the plan mode (a point read would otherwise cost a round trip more).
     */
    public Cursor<Record> records(ResultSet results, Field<?>[] fields) {
        return sql.fetchLazy(results, fields);
    }

    /** Sets the tenant and the plan cache mode in a round trip of their own. */
    private void settle(boolean reusePlans) {
        String settings = reusePlans ? SET_TENANT_REUSING_PLANS
                : reusingPlans ? SET_TENANT_PLANNING_EACH : SET_TENANT;
        try (PreparedStatement statement = prepare(settings, new Object[] {customerId.toString()}, 0)) {
            statement.execute();
        } catch (SQLException e) {
            throw new DataAccessException("setting the tenant failed", e);
        }
        tenantSet = true;
        reusingPlans = reusePlans;
    }

    /**
     * Runs {@code statement} with {@code values} and returns it with the results of its first statement current
     * (the caller closes it). While the transaction has not set the tenant yet, the setting goes in front in the
     * same round trip: pgjdbc sends the statements of one text as consecutive Parse/Bind/Execute messages before
     * a single Sync, and PostgreSQL runs them in order in this transaction, so the row-security policies of the
     * statements after it read this customer (and a policy that found the setting unset would match no row, never
     * another customer's). With a {@code fetchSize} the rows come through a cursor, which pgjdbc opens only for a
     * statement alone, so the setting then goes first on its own.
     *
     * <p>A statement that {@link TenantSql#reusesPlan reuses its plan} sets {@code plan_cache_mode = auto} with the
     * tenant when it is the transaction's first (PostgreSQL reads the setting when it binds each statement, after
     * the ones before it in the round trip ran); any other statement after it sets the mode back first, so a
     * statement with LIMIT/OFFSET or a scan of a tenant's rows is planned with its values every time.
     */
    public PreparedStatement execute(TenantSql statement, Object[] values, int fetchSize) throws SQLException {
        return run(statement, values, fetchSize, false);
    }

    /**
     * {@link #execute} for the last statement of a read, with COMMIT after it in the same round trip: a page or a
     * point read then costs one round trip, not two (pgjdbc reads the results whole before it returns, and sends
     * no COMMIT of its own when the transaction has ended). A statement after it starts a new transaction, which
     * sets the tenant again first, so row-level security confines it as any other. Refused in a transaction that
     * has collected something to write before its commit (the event log of a write), and inside a
     * {@link #savepoint}, whose release or rollback needs the transaction the COMMIT would have ended.
     */
    public PreparedStatement executeThenCommit(TenantSql statement, Object[] values) throws SQLException {
        if (!states.isEmpty()) {
            throw new IllegalStateException("a transaction that writes commits after its writes, not after a read");
        }
        if (openSavepoints > 0) {
            throw new IllegalStateException("a statement inside a savepoint cannot commit: the savepoint is"
                    + " released or rolled back in the transaction the COMMIT would end");
        }
        return run(statement, values, 0, true);
    }

    private PreparedStatement run(TenantSql statement, Object[] values, int fetchSize, boolean commit)
            throws SQLException {
        if (fetchSize > 0 && !tenantSet) {
            settle(statement.reusesPlan());
        } else if (reusingPlans && !statement.reusesPlan()) {
            settle(false);
        }
        boolean folded = !tenantSet;
        String text = folded ? (commit ? statement.afterTenantThenCommit() : statement.afterTenant())
                : (commit ? statement.aloneThenCommit() : statement.alone());
        PreparedStatement prepared = prepare(text, folded ? withTenant(values) : values, fetchSize);
        try {
            prepared.execute();
            // The settings made with the tenant are the transaction's, and end with it.
            tenantSet = !commit;
            reusingPlans = !commit && (folded ? statement.reusesPlan() : reusingPlans);
            if (folded) {
                prepared.getMoreResults();
            }
            return prepared;
        } catch (SQLException | RuntimeException e) {
            prepared.close();
            throw e;
        }
    }

    private Object[] withTenant(Object[] values) {
        Object[] all = new Object[values.length + 1];
        all[0] = customerId.toString();
        System.arraycopy(values, 0, all, 1, values.length);
        return all;
    }

    private PreparedStatement prepare(String text, Object[] values, int fetchSize) throws SQLException {
        PreparedStatement prepared = connection.prepareStatement(text);
        for (int i = 0; i < values.length; i++) {
            prepared.setObject(i + 1, values[i]);
        }
        if (fetchSize > 0) {
            prepared.setFetchSize(fetchSize);
        }
        if (logSql) {
            // One line per execution, so the harness can replay it (pgbench splits the statements at semicolons).
            SQL_LOG.debug("-> with bind values      : {}", TenantSql.inlined(text, values).replace('\n', ' '));
        }
        return prepared;
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
            sql();
            var savepoint = connection.setSavepoint();
            Map<TransactionState, Integer> marks = new IdentityHashMap<>();
            states.values().forEach(state -> marks.put(state, state.mark()));
            openSavepoints++;
            try {
                T result = work.get();
                connection.releaseSavepoint(savepoint);
                return result;
            } catch (RuntimeException failure) {
                connection.rollback(savepoint);
                states.values().forEach(state -> state.rollbackTo(marks.getOrDefault(state, 0)));
                throw failure;
            } finally {
                openSavepoints--;
            }
        } catch (SQLException e) {
            throw new DataAccessException("savepoint failed", e);
        }
    }
}
