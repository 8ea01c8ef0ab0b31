-- Customers (tenants) and the integration credentials that act for them.
--
-- Requests run as the non-superuser role accounts_app so that row-level security applies to them (superusers and
-- table owners bypass it). Roles are cluster-wide, hence the guard.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'accounts_app') THEN
        CREATE ROLE accounts_app NOLOGIN;
    END IF;
END
$$;
GRANT accounts_app TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO accounts_app;

-- The customer a transaction belongs to; set per transaction with set_config('app.customer_id', ..., true) so a
-- pooled connection never carries a tenant over. Unset or '' reads as NULL, which matches no row.
CREATE FUNCTION current_customer_id() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$ SELECT NULLIF(current_setting('app.customer_id', true), '')::uuid $$;

CREATE TABLE customer (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT customer_name_unique UNIQUE (name)
);

CREATE TABLE application (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE service (
    id             uuid        PRIMARY KEY,
    application_id uuid        NOT NULL REFERENCES application (id),
    name           text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- Permissions are granted per service version as '<app>.<model>.<action>' strings; '*' grants every permission,
-- including those of entities added later.
CREATE TABLE service_version (
    id          uuid        PRIMARY KEY,
    service_id  uuid        NOT NULL REFERENCES service (id),
    version     text        NOT NULL,
    permissions text[]      NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- A customer's activation of a service version: the integration user agent (content type
-- accounts.integrationuseragent) that X-PIGELLO-CLIENT-ENTITY names. The secret is kept only as an argon2id hash.
CREATE TABLE activation (
    id                 uuid        PRIMARY KEY,
    customer_id        uuid        NOT NULL REFERENCES customer (id),
    service_version_id uuid        NOT NULL REFERENCES service_version (id),
    secret_hash        text        NOT NULL,
    active             boolean     NOT NULL DEFAULT true,
    created_at         timestamptz NOT NULL DEFAULT now(),
    revoked_at         timestamptz
);
CREATE INDEX activation_customer_idx ON activation (customer_id);

GRANT SELECT ON customer, application, service, service_version, activation TO accounts_app;
