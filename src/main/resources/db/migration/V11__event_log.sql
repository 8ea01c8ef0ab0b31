-- The event log (contract 10.1): one row per change the API makes, written in the transaction of the change.

-- The last sequence number handed out per customer. A writing transaction takes its numbers here as its very last
-- statement before COMMIT (events.PendingEvents), so the row lock orders the transactions of one customer by
-- commit: a reader that sees sequence n sees every smaller one too (the sync guarantee; see PendingEvents).
CREATE TABLE event_counter (
    customer_id   uuid   NOT NULL REFERENCES customer (id),
    last_sequence bigint NOT NULL,
    CONSTRAINT event_counter_pkey PRIMARY KEY (customer_id)
);
SELECT enable_tenant_security('event_counter');

-- Relations are recorded ids without foreign keys: an event keeps naming its object, user or integration after
-- they were deleted or revoked.
CREATE TABLE event_log (
    customer_id                       uuid         NOT NULL REFERENCES customer (id),
    id                                uuid         NOT NULL,
    sequence                          bigint       NOT NULL,
    created_at                        timestamptz  NOT NULL DEFAULT now(),
    content_type                      varchar(100) NOT NULL,
    event_identifier                  varchar(150) NOT NULL,
    object_id                         uuid         NOT NULL,
    custom_id                         varchar(128),
    event_context                     jsonb        NOT NULL DEFAULT '{}',
    triggered_by_integration_id       uuid,
    triggered_by_organization_user_id uuid,
    CONSTRAINT event_log_pkey PRIMARY KEY (customer_id, id),
    -- The sync query (sequence__gt=N&_order_by=sequence) reads this index in order and stops after a page.
    CONSTRAINT event_log_sequence_unique UNIQUE (customer_id, sequence)
);
-- The default list order (-created_at, id), and retention (created_at < cut-off, customer by customer).
CREATE INDEX event_log_created_idx ON event_log (customer_id, created_at DESC, id);
-- object_id=<id> lists, and clearing custom_id in an anonymized user's events.
CREATE INDEX event_log_object_idx ON event_log (customer_id, object_id);
SELECT enable_tenant_security('event_log');

-- The resource as the list engine reads it: every entity has a version (for ETags); events never change.
CREATE VIEW eventlog_view WITH (security_invoker = true) AS
SELECT customer_id, id, 1::bigint AS version, sequence, created_at, content_type, event_identifier, object_id,
       custom_id, event_context, triggered_by_integration_id, triggered_by_organization_user_id
FROM event_log;

GRANT SELECT ON eventlog_view TO accounts_app;
