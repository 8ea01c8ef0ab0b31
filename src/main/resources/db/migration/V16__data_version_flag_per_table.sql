-- V13_1 raised each customer's version of a table once per transaction, remembering it in a transaction-local
-- setting named after the table and the customer. Only a setting's value is transaction-local: its name, once
-- used, stays defined on the server connection for the connection's life (PostgreSQL never removes a custom
-- setting), so every pooled connection collected one setting per table and customer it ever wrote, thousands on a
-- long-lived connection of a service with many customers (measured: 187,792 bytes more on one connection after
-- writes for 500 customers; CountCacheTest).
--
-- Now there is one setting per table, and its value is the customer whose version this transaction raised last:
-- the names are bounded by the tables, and the check stays a setting read per row (no access to data_version; a
-- bulk write of 1000 users took as long as before, within this machine's noise).
-- A request's transaction writes one customer, so it still raises each table's version once; a transaction over
-- several customers raises again whenever it returns to one, which costs a spare raise and is still exact.
CREATE OR REPLACE FUNCTION raise_data_version() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS
$$
DECLARE
    changed_customer uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.customer_id ELSE NEW.customer_id END;
    raised_for text := 'data_version.' || TG_TABLE_NAME;
BEGIN
    IF current_setting(raised_for, true) IS DISTINCT FROM changed_customer::text THEN
        INSERT INTO data_version (customer_id, table_name, version) VALUES (changed_customer, TG_TABLE_NAME, 1)
        ON CONFLICT (customer_id, table_name) DO UPDATE SET version = data_version.version + 1;
        PERFORM set_config(raised_for, changed_customer::text, true);
    END IF;
    RETURN NULL;
END
$$;
