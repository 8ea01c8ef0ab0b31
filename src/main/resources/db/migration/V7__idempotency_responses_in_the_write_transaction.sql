-- Idempotency-Key (issue 12, item 4). A stored response is now inserted in the transaction of the write it
-- answers, so a row always holds a finished response and commits or rolls back with its write. A request still
-- running is a transaction-scoped advisory lock, which ends with its transaction, even when the instance dies.
-- Rows of the previous release without a status are claims of requests that never finished (a crash left them
-- "running" for 24 hours); nothing was stored for them, so they go.
DELETE FROM idempotency_key WHERE status IS NULL;
ALTER TABLE idempotency_key
    ALTER COLUMN status SET NOT NULL,
    ALTER COLUMN response_body SET NOT NULL,
    -- The ids of the objects the response shows (the created object, the items of a bulk write). A response
    -- holds personal data, so the transaction that anonymizes an object replaces every response holding it.
    ADD COLUMN object_ids uuid[] NOT NULL DEFAULT '{}';

-- Responses of the previous release: their object ids, read from the response (an object or a list of objects).
UPDATE idempotency_key SET object_ids = ARRAY(
    WITH response AS (SELECT convert_from(response_body, 'UTF8')::jsonb AS body)
    SELECT (item ->> 'id')::uuid
    FROM response, jsonb_array_elements(CASE jsonb_typeof(body) WHEN 'array' THEN body
                                        ELSE jsonb_build_array(body) END) item
    WHERE jsonb_typeof(item) = 'object' AND item ->> 'id' ~ '^[0-9a-fA-F-]{36}$');

-- Anonymization finds the responses that hold an object; the purge finds those past the key's lifetime.
CREATE INDEX idempotency_key_objects_idx ON idempotency_key USING gin (object_ids);
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
