-- A data version per customer and table, so that a cached count (`_statistics=true`) can tell whether it is still
-- exact: every statement that inserts, updates or deletes rows of a tenant table raises the version of each
-- customer it touched, in the same transaction. A count is cached with the version read in the same statement
-- (one snapshot), and served again only while the version read in a later transaction is unchanged. The version
-- lives here, not in a service instance, so instances sharing the database see each other's writes.
--
-- The version is raised at commit, by a deferred constraint trigger: raised by the statement itself, the version
-- row stayed locked until the commit, and two bulk writes of one customer deadlocked (one waiting for the version
-- row, the other for an email the first had inserted; hardening/ConcurrencyTest). At commit a transaction has no
-- statement left that could wait for another, so waiting for the version row cannot close a cycle. The trigger
-- runs per row but raises each customer's version of each table once per transaction (a transaction-local flag).
CREATE TABLE data_version (
    customer_id uuid   NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    table_name  text   NOT NULL,
    version     bigint NOT NULL,
    PRIMARY KEY (customer_id, table_name)
);
SELECT enable_tenant_security('data_version');
-- The application only reads versions; the triggers (run as the owner) write them.
REVOKE INSERT, UPDATE, DELETE ON data_version FROM accounts_app;

CREATE FUNCTION raise_data_version() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS
$$
DECLARE
    changed_customer uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.customer_id ELSE NEW.customer_id END;
    raised text := 'data_version.t' || md5(TG_TABLE_NAME || ':' || changed_customer);
BEGIN
    IF current_setting(raised, true) IS DISTINCT FROM 'raised' THEN
        INSERT INTO data_version (customer_id, table_name, version) VALUES (changed_customer, TG_TABLE_NAME, 1)
        ON CONFLICT (customer_id, table_name) DO UPDATE SET version = data_version.version + 1;
        PERFORM set_config(raised, 'raised', true);
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION raise_data_version() FROM PUBLIC;

CREATE FUNCTION track_data_version(tenant_table regclass) RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    EXECUTE format('CREATE CONSTRAINT TRIGGER data_version AFTER INSERT OR UPDATE OR DELETE ON %s'
                   ' DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_data_version()',
                   tenant_table);
END
$$;
REVOKE ALL ON FUNCTION track_data_version(regclass) FROM PUBLIC;

-- Every tenant table whose rows a list can count (the bookkeeping tables idempotency_key and mail_outbox are
-- never listed).
DO
$$
DECLARE
    tenant_table regclass;
BEGIN
    FOR tenant_table IN
        SELECT DISTINCT p.polrelid::regclass FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
        WHERE c.relkind = 'r' AND c.relname NOT IN ('data_version', 'idempotency_key', 'mail_outbox')
    LOOP
        PERFORM track_data_version(tenant_table);
    END LOOP;
END
$$;

-- Tenant tables created from now on are tracked too.
CREATE OR REPLACE FUNCTION enable_tenant_security(tenant_table regclass) RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tenant_table);
    EXECUTE format('CREATE POLICY %I ON %s USING (customer_id = (SELECT current_customer_id()))'
                   ' WITH CHECK (customer_id = (SELECT current_customer_id()))',
                   (SELECT relname FROM pg_class WHERE oid = tenant_table) || '_tenant', tenant_table);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO accounts_app', tenant_table);
    PERFORM track_data_version(tenant_table);
END
$$;
