package se.accounts.db;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.postgresql.PGConnection;

/**
 * The login role requests run as: {@value Database#APPLICATION_ROLE} (created by migration V1, which grants it every
 * table privilege requests need), or a role the operator manages that is a member of it.
 *
 * <p>Requests log in as this role rather than switching to it with {@code SET ROLE}: a role switched to is undone
 * by a rollback of the transaction that switched, and by any {@code RESET ROLE}; a login role is not. It is neither
 * a superuser nor the owner of a table, so row-level security applies to every statement of every request.
 *
 * <p>Without an operator-managed role the owner provisions {@value Database#APPLICATION_ROLE} itself: the first
 * instance stores a random password in {@code application_role_secret} (readable by the owner only), every
 * instance reads that one back and sets it, so instances starting together never lock each other out.
 */
final class ApplicationRole {
    private ApplicationRole() {
    }

    /**
     * Makes {@value Database#APPLICATION_ROLE} a login role with the stored password, creating that password on the
     * first start. The row lock serializes concurrent instances, whose concurrent updates of one role could fail
     * with "tuple concurrently updated". The password reaches the server as a SCRAM verifier computed here, so
     * it never appears in clear in a statement the server might log.
     */
    static ConnectionSettings.Login provision(DSLContext sql) {
        sql.execute("insert into application_role_secret (role_name, password) values (?, ?)"
                + " on conflict (role_name) do nothing", Database.APPLICATION_ROLE, RandomPasswords.next());
        String password = sql.fetchSingle("select password from application_role_secret where role_name = ?"
                + " for update", Database.APPLICATION_ROLE).get(0, String.class);
        try {
            sql.execute("alter role " + Database.APPLICATION_ROLE + " login");
            sql.connection(connection -> connection.unwrap(PGConnection.class)
                    .alterUserPassword(Database.APPLICATION_ROLE, password.toCharArray(), "scram-sha-256"));
        } catch (DataAccessException e) {
            throw new IllegalStateException("The database owner may not give " + Database.APPLICATION_ROLE
                    + " a login and password (" + e.getMessage() + "); give the owner CREATEROLE, or manage the"
                    + " login yourself with ACCOUNTS_DB_APP_USER and ACCOUNTS_DB_APP_PASSWORD", e);
        }
        return new ConnectionSettings.Login(Database.APPLICATION_ROLE, password);
    }

    /**
     * Refuses to serve when the role requests log in as would bypass row-level security (a superuser, BYPASSRLS,
     * the owner of a table) or lacks the privileges granted to {@value Database#APPLICATION_ROLE}.
     */
    static void verify(Database database) {
        Record role = database.withoutCustomer(sql -> sql.fetchSingle("select current_user::text, r.rolsuper,"
                + " r.rolbypassrls, pg_has_role(current_user, ?, 'USAGE'),"
                + " exists (select from pg_class c where c.relowner = r.oid and c.relkind in ('r', 'p', 'v', 'm')"
                + " and c.relnamespace = 'public'::regnamespace)"
                + " from pg_roles r where r.rolname = current_user", Database.APPLICATION_ROLE));
        String name = role.get(0, String.class);
        if (role.get(1, Boolean.class) || role.get(2, Boolean.class) || role.get(4, Boolean.class)) {
            throw new IllegalStateException("The application database role " + name + " is a superuser, has"
                    + " BYPASSRLS or owns tables, so row-level security would not apply to requests; use a role"
                    + " without them (see ACCOUNTS_DB_APP_USER in the README)");
        }
        if (!role.get(3, Boolean.class)) {
            throw new IllegalStateException("The application database role " + name + " is not a member of "
                    + Database.APPLICATION_ROLE + "; run GRANT " + Database.APPLICATION_ROLE + " TO " + name);
        }
    }
}
