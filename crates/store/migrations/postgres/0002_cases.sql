-- Authorities, and each case as an append-only log of events with a version
-- (the number of events). The cases row holds what queues need; it is
-- rewritten on every append, in the same transaction as the events.
CREATE TABLE authorities (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE cases (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    authority_id BIGINT NOT NULL REFERENCES authorities (id),
    reference TEXT NOT NULL,
    desk TEXT NOT NULL,
    requester TEXT,
    request TEXT NOT NULL,
    version BIGINT NOT NULL,
    status TEXT NOT NULL,
    next_deadline TEXT,
    assignee TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (authority_id, reference)
);

CREATE INDEX cases_by_deadline ON cases (authority_id, next_deadline);

CREATE TABLE case_events (
    case_id BIGINT NOT NULL REFERENCES cases (id),
    version BIGINT NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (case_id, version)
);
