-- Ready for Citus (distribution by customer_id, see the README's "Scaling out"): a distributed table's primary key
-- and unique indexes must contain the distribution column. CitusReadinessTest checks every tenant table.

-- An activation is always checked together with its customer (both arrive as headers), so its key can lead with
-- the customer like every other tenant table's.
ALTER TABLE activation DROP CONSTRAINT activation_pkey;
ALTER TABLE activation ADD CONSTRAINT activation_pkey PRIMARY KEY (customer_id, id);
-- The new key serves lookups by customer; revoking by id alone (client revoke) gets an index of its own.
DROP INDEX activation_customer_idx;
CREATE INDEX activation_id_idx ON activation (id);

-- A token hash is unique per customer. Across customers it is unique by construction (SHA-256 of 256 random
-- bits), and accepting still finds an invitation by its token alone through the plain index.
DROP INDEX invitation_token_hash_unique;
CREATE UNIQUE INDEX invitation_token_hash_unique ON invitation (customer_id, token_hash);
CREATE INDEX invitation_token_hash_idx ON invitation (token_hash);
