package se.accounts.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
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
 * <p>Three pools. The application's, whose connections log in as the non-superuser role {@value #APPLICATION_ROLE}
 * (or an operator's member of it, see {@link ApplicationRole}) so that PostgreSQL's row-level security applies to
 * every request. Superusers and table owners bypass RLS, so requests must never run as the owner; logging in as the
 * role, not switching to it, means no rollback or statement of a request can change that. And two small pools that
 * log in as the owner: one for migrations, operator commands and the one request that must look up as the owner
 * (an invitation accept finds its customer by the token), and one for the background work of every customer ({@link
 * #background()}), so that a busy mail sender or webhook dispatcher can never make an accept wait or fail.
 */
public final class Database implements AutoCloseable {
    public static final String APPLICATION_ROLE = "accounts_app";
    /**
     * A plan per execution: the driver prepares statements on the server after a few runs, and a cached generic
     * plan knows neither the tenant (1,000,000 users or 100) nor the LIMIT, so it sorted whole tables where a custom
     * plan reads 25 rows off an index (benchmark Q1: 16 ms instead of 1 ms). Point reads by a unique key reuse a
     * generic plan instead ({@link TenantSql#reusesPlan}): planning them took 0.27-0.46 ms, three times their
     * execution (0.09-0.14 ms), and a generic plan 0.01-0.02 ms (EXPLAIN ANALYZE, 100,000-user customer).
     */
    static final String PLAN_CACHE_MODE = "force_custom_plan";

    /**
     * The sizes of the owner's two pools: {@code requests} for the accept lookup and operator commands (each a single
     * indexed read), {@code background} for the mail sender, the webhook dispatcher and its outcome records, event
     * retention, the Idempotency-Key purge and the metrics gauges.
     */
    public record OwnerPools(int requests, int background) {
        public static final OwnerPools DEFAULT = new OwnerPools(2, 4);
    }

    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    static final Settings JOOQ_SETTINGS = new Settings()
            .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
            .withExecuteLogging(false)
            .withRenderSchema(false);

    /** The pool {@link #asOwner} takes its connections from: the owner's request pool, or the background pool. */
    private final HikariDataSource owner;
    private final HikariDataSource background;
    private final HikariDataSource application;
    /** Every pool, each closed once by {@link #close}. */
    private final List<HikariDataSource> pools;
    private final Settings settings;
    private final ConnectionGate gate;
    /**
     * The event log's meters in the operator's registry once {@link #publishMetrics} is called (until then, or
     * without metrics, in a registry nothing reads); shared with the {@link #background()} view.
     */
    private final AtomicReference<EventLogMeters> eventLogMeters;

    private Database(HikariDataSource owner, HikariDataSource background, HikariDataSource application,
                     List<HikariDataSource> pools, Settings settings, ConnectionGate gate,
                     AtomicReference<EventLogMeters> eventLogMeters) {
        this.owner = owner;
        this.background = background;
        this.application = application;
        this.pools = pools;
        this.settings = settings;
        this.gate = gate;
        this.eventLogMeters = eventLogMeters;
    }

    /**
     * Connects, refuses a database whose default collation folds ASCII only ({@link CaseFolding}), applies the
     * Flyway migrations as the owner, provisions the application's login role unless the
     * operator manages it, and opens the application pool, refusing to serve if that role would bypass row-level
     * security. {@code logSql} logs every statement with its values inlined (logger org.jooq.tools.LoggerListener):
     * for debugging, and for the benchmark, which replays the exact SQL with pgbench. Values include personal data,
     * so it is off by default.
     */
    public static Database open(ConnectionSettings settings, int poolSize, OwnerPools ownerPools, boolean logSql) {
        ConnectionSettings.Login ownerLogin = new ConnectionSettings.Login(settings.user(), settings.password());
        HikariDataSource owner = pool(settings.jdbcUrl(), ownerLogin, "accounts-owner", ownerPools.requests(), null);
        HikariDataSource background = null;
        try {
            transaction(connect(owner), JOOQ_SETTINGS, CaseFolding::require);
            // Connections of its own, since Flyway holds two at once and the owner's pool may be smaller.
            Flyway.configure().dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                    .locations("classpath:db/migration").load().migrate();
            ConnectionSettings.Login login = settings.application()
                    .orElseGet(() -> transaction(connect(owner), JOOQ_SETTINGS, ApplicationRole::provision));
            background = pool(settings.jdbcUrl(), ownerLogin, "accounts-background", ownerPools.background(), null);
            // PLAN_CACHE_MODE as a startup option, not init SQL, so no rollback undoes it and no connection idles
            // in a transaction.
            HikariDataSource application = pool(settings.jdbcUrl(), login, "accounts-app", poolSize,
                    "-c plan_cache_mode=" + PLAN_CACHE_MODE);
            Database database = new Database(owner, background, application, List.of(application, background, owner),
                    org.jooq.conf.SettingsTools.clone(JOOQ_SETTINGS).withExecuteLogging(logSql),
                    new ConnectionGate(application.getMaximumPoolSize()),
                    new AtomicReference<>(EventLogMeters.register(new CompositeMeterRegistry())));
            try {
                ApplicationRole.verify(database);
            } catch (RuntimeException e) {
                application.close();
                throw e;
            }
            return database;
        } catch (RuntimeException e) {
            if (background != null) {
                background.close();
            }
            owner.close();
            throw e;
        }
    }

    /**
     * This database for background work: {@link #asOwner} takes the connections of the background pool, the tenant
     * transactions still those of the application's. The same pools: closing either closes both.
     */
    public Database background() {
        return new Database(background, background, application, pools, settings, gate, eventLogMeters);
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

    /**
     * Publishes every pool's connections (active, idle, pending), acquire times and timeouts, by pool name, and
     * registers the meters tenant transactions report their event log's statements to.
     */
    public void publishMetrics(MeterRegistry registry) {
        MicrometerMetricsTrackerFactory tracker = new MicrometerMetricsTrackerFactory(registry);
        pools.forEach(pool -> pool.setMetricsTrackerFactory(tracker));
        eventLogMeters.set(EventLogMeters.register(registry));
    }

    /** A transaction confined to one customer: row-level security and every query builder see only its rows. */
    public <T> T forCustomer(UUID customerId, TenantWork<T> work) {
        return inTransaction(application, sql -> {
            TenantSession session = new TenantSession(sql, customerId, settings.isExecuteLogging(),
                    eventLogMeters.get());
            T result = work.run(session);
            session.beforeCommit();
            return result;
        });
    }

    /** A transaction as the application role without a customer: sees no tenant rows, only shared tables. */
    public <T> T withoutCustomer(SqlWork<T> work) {
        return inTransaction(application, work);
    }

    /**
     * A transaction as the owner: for operator commands (creating customers and clients), the accept lookup, and,
     * through {@link #background()}, background work over every customer.
     */
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
        pools.forEach(HikariDataSource::close);
    }
}
