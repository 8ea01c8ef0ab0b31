package se.accounts.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.accounts.entities.OrganizationUsers;
import se.accounts.query.ListPlan;
import se.accounts.query.ListPlanner;
import se.accounts.query.ListRequestParser;
import se.accounts.query.ListSql;
import se.accounts.query.QueryParameter;
import se.accounts.support.TestService;

/**
 * Under row-level security PostgreSQL may use an index for a condition only if its functions are leakproof, so
 * migration V4 marks LIKE, ILIKE and lower() leakproof; without that every substring filter, _search and
 * email__iexact would scan all of the customer's rows. The case-insensitive filters of case-folded fields use the
 * trigram and unique indexes of their folded columns (V15).
 */
class RowSecurityPlansTest {
    private final TestService service = TestService.get();

    @ParameterizedTest
    @ValueSource(strings = {"textlike", "texticlike", "lower"})
    void theTextMatchingFunctionsAreLeakproof(String function) {
        boolean leakproof = service.database().withoutCustomer(sql -> sql.fetchSingle(
                "select bool_and(proleakproof) from pg_proc where proname = ?"
                        + " and proargtypes = (select string_agg('25', ' ')::oidvector"
                        + " from generate_series(1, pronargs))", function).get(0, Boolean.class));

        assertThat(leakproof).isTrue();
    }

    @Test
    void everyTenantPolicyReadsTheSettingOncePerStatement() {
        // V13: a scalar subquery is an InitPlan, evaluated once per statement; a bare call runs for every row.
        List<String> perRow = service.database().asOwner(sql -> sql.fetch(
                "select tablename || ': ' || qual || ' / ' || with_check from pg_policies"
                        + " where schemaname = current_schema() and (qual like '%current_customer_id()%'"
                        + " or with_check like '%current_customer_id()%')"
                        + " and not (qual like '%( SELECT current_customer_id()%'"
                        + " and with_check like '%( SELECT current_customer_id()%')").getValues(0, String.class));
        int tenantTables = service.database().asOwner(sql -> sql.fetchCount(sql.selectOne().from("pg_policies")
                .where("schemaname = current_schema()").and("qual like '%current_customer_id()%'")));

        assertThat(perRow).isEmpty();
        assertThat(tenantTables).isGreaterThan(5);
    }

    @Test
    void aCaseInsensitiveEmailLookupUsesTheIndexUnderRowLevelSecurity() {
        String explained = explainedWithRows("email__iexact", "ANNA@X.SE");

        assertThat(explained).contains("organizationuser_email_unique");
    }

    @Test
    void aCaseInsensitiveSubstringFilterOnAFoldedFieldUsesItsTrigramIndexUnderRowLevelSecurity() {
        String explained = explainedWithRows("first_name__icontains", "AnN");

        assertThat(explained).contains("organizationuser_first_name_folded_trgm")
                .contains("first_name_folded ~~ '%ann%'::text").doesNotContain("~~*");
    }

    /**
     * The plan, through the application role, of the rows matching one filter, with seq scans off, for a customer
     * with enough rows, indexed and analyzed, that a scan of all of them is clearly dearer than an index.
     */
    private String explainedWithRows(String parameter, String value) {
        ListPlan plan = ListPlanner.plan(ListRequestParser.parse(List.of(new QueryParameter(parameter, value))),
                OrganizationUsers.ORGANIZATION_USER);
        java.util.UUID customer = service.newCustomer().customerId();
        service.database().asOwner(sql -> {
            sql.execute("insert into organizationuser (customer_id, id, first_name, detail_access, email)"
                    + " select ?::uuid, gen_random_uuid(), 'Plan' || g, 0, 'plan' || g || '@x.se'"
                    + " from generate_series(1, 20000) g", customer);
            // Merges the rows into the trigram indexes, as autovacuum would: while they wait in a GIN index's
            // pending list (fastupdate), the planner prices a scan of that list into every use of the index.
            sql.execute("select gin_clean_pending_list(indexrelid::regclass) from pg_index"
                    + " where indrelid = 'organizationuser'::regclass and indexrelid::regclass::text like '%trgm'");
            return sql.execute("analyze organizationuser");
        });
        return service.database().forCustomer(customer, session -> {
            session.sql().execute("set local enable_seqscan = off");
            String sql = ListSql.explainable(plan, customer);
            return String.join("\n", session.sql().fetch("explain " + sql).getValues(0, String.class));
        });
    }
}
