-- Browser sessions, kept as SHA-256 hashes of the cookie value (never the
-- value). Signing out ends a session; nothing is deleted.
CREATE TABLE sessions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ended_at TEXT
);

-- Listing what each role may see: a requester's own cases, and the cases
-- with the regulator.
CREATE INDEX cases_by_requester ON cases (requester, id);
CREATE INDEX cases_by_status ON cases (status, id);
