-- The decision-notice library. A notice is stored once per distinct content
-- (content_hash), with its original bytes and the parsed record, so the search
-- index can always be rebuilt from here.
CREATE TABLE notices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    content_hash TEXT NOT NULL UNIQUE,
    source_name TEXT NOT NULL,
    source_format TEXT NOT NULL,
    source BLOB NOT NULL,
    record TEXT NOT NULL,
    diagnostics TEXT NOT NULL,
    diagnostic_count INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    reference TEXT,
    decided_on TEXT,
    decided_year INTEGER,
    regime TEXT,
    outcome TEXT,
    ncnd INTEGER NOT NULL,
    public_authority TEXT
);

CREATE TABLE notice_provisions (
    notice_id INTEGER NOT NULL REFERENCES notices (id),
    provision TEXT NOT NULL,
    PRIMARY KEY (notice_id, provision)
);

CREATE INDEX notice_provisions_by_provision ON notice_provisions (provision);
