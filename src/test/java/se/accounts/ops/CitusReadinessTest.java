package se.accounts.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import se.accounts.db.Database;
import se.accounts.support.TestService;

/**
 * The rules Citus needs to distribute every tenant table by customer_id with co-located joins, checked over the
 * migrated schema: tenant tables are found in the catalog (every table with a customer_id column), not from a
 * hand-kept list, so a new table is checked the moment a migration creates it.
 */
class CitusReadinessTest {
    /** Tables of the application's schema, with the attribute number of customer_id (null: not a tenant table). */
    private static final String TABLES = "with tables as (select c.oid, c.relname, (select a.attnum from pg_attribute a"
            + " where a.attrelid = c.oid and a.attname = 'customer_id' and not a.attisdropped) as customer_column"
            + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            + " where n.nspname = current_schema() and c.relkind in ('r', 'p')) ";

    private final Database database = TestService.get().database();

    private List<String> strings(String sql) {
        return database.asOwner(session -> session.fetch(sql).getValues(0, String.class));
    }

    @Test
    void theCatalogFindsTheTenantTables() {
        assertThat(strings(TABLES + "select relname from tables where customer_column is not null"))
                .contains("organization", "organizationuser", "invitation", "mail_outbox", "activation");
    }

    @Test
    void everyTenantTableHasAPrimaryKey() {
        assertThat(strings(TABLES + "select relname from tables t where customer_column is not null"
                + " and not exists (select 1 from pg_constraint p where p.conrelid = t.oid and p.contype = 'p')"))
                .isEmpty();
    }

    @Test
    void customerIdLeadsThePrimaryKeyAndEveryUniqueConstraintAndIndexOfATenantTable() {
        assertThat(strings(TABLES + "select t.relname || ': ' || i.relname from tables t"
                + " join pg_index x on x.indrelid = t.oid join pg_class i on i.oid = x.indexrelid"
                + " where t.customer_column is not null and x.indisunique and x.indkey[0] <> t.customer_column"))
                .isEmpty();
    }

    @Test
    void everyForeignKeyBetweenTenantTablesJoinsCustomerIdToCustomerId() {
        assertThat(strings(TABLES + "select t.relname || ': ' || f.conname from pg_constraint f"
                + " join tables t on t.oid = f.conrelid join tables r on r.oid = f.confrelid"
                + " where f.contype = 'f' and t.customer_column is not null and r.customer_column is not null"
                + " and (f.conkey[1] <> t.customer_column or f.confkey[1] <> r.customer_column)"))
                .isEmpty();
    }

    @Test
    void noTableWithoutCustomerIdReferencesATenantTable() {
        assertThat(strings(TABLES + "select t.relname || ': ' || f.conname from pg_constraint f"
                + " join tables t on t.oid = f.conrelid join tables r on r.oid = f.confrelid"
                + " where f.contype = 'f' and t.customer_column is null and r.customer_column is not null"))
                .isEmpty();
    }

    private static String scalingOutPlan() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("### Scaling out");
        assertThat(start).as("README section 'Scaling out'").isNotNegative();
        Matcher next = Pattern.compile("\n#{1,3} ").matcher(readme);
        return readme.substring(start, next.find(start + 1) ? next.start() : readme.length());
    }

    /** Each table as a literal of the plan's SQL ('name') or as code in its prose (`name`). */
    @Test
    void theReadmesScalingOutPlanNamesEveryTable() throws Exception {
        String plan = scalingOutPlan();

        assertThat(strings(TABLES + "select relname from tables"))
                .allSatisfy(table -> assertThat(plan).as(table)
                        .containsAnyOf("'" + table + "'", "`" + table + "`"));
    }

    /**
     * Citus distributes no table that has a trigger, and creates none on a distributed or reference table, unless
     * {@code citus.enable_unsafe_triggers} is on; then each trigger fires on the worker holding the row, and must
     * touch only rows co-located with it. So the plan says what becomes of each trigger, named as code followed by
     * "trigger" (`name` trigger). Triggers PostgreSQL makes itself (foreign keys) are internal and not listed.
     */
    @Test
    void theReadmesScalingOutPlanNamesEveryTrigger() throws Exception {
        String plan = scalingOutPlan();

        assertThat(strings(TABLES + "select g.tgname || ' (on ' || string_agg(t.relname, ', ' order by t.relname)"
                + " || ')' from tables t join pg_trigger g on g.tgrelid = t.oid where not g.tgisinternal"
                + " group by g.tgname"))
                .allSatisfy(trigger -> assertThat(plan).as(trigger)
                        .contains("`" + trigger.substring(0, trigger.indexOf(" (on ")) + "` trigger"));
    }
}
