-- The first tenant entities. Conventions every tenant table follows (the metamodel relies on them):
--   * customer_id first in the primary key and in every unique constraint and foreign key, so a row can never
--     point at another customer's row and the tables can be sharded by customer (Citus) unchanged;
--   * created_at is the writing transaction's time, version counts writes (it is the ETag);
--   * foreign keys are named <table>_<field>_fk and unique constraints as the entity declares them, so violations
--     map back to the field that caused them;
--   * row-level security on current_customer_id() as a second wall behind the query builders.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE organization (
    customer_id     uuid         NOT NULL REFERENCES customer (id),
    id              uuid         NOT NULL,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    version         bigint       NOT NULL DEFAULT 1,
    name            varchar(255) NOT NULL,
    organization_id uuid,
    custom_id       varchar(128),
    CONSTRAINT organization_pkey PRIMARY KEY (customer_id, id),
    CONSTRAINT organization_name_unique UNIQUE (customer_id, name),
    CONSTRAINT organization_organization_fk FOREIGN KEY (customer_id, organization_id)
        REFERENCES organization (customer_id, id)
);
-- The default list order is -created_at, id.
CREATE INDEX organization_created_idx ON organization (customer_id, created_at DESC, id);
-- Child lookups, and the reference count before a delete.
CREATE INDEX organization_parent_idx ON organization (customer_id, organization_id);

CREATE TABLE role (
    customer_id     uuid         NOT NULL REFERENCES customer (id),
    id              uuid         NOT NULL,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    version         bigint       NOT NULL DEFAULT 1,
    name            varchar(255) NOT NULL,
    custom_id       varchar(128),
    organization_id uuid,
    CONSTRAINT role_pkey PRIMARY KEY (customer_id, id),
    CONSTRAINT role_name_unique UNIQUE (customer_id, name),
    CONSTRAINT role_organization_fk FOREIGN KEY (customer_id, organization_id)
        REFERENCES organization (customer_id, id)
);
CREATE INDEX role_created_idx ON role (customer_id, created_at DESC, id);
CREATE INDEX role_organization_idx ON role (customer_id, organization_id);

CREATE TABLE externalclient (
    customer_id     uuid         NOT NULL REFERENCES customer (id),
    id              uuid         NOT NULL,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    version         bigint       NOT NULL DEFAULT 1,
    name            varchar(255) NOT NULL,
    custom_id       varchar(128),
    organization_id uuid,
    CONSTRAINT externalclient_pkey PRIMARY KEY (customer_id, id),
    CONSTRAINT externalclient_organization_fk FOREIGN KEY (customer_id, organization_id)
        REFERENCES organization (customer_id, id)
);
CREATE INDEX externalclient_created_idx ON externalclient (customer_id, created_at DESC, id);
CREATE INDEX externalclient_organization_idx ON externalclient (customer_id, organization_id);

-- Responses to POSTs sent with an Idempotency-Key, per activation, kept 24 hours. A row without status is a
-- request still running.
CREATE TABLE idempotency_key (
    customer_id   uuid         NOT NULL REFERENCES customer (id),
    activation_id uuid         NOT NULL,
    key           varchar(255) NOT NULL,
    request_hash  text         NOT NULL,
    status        integer,
    response_body bytea,
    response_etag text,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT idempotency_key_pkey PRIMARY KEY (customer_id, activation_id, key)
);

DO $$
DECLARE
    tenant_table text;
BEGIN
    FOREACH tenant_table IN ARRAY ARRAY['organization', 'role', 'externalclient', 'idempotency_key'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format('CREATE POLICY %I ON %I USING (customer_id = current_customer_id())'
                       ' WITH CHECK (customer_id = current_customer_id())', tenant_table || '_tenant', tenant_table);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO accounts_app', tenant_table);
    END LOOP;
END
$$;
