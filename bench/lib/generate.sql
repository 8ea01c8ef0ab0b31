-- Benchmark data, deterministic from the seed: organizations, roles and organization users for the customers
-- given as psql variables (:first_customer with :first_users users; :other_customers, a comma-separated list,
-- with :other_users each). Written straight into the tables (not through HTTP), with the non-key indexes
-- dropped by the caller during the load and rebuilt afterwards.
SET max_parallel_workers_per_gather = 0;  -- one process, so random() follows the seed exactly
SELECT setseed(0.20261126);

-- Luhn check digit of a string of digits (the check digit is appended after them).
CREATE FUNCTION pg_temp.luhn_digit(digits text) RETURNS int LANGUAGE sql IMMUTABLE AS $$
    SELECT (10 - sum(CASE WHEN (length(digits) - i) % 2 = 0
                          THEN (d * 2) / 10 + (d * 2) % 10 ELSE d END) % 10) % 10
    FROM (SELECT i, substr(digits, i, 1)::int AS d FROM generate_series(1, length(digits)) i) s
$$;

CREATE TEMP TABLE bench_customer AS
SELECT c::uuid AS id, CASE WHEN c::uuid = :'first_customer'::uuid THEN :first_users ELSE :other_users END AS users
FROM unnest(string_to_array(:'first_customer' || ',' || :'other_customers', ',')) c;

INSERT INTO organization (customer_id, id, created_at, name, custom_id)
SELECT c.id, gen_random_uuid(), now() - interval '6 years', 'Förvaltning ' || g, 'ORG-' || g
FROM bench_customer c, generate_series(1, 200) g;

INSERT INTO role (customer_id, id, created_at, name)
SELECT c.id, gen_random_uuid(), now() - interval '6 years', r
FROM bench_customer c, unnest(ARRAY['Förvaltare', 'Ekonom', 'Tekniker', 'Uthyrare', 'Administratör', 'Läsare',
    'Fastighetschef', 'Drifttekniker', 'Kundtjänst', 'Projektledare', 'Controller', 'Jurist', 'Säljare',
    'Lokalvårdare', 'Vicevärd', 'Energiansvarig', 'Inköpare', 'HR', 'IT', 'Revisor']) r;

CREATE TEMP TABLE bench_org AS
SELECT customer_id, row_number() OVER (PARTITION BY customer_id ORDER BY id) AS n, id FROM organization
WHERE customer_id IN (SELECT id FROM bench_customer);
CREATE INDEX ON bench_org (customer_id, n);
CREATE TEMP TABLE bench_role AS
SELECT customer_id, row_number() OVER (PARTITION BY customer_id ORDER BY id) AS n, id FROM role
WHERE customer_id IN (SELECT id FROM bench_customer);
CREATE INDEX ON bench_role (customer_id, n);

-- Common names first; power() skews the choice so a few names are frequent and the rest a long tail.
CREATE TEMP TABLE bench_names AS SELECT
    ARRAY['Anna', 'Erik', 'Lars', 'Karin', 'Maria', 'Johan', 'Eva', 'Anders', 'Kristina', 'Per', 'Lena',
          'Karl', 'Sara', 'Mikael', 'Emma', 'Jan', 'Ingrid', 'Peter', 'Linnéa', 'Nils', 'Åsa', 'Björn', 'Hanna',
          'Olof', 'Elin', 'Gustav', 'Sofia', 'Magnus', 'Johanna', 'Fredrik', 'Annika', 'Mats', 'Ida', 'Daniel',
          'Malin', 'Henrik', 'Camilla', 'Stefan', 'Ulla', 'Göran', 'Maja', 'Oskar', 'Ebba', 'Axel', 'Wilma',
          'Hugo', 'Alva', 'Arvid', 'Siv', 'Östen', 'Ylva', 'Torbjörn', 'Agneta', 'Leif', 'Birgitta', 'Kjell',
          'Märta', 'Sune', 'Dagny', 'Yngve'] AS first_names,
    ARRAY['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson',
          'Svensson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Jönsson',
          'Lindberg', 'Jakobsson', 'Magnusson', 'Olofsson', 'Lindström', 'Lindqvist', 'Lindgren', 'Berg',
          'Axelsson', 'Bergström', 'Lundberg', 'Lind', 'Lundgren', 'Lundqvist', 'Mattsson', 'Berglund',
          'Fredriksson', 'Sandberg', 'Henriksson', 'Forsberg', 'Sjöberg', 'Wallin', 'Engström', 'Eklund',
          'Danielsson', 'Lundin', 'Håkansson', 'Björk', 'Bergman', 'Gunnarsson', 'Holm', 'Wikström',
          'Samuelsson', 'Isaksson', 'Fransson', 'Bergqvist', 'Nyström', 'Holmberg', 'Arvidsson', 'Löfgren',
          'Söderberg', 'Nyberg', 'Blomqvist', 'Claesson', 'Öberg', 'Åberg', 'Ek', 'Strand'] AS last_names,
    ARRAY['ka', 'ro', 'ste', 'lin', 'berg', 'ström', 'vik', 'dal', 'holm', 'qvist', 'gren', 'sjö', 'ås',
          'mark', 'ne', 'bo', 'tor', 'fa', 'lö', 'ek'] AS syllables;

INSERT INTO organizationuser (customer_id, id, created_at, custom_id, email, phone_number, first_name, last_name,
                              corporate_name, ssn, birth_date, org_no, organization_id, role_id, detail_access,
                              is_active, prefer_invoice_view_only)
SELECT u.customer_id, gen_random_uuid(), u.created_at,
       CASE WHEN u.r_custom < 0.3 THEN 'EXT-' || u.n END,
       CASE WHEN u.r_email >= 0.1 THEN lower(translate(coalesce(u.first_name, 'info'), 'åäöéÅÄÖÉ', 'aaoeAAOE'))
            || '.' || lower(translate(coalesce(u.last_name, 'bolag'), 'åäöéÅÄÖÉ', 'aaoeAAOE')) || '.' || u.n
            || '@' || (ARRAY['example.se', 'exempel.se', 'fastighet.se', 'mail.se'])[1 + (u.n % 4)] END,
       CASE WHEN u.r_phone >= 0.1 THEN '+467' || lpad((u.n::bigint * 7919 % 100000000)::text, 8, '0') END,
       u.first_name, u.last_name, u.corporate_name,
       CASE WHEN u.corporate_name IS NULL THEN
            to_char(u.birth, 'YYYYMMDD') || '-' || u.serial
            || pg_temp.luhn_digit(to_char(u.birth, 'YYMMDD') || u.serial) END,
       CASE WHEN u.corporate_name IS NULL THEN u.birth END,
       CASE WHEN u.corporate_name IS NOT NULL THEN
            substr(u.org9, 1, 6) || '-' || substr(u.org9, 7) || pg_temp.luhn_digit(u.org9) END,
       CASE WHEN u.r_org >= 0.1 THEN (SELECT o.id FROM bench_org o WHERE o.customer_id = u.customer_id
                                      AND o.n = 1 + floor(power(u.r_org, 3) * 200)::int) END,
       CASE WHEN u.r_role >= 0.2 THEN (SELECT ro.id FROM bench_role ro WHERE ro.customer_id = u.customer_id
                                       AND ro.n = 1 + floor(u.r_role * 20)::int % 20) END,
       floor(u.r_access * 3)::int, u.r_active >= 0.1, u.r_active < 0.05
FROM (
    SELECT s.*,
           CASE WHEN s.r_corp >= 0.05 THEN
               CASE WHEN s.r_first < 0.97 THEN names.first_names[1 + floor(power(s.r_first / 0.97, 2.2)
                                                 * array_length(names.first_names, 1))::int]
                    ELSE names.syllables[1 + floor(s.r_tail * 20)::int] || 'na' END END AS first_name,
           CASE WHEN s.r_corp >= 0.05 THEN
               CASE WHEN s.r_last < 0.9 THEN names.last_names[1 + floor(power(s.r_last / 0.9, 2.0)
                                                 * array_length(names.last_names, 1))::int]
                    ELSE initcap(names.syllables[1 + floor(s.r_tail * 20)::int]
                         || names.syllables[1 + floor(s.r_last * 97)::int % 20]) END END AS last_name,
           CASE WHEN s.r_corp < 0.05 THEN 'Fastighets AB ' || names.last_names[1 + (s.n % 60)]
                || ' ' || s.n END AS corporate_name,
           date '1940-01-01' + floor(s.r_birth * 23700)::int AS birth,
           lpad((s.n % 1000)::text, 3, '0') AS serial,
           (100000000 + (s.n::bigint * 104729) % 899999999)::text AS org9
    FROM (
        SELECT c.id AS customer_id, g AS n,
               -- In creation order, as the service stores users (created_at is the time of the insert): each
               -- customer's users over five years, give or take an hour. Stored in random order, every read in
               -- the default order (the export above all) fetched its rows from random pages. (An ORDER BY over
               -- the generated rows instead ran for more than 11 minutes.)
               now() - interval '5 years' * (1 - g::float8 / c.users) - random() * interval '1 hour'
                   AS created_at,
               random() AS r_custom, random() AS r_email, random() AS r_phone, random() AS r_corp,
               random() AS r_first, random() AS r_last, random() AS r_tail, random() AS r_birth,
               random() AS r_org, random() AS r_role, random() AS r_access, random() AS r_active
        FROM bench_customer c, generate_series(1, c.users) g
    ) s, bench_names names
) u;
