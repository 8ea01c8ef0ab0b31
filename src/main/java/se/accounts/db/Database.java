package se.accounts.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The connection pools and the transaction boundaries.
 *
 * <p>Two pools: the owner's (migrations and operator commands) and the application's, whose connections log in as
 * the non-superuser role {@value #APPLICATION_ROLE} (or an operator's member of it, see {@link ApplicationRole}) so
 * that PostgreSQL's row-level security applies to every request. Superusers and table owners bypass RLS, so
 * requests must never run as the owner; logging in as the role, not switching to it, means no rollback or
 * statement of a request can change that.
 */
public final class Database implements AutoCloseable {
    private static final int OWNER_POOL_SIZE = 6;
    public static final String APPLICATION_ROLE = "accounts_app";
    /**
     * A plan per execution: the driver prepares statements on the server after a few runs, and a cached generic
     * plan knows neither the tenant (1,000,000 users or 100) nor the LIMIT, so it sorted whole tables where a custom
     * plan reads 25 rows off an index (benchmark Q1: 16 ms instead of 1 ms). Point reads by a unique key reuse a
     * generic plan instead ({@link TenantSql#reusesPlan}): planning them took 0.27-0.46 ms, three times their
     * execution (0.09-0.14 ms), and a generic plan 0.01-0.02 ms (EXPLAIN ANALYZE, 100,000-user customer).
     */
    static final String PLAN_CACHE_MODE = "force_custom_plan";

    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    static final Settings JOOQ_SETTINGS = new Settings()
            .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
            .withExecuteLogging(false)
            .withRenderSchema(false);

    private final HikariDataSource owner;
    private final HikariDataSource application;
    private final Settings settings;
    private final ConnectionGate gate;

    private Database(HikariDataSource owner, HikariDataSource application, Settings settings) {
        this.owner = owner;
        this.application = application;
        this.settings = settings;
        this.gate = new ConnectionGate(application.getMaximumPoolSize());
    }

    /**
     * Connects, applies the Flyway migrations as the owner, provisions the application's login role unless the
     * operator manages it, and opens the application pool, refusing to serve if that role would bypass row-level
     * security. {@code logSql} logs every statement with its values inlined (logger org.jooq.tools.LoggerListener):
     * for debugging, and for the benchmark, which replays the exact SQL with pgbench. Values include personal data,
     * so it is off by default.
     */
    public static Database open(ConnectionSettings settings, int poolSize, boolean logSql) {
        // Background work of every kind runs as the owner (mail sender, webhook dispatcher, event retention,
        // Idempotency-Key purge, the metrics gauges) beside the invitation-accept lookup; with two connections (a
        // review's finding, not measured) a busy dispatcher could make the others wait out the 2 s timeout.
        HikariDataSource owner = pool(settings.jdbcUrl(), new ConnectionSettings.Login(settings.user(),
                settings.password()), "accounts-owner", OWNER_POOL_SIZE, null);
        try {
            Flyway.configure().dataSource(owner).locations("classpath:db/migration").load().migrate();
            ConnectionSettings.Login login = settings.application()
                    .orElseGet(() -> transaction(connect(owner), JOOQ_SETTINGS, ApplicationRole::provision));
            // PLAN_CACHE_MODE as a startup option, not init SQL, so no rollback undoes it and no connection idles
            // in a transaction.
            HikariDataSource application = pool(settings.jdbcUrl(), login, "accounts-app", poolSize,
                    "-c plan_cache_mode=" + PLAN_CACHE_MODE);
            Database database = new Database(owner, application,
                    org.jooq.conf.SettingsTools.clone(JOOQ_SETTINGS).withExecuteLogging(logSql));
            try {
                ApplicationRole.verify(database);
            } catch (RuntimeException e) {
                application.close();
                throw e;
            }
            return database;
        } catch (RuntimeException e) {
            owner.close();
            throw e;
        }
    }

    private static HikariDataSource pool(String jdbcUrl, ConnectionSettings.Login login, String name, int size,
            String startupOptions) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(login.user());
        config.setPassword(login.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(2, size));
        config.setAutoCommit(false);
        // Short waits so that a database outage turns into a 503 within about two seconds instead of piling up
        // request threads; Hikari reconnects by itself when the server is back.
        config.setConnectionTimeout(2_000);
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(10_000);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("ApplicationName", name);
        if (startupOptions != null) {
            config.addDataSourceProperty("options", startupOptions);
        }
        return new HikariDataSource(config);
    }

    /** Publishes both pools' connections (active, idle, pending), acquire times and timeouts, by pool name. */
    public void publishMetrics(MeterRegistry registry) {
        MicrometerMetricsTrackerFactory tracker = new MicrometerMetricsTrackerFactory(registry);
        owner.setMetricsTrackerFactory(tracker);
        application.setMetricsTrackerFactory(tracker);
    }

    /** A transaction confined to one customer: row-level security and every query builder see only its rows. */
    public <T> T forCustomer(UUID customerId, TenantWork<T> work) {
        return inTransaction(application, sql -> {
            TenantSession session = new TenantSession(sql, customerId, settings.isExecuteLogging());
            T result = work.run(session);
            session.beforeCommit();
            return result;
        });
    }

    /** A transaction as the application role without a customer: sees no tenant rows, only shared tables. */
    public <T> T withoutCustomer(SqlWork<T> work) {
        return inTransaction(application, work);
    }

    /** A transaction as the owner, for operator commands (creating customers and clients) only. */
    public <T> T asOwner(SqlWork<T> work) {
        return inTransaction(owner, work);
    }

    private <T> T inTransaction(DataSource dataSource, SqlWork<T> work) {
        if (dataSource != application) {
            return run(dataSource, work);
        }
        if (!gate.enter()) {
            throw new DatabaseUnavailableException(null);
        }
        try {
            return run(dataSource, work);
        } finally {
            gate.leave();
        }
    }

    private <T> T run(DataSource dataSource, SqlWork<T> work) {
        Connection connection;
        try {
            connection = connect(dataSource);
        } catch (DatabaseUnavailableException e) {
            if (dataSource == application) {
                gate.databaseDown();
            }
            throw e;
        }
        return transaction(connection, settings, work);
    }

    private static Connection connect(DataSource dataSource) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    private static <T> T transaction(Connection connection, Settings settings, SqlWork<T> work) {
        try (connection) {
            try {
                T result = work.run(DSL.using(connection, SQLDialect.POSTGRES, settings));
                connection.commit();
                return result;
            } catch (Throwable failure) {
                rollbackQuietly(connection);
                throw sneaky(failure);
            }
        } catch (SQLException e) {
            throw DatabaseErrors.isUnavailable(e) ? new DatabaseUnavailableException(e)
                    : new org.jooq.exception.DataAccessException(e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; Hikari evicts it. The original failure is what matters.
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable failure) throws E {
        throw (E) failure;
    }

    @Override
    public void close() {
        application.close();
        owner.close();
    }
}
