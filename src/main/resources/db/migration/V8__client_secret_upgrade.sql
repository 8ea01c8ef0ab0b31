-- Client secrets are now stored as SHA-256 (contract section 2, revised); hashes stored earlier as argon2id are
-- replaced by the SHA-256 form on their first successful check, which happens inside a request, as the
-- application role. It may change that one column and nothing else of an activation. (An attacker running SQL as
-- the application role could replace a secret hash; such an attacker can already choose any customer with
-- set_config, so this widens nothing that row-level security guarded.)
GRANT UPDATE (secret_hash) ON activation TO accounts_app;
