-- The second wall every tenant table gets, in one place instead of the block V2, V3 and V5 repeat: row-level
-- security with a policy confining reads (USING) and writes (WITH CHECK) to the transaction's customer, and the
-- application role's grants. Every tenant table from V10 on calls it right after CREATE TABLE:
--     SELECT enable_tenant_security('<table>');
-- The schema check at start (query.SchemaCheck) refuses to serve an entity whose table lacks either.
CREATE FUNCTION enable_tenant_security(tenant_table regclass) RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tenant_table);
    EXECUTE format('CREATE POLICY %I ON %s USING (customer_id = current_customer_id())'
                   ' WITH CHECK (customer_id = current_customer_id())',
                   (SELECT relname FROM pg_class WHERE oid = tenant_table) || '_tenant', tenant_table);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO accounts_app', tenant_table);
END
$$;
-- Only migrations (run as the owner) enable security; the application role has no use for it.
REVOKE ALL ON FUNCTION enable_tenant_security(regclass) FROM PUBLIC;
