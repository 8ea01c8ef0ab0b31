-- Row-level security evaluates the tenant policy before any condition of a query that calls a function not marked
-- LEAKPROOF, and such a condition then cannot use an index. PostgreSQL does not mark LIKE, ILIKE and lower() as
-- leakproof, so under RLS every substring filter, _search and email__iexact would scan all of the customer's rows
-- instead of using the trigram and lower(email) indexes (measured at 300,000 users: 440 ms instead of 35 ms for
-- _search, 127 ms instead of 0.2 ms for email__iexact).
--
-- Why they are safe to mark: lower(text) raises no error for valid text, and LIKE/ILIKE raise errors only for a
-- malformed pattern, which in this service is always a bind parameter from the request, never a value of a stored
-- row; so evaluating them on rows of another customer reveals nothing. Only a superuser may mark functions
-- leakproof: run by anyone else (a managed server), this migration changes nothing and says so; the service works
-- the same, and those filters are slower.
DO $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        ALTER FUNCTION pg_catalog.textlike(text, text) LEAKPROOF;
        ALTER FUNCTION pg_catalog.texticlike(text, text) LEAKPROOF;
        ALTER FUNCTION pg_catalog.lower(text) LEAKPROOF;
    ELSE
        RAISE NOTICE 'Not a superuser: LIKE, ILIKE and lower() stay non-leakproof; substring filters will not use'
            ' indexes under row-level security.';
    END IF;
END
$$;
