package se.accounts.db;

import java.util.Arrays;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The text of one or more statements with {@code ?} placeholders, rendered once and run many times through
 * {@link TenantSession#execute}; also kept with the tenant setting in front, for when it is the transaction's
 * first statement. Build it from a query whose values are placeholders ({@code DSL.param}), never from values:
 * the text is shared by every request of its shape.
 *
 * <p>Both are also kept with COMMIT after them, for the last statement of a read
 * ({@link TenantSession#executeThenCommit}).
 *
 * <p>{@code reusesPlan}: the statement reads at most one row through a unique index whatever its values, so
 * PostgreSQL may keep one generic plan for it ({@code plan_cache_mode = auto} for its transaction) instead of
 * planning it at every execution, as every other statement is (see {@link Database#PLAN_CACHE_MODE}).
 */
public record TenantSql(String alone, String afterTenant, String aloneThenCommit, String afterTenantThenCommit,
                        boolean reusesPlan) {
    private static final DSLContext RENDERER = DSL.using(SQLDialect.POSTGRES, Database.JOOQ_SETTINGS);
    private static final String THEN_COMMIT = ";\ncommit";

    public static TenantSql of(String sql) {
        return withSettings(sql, TenantSession.SET_TENANT, false);
    }

    /** A point read by a unique key (see {@code reusesPlan}): never a statement with LIMIT/OFFSET or a scan. */
    public static TenantSql reusingPlan(String sql) {
        return withSettings(sql, TenantSession.SET_TENANT_REUSING_PLANS, true);
    }

    private static TenantSql withSettings(String sql, String settings, boolean reusesPlan) {
        String afterTenant = settings + ";\n" + sql;
        return new TenantSql(sql, afterTenant, sql + THEN_COMMIT, afterTenant + THEN_COMMIT, reusesPlan);
    }

    /** The statements' texts run one after another in one round trip (values in the same order). */
    public static TenantSql of(String... statements) {
        return of(String.join(";\n", Arrays.asList(statements)));
    }

    public static String render(Query query) {
        return RENDERER.render(query);
    }

    /** The text with named placeholders ({@code :name}) instead of {@code ?}. */
    public static String renderNamed(Query query) {
        return RENDERER.renderNamedParams(query);
    }

    /** The text with the values written in, as the SQL log shows it. */
    public static String inlined(String sql, Object[] values) {
        return RENDERER.renderInlined(DSL.query(sql, values));
    }
}
