-- Case-insensitive filters (iexact, icontains, istartswith, iendswith) on the fields users filter that way on large
-- tables match a stored lowercased copy instead of running ILIKE, whose recheck lowercases every candidate row
-- through ICU (first_name__icontains=ann&_statistics=true over 100,000 users: the count spent its time there).
-- The copies are declared in the metamodel (Attribute.caseFolded, OrganizationUsers); the schema check verifies
-- each one is generated from lower() of its field and has collation "C".
--
-- The same match as ILIKE: PostgreSQL evaluates ILIKE on UTF-8 text as LIKE between lower() of both sides, and the
-- service lowers the pattern with lower() under the database's default collation; folding the stored side under
-- the same default collation (not the field's own sv-x-icu, which folds identically wherever the default is ICU,
-- as in the embedded database) keeps the two sides alike on any server. COLLATE "C" makes = and LIKE a byte
-- compare. text, not varchar(n): lowercasing may lengthen a value (U+0130 becomes two characters).
ALTER TABLE organizationuser
    ADD COLUMN first_name_folded text COLLATE "C"
        GENERATED ALWAYS AS (lower(first_name::text COLLATE "default")) STORED,
    ADD COLUMN last_name_folded text COLLATE "C"
        GENERATED ALWAYS AS (lower(last_name::text COLLATE "default")) STORED,
    ADD COLUMN corporate_name_folded text COLLATE "C"
        GENERATED ALWAYS AS (lower(corporate_name::text COLLATE "default")) STORED,
    ADD COLUMN email_folded text COLLATE "C"
        GENERATED ALWAYS AS (lower(email::text COLLATE "default")) STORED;

-- The trigram indexes move from the fields (where they served ILIKE) to their folded copies, so a write maintains
-- as many GIN indexes as before. Case-sensitive contains/startswith/endswith on these fields lose their index;
-- integrations filter names and emails case-insensitively.
DROP INDEX organizationuser_first_name_trgm;
DROP INDEX organizationuser_last_name_trgm;
DROP INDEX organizationuser_corporate_name_trgm;
DROP INDEX organizationuser_email_trgm;
CREATE INDEX organizationuser_first_name_folded_trgm ON organizationuser USING gin (first_name_folded gin_trgm_ops);
CREATE INDEX organizationuser_last_name_folded_trgm ON organizationuser USING gin (last_name_folded gin_trgm_ops);
CREATE INDEX organizationuser_corporate_name_folded_trgm
    ON organizationuser USING gin (corporate_name_folded gin_trgm_ops);
CREATE INDEX organizationuser_email_folded_trgm ON organizationuser USING gin (email_folded gin_trgm_ops);

-- The customer's folded names in order. A count of a common fragment (first_name__icontains=ann&_statistics=true:
-- a sixth of 100,000 users) reads them from this index alone, a byte compare per entry and no table access: 30 ms
-- instead of 160-290 ms through the trigram index, whose bitmap also visits the other customers' rows containing
-- "ann" (EXPLAIN ANALYZE on the benchmark's rehearsal data). Small, as names repeat (B-tree deduplication: 1.5 MB for
-- 200,000 users). Also a range for istartswith (LIKE 'ann%' under COLLATE "C") and iexact. The planner keeps the
-- trigram index for rare fragments.
CREATE INDEX organizationuser_first_name_folded_idx ON organizationuser (customer_id, first_name_folded);
CREATE INDEX organizationuser_last_name_folded_idx ON organizationuser (customer_id, last_name_folded);
CREATE INDEX organizationuser_corporate_name_folded_idx ON organizationuser (customer_id, corporate_name_folded);

-- Case-insensitive uniqueness of email per customer on the folded copy: the same values as lower(email) under the
-- default collation, so the same emails collide, and email__iexact (email_folded = lower(?)) is answered by this
-- index. Same name: the metamodel maps a violation of it back to the email field.
DROP INDEX organizationuser_email_unique;
CREATE UNIQUE INDEX organizationuser_email_unique ON organizationuser (customer_id, email_folded);

-- Statistics for the new columns now, so the planner's first choices between these indexes are informed.
ANALYZE organizationuser;
