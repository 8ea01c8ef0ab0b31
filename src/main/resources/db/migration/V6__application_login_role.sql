-- Requests log in as accounts_app instead of switching to it with SET ROLE (a rollback or RESET ROLE undid the
-- switch, and the connection then ran as the owner, for which row-level security does not apply). Unless the
-- operator manages that login (ACCOUNTS_DB_APP_USER), the owner gives accounts_app LOGIN and the password kept here,
-- which the first instance generates and every later one reads back (db/ApplicationRole.java).
--
-- Only the owner may read this table: no grant to accounts_app, now or later. That is why migrations grant the
-- application role its privileges table by table (as V1-V5 do, and every later migration must for the tables it
-- creates) rather than through ALTER DEFAULT PRIVILEGES, which would also hand it every owner-only table to come.
CREATE TABLE application_role_secret (
    role_name  text        PRIMARY KEY,
    password   text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON application_role_secret FROM PUBLIC;

-- The threat model of row-level security here, which V4's comment ("reveals nothing") overstated.
--
-- Row-level security is the second wall against our own mistakes: a query built without its customer predicate
-- still returns only the rows of the transaction's customer (app.customer_id). It is not a defence against SQL
-- injection: whoever runs arbitrary SQL as the application role can call set_config('app.customer_id', ...) with
-- any customer and read that customer's rows outright. Every statement the application role runs is written by
-- this service, with request values only as bind parameters.
--
-- LEAKPROOF (V4) only decides whether PostgreSQL may evaluate a condition on rows before the policy has filtered
-- them. A function that is not truly leakproof can then reveal something about those rows through an error, and
-- LIKE/ILIKE do raise errors (a pattern ending in the escape character; lower() raises none for valid text). The marking
-- never changes which rows a query returns, so it cannot weaken the wall against a forgotten predicate; exploiting
-- it needs a query crafted to fail depending on hidden rows, that is, an author of SQL, and an author of SQL as
-- this role can read any customer anyway. The errors of these functions depend on the pattern, which the query
-- builder always escapes into a well-formed one, never on a row's value. So V4's marking stays; it is only sound
-- while no untrusted party can run SQL as this role, which the service guarantees by construction, and it applies
-- to this database only (pg_proc is per database), where no other role relies on row-level security.
