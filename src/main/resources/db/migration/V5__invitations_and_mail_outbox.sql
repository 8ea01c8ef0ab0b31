-- Invitations (contract 7) and the transactional mail outbox that delivers them.

-- Set when an invitation is accepted; an argon2id hash, never returned by the API.
ALTER TABLE organizationuser ADD COLUMN password_hash text;

-- state is what happened to an invitation; whether a pending one has expired follows from expires_at and is
-- computed when read (invitation_view), so no job has to flip rows at the right moment. A re-invite stores
-- 'expired' for an old pending invitation that had already run out, 'revoked' for one that had not.
CREATE TABLE invitation (
    customer_id uuid         NOT NULL REFERENCES customer (id),
    id          uuid         NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    version     bigint       NOT NULL DEFAULT 1,
    user_id     uuid         NOT NULL,
    email       varchar(254) NOT NULL,
    -- SHA-256 of the token in the last mail sent for this invitation; the token itself is never stored. The
    -- token is random (256 bits), so a fast hash is enough: there is nothing to brute-force.
    token_hash  bytea,
    expires_at  timestamptz  NOT NULL,
    state       text         NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'accepted', 'revoked', 'expired')),
    accepted_at timestamptz,
    revoked_at  timestamptz,
    CONSTRAINT invitation_pkey PRIMARY KEY (customer_id, id),
    -- Deleting a user deletes its invitations, so their tokens stop working with it.
    CONSTRAINT invitation_user_fk FOREIGN KEY (customer_id, user_id)
        REFERENCES organizationuser (customer_id, id) ON DELETE CASCADE
);
-- Accepting finds the invitation by its token alone (there are no tenant headers then).
CREATE UNIQUE INDEX invitation_token_hash_unique ON invitation (token_hash);
-- At most one pending invitation per user: inviting again revokes the earlier one first.
CREATE UNIQUE INDEX invitation_one_pending ON invitation (customer_id, user_id) WHERE state = 'pending';
-- The default list order, and user=<id> lists.
CREATE INDEX invitation_created_idx ON invitation (customer_id, created_at DESC, id);
CREATE INDEX invitation_user_idx ON invitation (customer_id, user_id);

-- Mail to send, written in the transaction that makes it necessary and delivered by a background sender on any
-- instance after that transaction commits. The body is composed when sending (an invitation's token is created
-- then), so no secret is stored here. Rows are claimed with FOR UPDATE SKIP LOCKED plus a lease, so instances
-- never send the same row at once, and a crashed instance's claim runs out.
CREATE TABLE mail_outbox (
    customer_id     uuid         NOT NULL REFERENCES customer (id),
    id              uuid         NOT NULL,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    kind            text         NOT NULL,
    reference_id    uuid         NOT NULL,
    recipient       varchar(254) NOT NULL,
    status          text         NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    attempts        integer      NOT NULL DEFAULT 0,
    next_attempt_at timestamptz  NOT NULL DEFAULT now(),
    lease_until     timestamptz,
    last_error      text,
    sent_at         timestamptz,
    CONSTRAINT mail_outbox_pkey PRIMARY KEY (customer_id, id)
);
-- What the sender polls: only queued rows, oldest due first.
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE status = 'queued';
-- The delivery state of an invitation (invitation_view).
CREATE INDEX mail_outbox_reference_idx ON mail_outbox (customer_id, reference_id);

-- The invitation resource (contract 7.3) as the list engine reads it. security_invoker keeps row-level security
-- of the underlying tables in force for the application role.
CREATE VIEW invitation_view WITH (security_invoker = true) AS
SELECT i.customer_id,
       i.id,
       i.created_at,
       i.version,
       i.user_id,
       i.expires_at,
       CASE WHEN i.state = 'pending' AND i.expires_at <= now() THEN 'expired' ELSE i.state END AS status,
       m.sent_at,
       coalesce(m.status, 'queued') AS delivery_status,
       coalesce(m.attempts, 0)      AS delivery_attempts,
       i.accepted_at
FROM invitation i
LEFT JOIN mail_outbox m ON m.customer_id = i.customer_id AND m.reference_id = i.id AND m.kind = 'invitation';

-- Fixed-window counters shared by every instance (accepting invitations, per client address). Not tenant data.
CREATE TABLE rate_limit (
    bucket       text        NOT NULL,
    window_start timestamptz NOT NULL,
    hits         integer     NOT NULL,
    CONSTRAINT rate_limit_pkey PRIMARY KEY (bucket, window_start)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit TO accounts_app;

DO $$
DECLARE
    tenant_table text;
BEGIN
    FOREACH tenant_table IN ARRAY ARRAY['invitation', 'mail_outbox'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format('CREATE POLICY %I ON %I USING (customer_id = current_customer_id())'
                       ' WITH CHECK (customer_id = current_customer_id())', tenant_table || '_tenant', tenant_table);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO accounts_app', tenant_table);
    END LOOP;
END
$$;
GRANT SELECT ON invitation_view TO accounts_app;
