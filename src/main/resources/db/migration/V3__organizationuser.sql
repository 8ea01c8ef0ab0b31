-- Organization users (contract 6.1), with the conventions of V2: customer_id first in every key, named
-- constraints the metamodel maps back to fields, row-level security.
CREATE TABLE organizationuser (
    customer_id                       uuid         NOT NULL REFERENCES customer (id),
    id                                uuid         NOT NULL,
    created_at                        timestamptz  NOT NULL DEFAULT now(),
    version                           bigint       NOT NULL DEFAULT 1,
    custom_id                         varchar(128),
    username                          varchar(150),
    email                             varchar(254),
    email_verified                    boolean      NOT NULL DEFAULT false,
    phone_number                      varchar(36),
    phone_number_verified             boolean      NOT NULL DEFAULT false,
    first_name                        varchar(255),
    last_name                         varchar(255),
    corporate_name                    varchar(255),
    ssn                               varchar(13),
    ssn_is_coordination_number        boolean      NOT NULL DEFAULT false,
    birth_date                        date,
    org_no                            varchar(11),
    fmi                               varchar(20),
    organization_id                   uuid,
    role_id                           uuid,
    detail_access                     integer      NOT NULL CHECK (detail_access IN (0, 1, 2)),
    is_active                         boolean      NOT NULL DEFAULT true,
    active_to                         timestamptz,
    anonymized                        boolean      NOT NULL DEFAULT false,
    anonymization_name                varchar(255),
    last_login                        timestamptz,
    mfa_has_totp                      boolean      NOT NULL DEFAULT false,
    mfa_has_hotp                      boolean      NOT NULL DEFAULT false,
    hotp_invite_sendout_time          timestamptz,
    prefer_invoice_view_only          boolean      NOT NULL DEFAULT false,
    invoice_distribution_instruction  jsonb,
    reminder_distribution_instruction jsonb,
    debt_distribution_instruction     jsonb,
    send_out_distribution_instruction jsonb,
    CONSTRAINT organizationuser_pkey PRIMARY KEY (customer_id, id),
    CONSTRAINT organizationuser_username_unique UNIQUE (customer_id, username),
    CONSTRAINT organizationuser_organization_fk FOREIGN KEY (customer_id, organization_id)
        REFERENCES organization (customer_id, id),
    CONSTRAINT organizationuser_role_fk FOREIGN KEY (customer_id, role_id)
        REFERENCES role (customer_id, id)
);

-- Names sort the Swedish way (å, ä, ö after z) where the server has ICU, whatever the database's default
-- collation (contract 9). Done before the generated columns below, which would forbid changing them.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'sv-x-icu') THEN
        ALTER TABLE organizationuser
            ALTER COLUMN first_name TYPE varchar(255) COLLATE "sv-x-icu",
            ALTER COLUMN last_name TYPE varchar(255) COLLATE "sv-x-icu",
            ALTER COLUMN corporate_name TYPE varchar(255) COLLATE "sv-x-icu";
    END IF;
END
$$;

-- Stored so they cost nothing to read. Names are stored trimmed and never empty (the service turns "" into
-- null), so plain concatenation gives the contract's "first last, trimmed".
ALTER TABLE organizationuser
    ADD COLUMN full_name text GENERATED ALWAYS AS (
        CASE
            WHEN first_name IS NOT NULL AND last_name IS NOT NULL THEN first_name || ' ' || last_name
            ELSE coalesce(first_name, last_name, corporate_name)
        END) STORED,
    ADD COLUMN communication_name text GENERATED ALWAYS AS (coalesce(first_name, corporate_name, last_name)) STORED,
    -- The search fields joined by spaces and lowercased, so one trigram index answers _search. A search term
    -- never contains whitespace, so it matches this text exactly when it matches one of the fields. Lowercased
    -- once here because ILIKE on UTF-8 text lowercases both sides on every comparison: LIKE against lower(term)
    -- is the same match (that is how ILIKE is defined for multibyte text) at a fraction of the cost (benchmark Q4:
    -- 178 ms at 16 connections before). Must list the entity's search fields (OrganizationUsers);
    -- OrganizationUserOperationsTest searches by each of them.
    ADD COLUMN search_text text GENERATED ALWAYS AS (lower(
        coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(corporate_name, '') || ' '
        || coalesce(email, '') || ' ' || coalesce(username, '') || ' ' || coalesce(phone_number, '') || ' '
        || coalesce(custom_id, '') || ' ' || coalesce(ssn, '') || ' ' || coalesce(org_no, ''))) STORED;

-- Case-insensitive uniqueness of email per customer, enforced by the database so concurrent writes cannot both
-- win. Also serves email__iexact (rendered as lower(email) = lower(?)).
CREATE UNIQUE INDEX organizationuser_email_unique ON organizationuser (customer_id, lower(email));
-- The default list order (-created_at, id): a page is read straight off this index.
CREATE INDEX organizationuser_created_idx ON organizationuser (customer_id, created_at DESC, id);
-- _order_by=last_name (with or without filters that most rows pass, such as is_active=true): the index delivers
-- rows in order so a page stops after page * size rows instead of sorting all of them.
CREATE INDEX organizationuser_last_name_idx ON organizationuser (customer_id, last_name, id);
-- is_active=false picks out the few inactive users; with created_at the default order follows from the index.
CREATE INDEX organizationuser_active_idx ON organizationuser (customer_id, is_active, created_at DESC, id);
-- organization=<id> lists and counts, and the reference count before an organization is deleted.
CREATE INDEX organizationuser_organization_idx ON organizationuser (customer_id, organization_id, created_at DESC, id);
-- The reference count before a role is deleted.
CREATE INDEX organizationuser_role_idx ON organizationuser (customer_id, role_id);
-- _search: every term is a substring match (ILIKE '%term%') on search_text; trigrams make that an index lookup.
CREATE INDEX organizationuser_search_trgm ON organizationuser USING gin (search_text gin_trgm_ops);
-- icontains on the names and the email, the substring filters integrations use most; the other string fields
-- are short identifiers usually matched exactly and do not pay for a trigram index on every write.
CREATE INDEX organizationuser_first_name_trgm ON organizationuser USING gin (first_name gin_trgm_ops);
CREATE INDEX organizationuser_last_name_trgm ON organizationuser USING gin (last_name gin_trgm_ops);
CREATE INDEX organizationuser_corporate_name_trgm ON organizationuser USING gin (corporate_name gin_trgm_ops);
CREATE INDEX organizationuser_email_trgm ON organizationuser USING gin (email gin_trgm_ops);

-- external_clients: one row per (user, external client). Deleting an external client removes it from every
-- user (contract 9); deleting a user removes its links.
CREATE TABLE organizationuser_external_client (
    customer_id         uuid NOT NULL,
    organizationuser_id uuid NOT NULL,
    externalclient_id   uuid NOT NULL,
    CONSTRAINT organizationuser_external_client_pkey
        PRIMARY KEY (customer_id, organizationuser_id, externalclient_id),
    CONSTRAINT organizationuser_external_client_owner_fk FOREIGN KEY (customer_id, organizationuser_id)
        REFERENCES organizationuser (customer_id, id) ON DELETE CASCADE,
    CONSTRAINT organizationuser_external_client_external_clients_fk FOREIGN KEY (customer_id, externalclient_id)
        REFERENCES externalclient (customer_id, id) ON DELETE CASCADE
);
-- external_clients=<id> filters and the cascade when an external client is deleted.
CREATE INDEX organizationuser_external_client_target_idx
    ON organizationuser_external_client (customer_id, externalclient_id);

DO $$
DECLARE
    tenant_table text;
BEGIN
    FOREACH tenant_table IN ARRAY ARRAY['organizationuser', 'organizationuser_external_client'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format('CREATE POLICY %I ON %I USING (customer_id = current_customer_id())'
                       ' WITH CHECK (customer_id = current_customer_id())', tenant_table || '_tenant', tenant_table);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO accounts_app', tenant_table);
    END LOOP;
END
$$;
