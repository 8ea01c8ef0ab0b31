-- Webhook subscriptions and their deliveries (contract 10.2).

CREATE TABLE webhook (
    customer_id           uuid          NOT NULL REFERENCES customer (id),
    id                    uuid          NOT NULL,
    created_at            timestamptz   NOT NULL DEFAULT now(),
    version               bigint        NOT NULL DEFAULT 1,
    custom_id             varchar(128),
    url                   varchar(2000) NOT NULL,
    event_identifiers     jsonb         NOT NULL DEFAULT '[]',
    timeout_seconds       integer       NOT NULL DEFAULT 10 CHECK (timeout_seconds BETWEEN 10 AND 60),
    is_active             boolean       NOT NULL DEFAULT true,
    description           varchar(255),
    -- The HMAC key deliveries are signed with. It must be usable to compute signatures, so it cannot be stored
    -- as a hash: it is protected like the rest of the database (the application role reaches it only through
    -- row-level security, it is never logged) and shown once, in the create response (webhook_view).
    -- gen_random_uuid() draws from PostgreSQL's strong random source: 244 random bits per secret.
    secret                text          NOT NULL DEFAULT 'whsec_' || encode(sha256(
        (gen_random_uuid()::text || gen_random_uuid()::text)::bytea), 'hex'),
    -- The transaction that created the row, so that only its own create response shows the secret.
    created_xid           xid8          NOT NULL DEFAULT pg_current_xact_id(),
    -- The last event sequence handed to a delivery (or skipped as not matching); starts at the customer's
    -- latest event, so events from before the subscription are not delivered.
    last_queued_sequence  bigint        NOT NULL DEFAULT 0,
    last_delivery_at      timestamptz,
    last_delivery_status  varchar(16),
    consecutive_failures  integer       NOT NULL DEFAULT 0,
    CONSTRAINT webhook_pkey PRIMARY KEY (customer_id, id)
);
CREATE INDEX webhook_created_idx ON webhook (customer_id, created_at DESC, id);
SELECT enable_tenant_security('webhook');

-- A new subscription, and one switched back on, starts after the customer's latest event: inactive subscriptions
-- receive nothing and do not queue (contract 10.2).
CREATE FUNCTION webhook_starts_at_latest_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.is_active AND NOT OLD.is_active THEN
        NEW.last_queued_sequence := coalesce((SELECT last_sequence FROM event_counter
                                              WHERE customer_id = NEW.customer_id), 0);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER webhook_starts_at_latest_event BEFORE INSERT OR UPDATE OF is_active ON webhook
    FOR EACH ROW EXECUTE FUNCTION webhook_starts_at_latest_event();

-- One batch of at most 100 events for one subscription. A subscription has at most one pending delivery (the
-- dispatcher queues the next batch only after the previous one was delivered or given up), which keeps batches in
-- order. Rows are claimed with FOR UPDATE SKIP LOCKED plus a lease, like the mail outbox.
CREATE TABLE webhook_delivery (
    customer_id          uuid         NOT NULL REFERENCES customer (id),
    id                   uuid         NOT NULL,
    created_at           timestamptz  NOT NULL DEFAULT now(),
    version              bigint       NOT NULL DEFAULT 1,
    webhook_id           uuid         NOT NULL,
    event_ids            uuid[]       NOT NULL,
    first_sequence       bigint       NOT NULL,
    last_sequence        bigint       NOT NULL,
    event_count          integer      NOT NULL,
    status               varchar(16)  NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts             integer      NOT NULL DEFAULT 0,
    next_attempt_at      timestamptz  NOT NULL DEFAULT now(),
    lease_until          timestamptz,
    last_attempt_at      timestamptz,
    last_response_status integer,
    last_error           varchar(255),
    CONSTRAINT webhook_delivery_pkey PRIMARY KEY (customer_id, id),
    CONSTRAINT webhook_delivery_webhook_fk FOREIGN KEY (customer_id, webhook_id)
        REFERENCES webhook (customer_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX webhook_delivery_one_pending ON webhook_delivery (customer_id, webhook_id)
    WHERE status = 'pending';
-- What the dispatcher polls: only pending rows, oldest due first.
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_delivery_created_idx ON webhook_delivery (customer_id, created_at DESC, id);
CREATE INDEX webhook_delivery_webhook_idx ON webhook_delivery (customer_id, webhook_id);
SELECT enable_tenant_security('webhook_delivery');

-- The resources as the list engine reads (and, for webhook, writes) them. The secret shows only in the
-- transaction that created the subscription: its create response.
CREATE VIEW webhook_view WITH (security_invoker = true) AS
SELECT customer_id, id, created_at, version, custom_id, url, event_identifiers, timeout_seconds, is_active,
       description,
       (CASE WHEN created_xid = pg_current_xact_id_if_assigned() THEN secret END)::varchar(100) AS secret,
       last_delivery_at, last_delivery_status, consecutive_failures
FROM webhook;

CREATE VIEW webhookdelivery_view WITH (security_invoker = true) AS
SELECT customer_id, id, created_at, version, webhook_id, first_sequence, last_sequence, event_count, status,
       attempts, last_attempt_at, last_response_status, last_error
FROM webhook_delivery;

GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_view TO accounts_app;
GRANT SELECT ON webhookdelivery_view TO accounts_app;
