-- Row-security policies that read the tenant setting once per statement instead of once per row.
--
-- `customer_id = current_customer_id()` calls the STABLE function (and current_setting with it) for every row the
-- policy tests: a count of 25,000 matching users called it 25,000 times. Written as a scalar subquery,
-- `customer_id = (SELECT current_customer_id())` becomes an InitPlan that PostgreSQL evaluates once when the scan
-- first needs it and then compares like a bound parameter (still usable as an index condition). It means the same:
-- the setting cannot change in the middle of a statement, so once per statement reads what every row would read.
DO
$$
DECLARE
    policy record;
BEGIN
    FOR policy IN
        SELECT p.polname, c.oid::regclass AS tenant_table
        FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
        WHERE pg_get_expr(p.polqual, p.polrelid) = '(customer_id = current_customer_id())'
          AND pg_get_expr(p.polwithcheck, p.polrelid) = '(customer_id = current_customer_id())'
    LOOP
        EXECUTE format('ALTER POLICY %I ON %s USING (customer_id = (SELECT current_customer_id()))'
                       ' WITH CHECK (customer_id = (SELECT current_customer_id()))',
                       policy.polname, policy.tenant_table);
    END LOOP;
END
$$;

-- Tenant tables created from now on get the same form.
CREATE OR REPLACE FUNCTION enable_tenant_security(tenant_table regclass) RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tenant_table);
    EXECUTE format('CREATE POLICY %I ON %s USING (customer_id = (SELECT current_customer_id()))'
                   ' WITH CHECK (customer_id = (SELECT current_customer_id()))',
                   (SELECT relname FROM pg_class WHERE oid = tenant_table) || '_tenant', tenant_table);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO accounts_app', tenant_table);
END
$$;
