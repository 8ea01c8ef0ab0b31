package se.accounts.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import se.accounts.db.ConnectionSettings;
import se.accounts.db.Database;
import se.accounts.db.EmbeddedDatabase;
import se.accounts.db.TenantWork;
import se.accounts.support.ApiClient;
import se.accounts.support.TestService;

/**
 * Requests run as the application role, which is neither a superuser nor a table owner, whatever happened on the
 * connection before and whatever the transaction itself does, so row-level security always applies (contract 8).
 */
class ApplicationRoleTest {
    private final TestService service = TestService.get();

    /** What a request transaction sees of its own role and, without any tenant predicate, of the tenant rows. */
    private record Seen(long backend, String role, boolean superuser, long unscopedOrganizations,
            String planCacheMode) {
    }

    private static Seen seen(se.accounts.db.TenantSession session) {
        var row = session.sql().fetchSingle("select pg_backend_pid(), current_user::text,"
                + " (select rolsuper from pg_roles where rolname = current_user),"
                + " (select count(*) from organization), current_setting('plan_cache_mode')");
        return new Seen(row.get(0, Long.class), row.get(1, String.class), row.get(2, Boolean.class),
                row.get(3, Long.class), row.get(4, String.class));
    }

    /** A customer with one organization, next to another customer with one of its own. */
    private UUID customerWithOneOrganization() {
        ApiClient other = service.newCustomer();
        assertThat(other.post("/sales/organization/", Map.of("name", "Other AB")).status()).isEqualTo(201);
        ApiClient mine = service.newCustomer();
        assertThat(mine.post("/sales/organization/", Map.of("name", "Mine AB")).status()).isEqualTo(201);
        return mine.customerId();
    }

    /**
     * Runs {@code work} in as many transactions at once as the request pool has connections: each waits inside its
     * transaction for all the others, so every connection of the pool runs it once. Failures are returned.
     */
    private <T> List<Future<T>> onEveryPooledConnection(UUID customer, TenantWork<T> work) throws Exception {
        int connections = service.config().dbPoolSize();
        CyclicBarrier together = new CyclicBarrier(connections);
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        try {
            List<Future<T>> results = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                results.add(threads.submit(() -> service.database().forCustomer(customer, session -> {
                    together.await(60, TimeUnit.SECONDS);
                    return work.run(session);
                })));
            }
            for (Future<T> result : results) {
                try {
                    result.get(90, TimeUnit.SECONDS);
                } catch (ExecutionException failedAsItMay) {
                    // returned to the caller
                }
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void afterARollbackOnEveryPooledConnectionRequestsStillRunAsTheApplicationRole() throws Exception {
        UUID customer = customerWithOneOrganization();

        List<Future<Object>> rolledBack = onEveryPooledConnection(customer, session -> {
            session.sql().execute("select count(*) from organization");
            throw new IllegalStateException("forced rollback");
        });
        assertThat(rolledBack).allSatisfy(result -> assertThatThrownBy(result::get)
                .hasRootCauseMessage("forced rollback"));
        List<Seen> seen = new ArrayList<>();
        for (Future<Seen> result : onEveryPooledConnection(customer, ApplicationRoleTest::seen)) {
            seen.add(result.get());
        }

        assertThat(seen).extracting(Seen::backend).doesNotHaveDuplicates().hasSize(service.config().dbPoolSize());
        assertThat(seen).allSatisfy(request -> {
            assertThat(request.role()).isEqualTo(Database.APPLICATION_ROLE);
            assertThat(request.superuser()).isFalse();
            assertThat(request.unscopedOrganizations()).as("organizations seen without a predicate").isOne();
            assertThat(request.planCacheMode()).isEqualTo("force_custom_plan");
        });
    }

    @Test
    void noStatementOfARequestTransactionLeavesTheApplicationRole() {
        UUID customer = customerWithOneOrganization();

        Seen seen = service.database().forCustomer(customer, session -> {
            session.sql().execute("reset role");
            session.sql().execute("reset session authorization");
            return seen(session);
        });

        assertThat(seen.role()).isEqualTo(Database.APPLICATION_ROLE);
        assertThat(seen.superuser()).isFalse();
        assertThat(seen.unscopedOrganizations()).isOne();
    }

    @Test
    void noApplicationConnectionIsLeftIdleInATransaction() throws Exception {
        try (EmbeddedDatabase attached = EmbeddedDatabase.startOrAttach(service.config().dataDir());
                Database secondInstance = Database.open(attached.settings(), 2, Database.OwnerPools.DEFAULT,
                        false)) {
            // The new pool's connections are open and unused; give any that sat in a transaction time to show.
            Thread.sleep(1_500);

            long idleInTransaction = service.database().asOwner(sql -> sql.fetchSingle("select count(*)"
                    + " from pg_stat_activity where application_name = 'accounts-app'"
                    + " and state like 'idle in transaction%' and state_change < now() - interval '1 second'")
                    .get(0, Long.class));

            assertThat(idleInTransaction).isZero();
        }
    }

    @Test
    void aSecondInstanceLogsInWithTheSamePasswordInsteadOfReplacingIt() throws Exception {
        String stored = storedPassword();

        try (EmbeddedDatabase attached = EmbeddedDatabase.startOrAttach(service.config().dataDir());
                Database secondInstance = Database.open(attached.settings(), 2, Database.OwnerPools.DEFAULT,
                        false)) {
            String role = secondInstance.withoutCustomer(sql -> sql.fetchSingle("select current_user::text")
                    .get(0, String.class));
            assertThat(role).isEqualTo(Database.APPLICATION_ROLE);
        }

        assertThat(storedPassword()).isEqualTo(stored);
        try (Connection login = DriverManager.getConnection(service.database().asOwner(sql -> sql.fetchSingle(
                "select 'jdbc:postgresql://127.0.0.1:' || current_setting('port') || '/postgres'")
                .get(0, String.class)), Database.APPLICATION_ROLE, stored)) {
            assertThat(login.isValid(2)).isTrue();
        }
    }

    @Test
    void theApplicationRoleCannotReadTheStoredPassword() {
        assertThatThrownBy(() -> service.database().withoutCustomer(sql -> sql.fetch(
                "select password from application_role_secret")))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("permission denied");
    }

    /** A login role of the operator's, created with {@code attributes}, in a database opened as it logs in. */
    private Database openWithOperatorLogin(EmbeddedDatabase attached, String role, String attributes) {
        String password = UUID.randomUUID().toString();
        service.database().asOwner(sql -> sql.execute("create role " + role + " login " + attributes
                + " password '" + password + "'"));
        ConnectionSettings owner = attached.settings();
        return Database.open(new ConnectionSettings(owner.jdbcUrl(), owner.user(), owner.password(),
                Optional.of(new ConnectionSettings.Login(role, password))), 2, Database.OwnerPools.DEFAULT, false);
    }

    private static String newRoleName() {
        return "accounts_ops_" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void anOperatorsLoginThatIsAMemberOfTheApplicationRoleServesUnderRowLevelSecurity() {
        UUID customer = customerWithOneOrganization();
        String role = newRoleName();

        try (EmbeddedDatabase attached = EmbeddedDatabase.startOrAttach(service.config().dataDir());
                Database operators = openWithOperatorLogin(attached, role, "in role " + Database.APPLICATION_ROLE)) {
            Seen seen = operators.forCustomer(customer, ApplicationRoleTest::seen);

            assertThat(seen.role()).isEqualTo(role);
            assertThat(seen.unscopedOrganizations()).isOne();
        }
    }

    @Test
    void anOperatorsLoginThatIsASuperuserIsRefused() {
        try (EmbeddedDatabase attached = EmbeddedDatabase.startOrAttach(service.config().dataDir())) {
            assertThatThrownBy(() -> openWithOperatorLogin(attached, newRoleName(),
                    "superuser in role " + Database.APPLICATION_ROLE))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("superuser");
        }
    }

    @Test
    void anOperatorsLoginWithoutTheApplicationRolesPrivilegesIsRefused() {
        try (EmbeddedDatabase attached = EmbeddedDatabase.startOrAttach(service.config().dataDir())) {
            assertThatThrownBy(() -> openWithOperatorLogin(attached, newRoleName(), ""))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("GRANT " + Database.APPLICATION_ROLE);
        }
    }

    private String storedPassword() {
        return service.database().asOwner(sql -> sql.fetchSingle(
                "select password from application_role_secret where role_name = ?", Database.APPLICATION_ROLE)
                .get(0, String.class));
    }
}
