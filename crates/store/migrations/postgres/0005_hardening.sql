-- Hardening. Accounts can be disabled (kept, never deleted); every change to
-- an account is in an audit record; failed sign-ins are counted here, not in
-- one server's memory, so every server on this store sees the same count; and
-- the store knows its own identity (the search index is stamped with it) and
-- whether it holds demo data.
ALTER TABLE users ADD COLUMN disabled_at TEXT;

CREATE TABLE account_audit (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at TEXT NOT NULL,
    -- Who acted: an account's email, or "command line" for the CLI.
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    account_id BIGINT NOT NULL REFERENCES users (id),
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX account_audit_by_account ON account_audit (account_id, id);

-- Only a hash of the address as typed, so an attacker's long addresses cost
-- a fixed 64 characters a row. Rows older than the window are purged.
CREATE TABLE sign_in_failures (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    address_hash TEXT NOT NULL,
    failed_at TEXT NOT NULL
);
CREATE INDEX sign_in_failures_by_address ON sign_in_failures (address_hash, failed_at);
CREATE INDEX sign_in_failures_by_time ON sign_in_failures (failed_at);

CREATE TABLE store_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO store_meta (key, value) VALUES ('store_id', replace(gen_random_uuid()::text, '-', ''));
