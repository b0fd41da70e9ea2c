-- The requester's desk. A request sent to several authorities at once makes
-- one case each, written together and linked as a batch. An administrator
-- invites a requester with a link whose token is kept hashed; an invitation
-- is used at most once (a second use breaks invitation_uses' key, so nothing
-- is ever updated). Settings such as open sign-up are kept as a log: each
-- change is a row, the latest wins, and every server on the store agrees.
CREATE TABLE case_batches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE case_batch_members (
    batch_id INTEGER NOT NULL REFERENCES case_batches (id),
    case_id INTEGER NOT NULL UNIQUE REFERENCES cases (id),
    PRIMARY KEY (batch_id, case_id)
);

CREATE TABLE invitations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    invited_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE TABLE invitation_uses (
    invitation_id INTEGER PRIMARY KEY REFERENCES invitations (id),
    account_id INTEGER NOT NULL REFERENCES users (id),
    used_at TEXT NOT NULL
);

CREATE TABLE settings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    set_by TEXT NOT NULL,
    set_at TEXT NOT NULL
);
CREATE INDEX settings_by_key ON settings (key, id);
