-- Work engagements (contract 6.4), declared in entities/Workengagements.java; the schema check at start holds the
-- two together.
CREATE TABLE workengagement (
    customer_id     uuid         NOT NULL REFERENCES customer (id),
    id              uuid         NOT NULL,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    version         bigint       NOT NULL DEFAULT 1,
    name            varchar(255) NOT NULL,
    color_code      varchar(7),
    organization_id uuid,
    custom_id       varchar(128),
    CONSTRAINT workengagement_pkey PRIMARY KEY (customer_id, id),
    CONSTRAINT workengagement_organization_fk FOREIGN KEY (customer_id, organization_id)
        REFERENCES organization (customer_id, id)
);
-- The default list order is -created_at, id.
CREATE INDEX workengagement_created_idx ON workengagement (customer_id, created_at DESC, id);
-- organization=<id> filters, and the reference count before an organization is deleted.
CREATE INDEX workengagement_organization_idx ON workengagement (customer_id, organization_id);
SELECT enable_tenant_security('workengagement');
