-- Round robins (issue 15): one request sent to many authorities, recognised
-- from its text alone. Each case's request has one print (its normalised
-- text, exact key and MinHash signature, by normaliser version) and band rows
-- looked up by (band, hash) to find candidates. Membership of a round robin
-- is a log of joins and leaves, each with its source, actor, reason and time;
-- a case's latest row says where it stands. Advice, sharing settings and
-- external references are logs too: the latest row wins. Nothing here is
-- ever updated or deleted. No table holds anything about the requester.
CREATE TABLE request_prints (
    case_id BIGINT PRIMARY KEY REFERENCES cases (id),
    authority_id BIGINT NOT NULL REFERENCES authorities (id),
    received TEXT NOT NULL,
    normaliser_version BIGINT NOT NULL,
    exact_key TEXT NOT NULL,
    normalised TEXT NOT NULL,
    signature TEXT NOT NULL
);

CREATE INDEX request_prints_by_exact_key ON request_prints (exact_key);
CREATE INDEX request_prints_by_authority ON request_prints (authority_id, received);

CREATE TABLE request_bands (
    band BIGINT NOT NULL,
    hash BIGINT NOT NULL,
    case_id BIGINT NOT NULL REFERENCES cases (id)
);

CREATE INDEX request_bands_by_hash ON request_bands (band, hash);

CREATE TABLE round_robins (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    founder_case_id BIGINT NOT NULL REFERENCES cases (id),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE round_robin_references (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_robin_id BIGINT NOT NULL REFERENCES round_robins (id),
    reference TEXT NOT NULL UNIQUE,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL
);

CREATE TABLE round_robin_links (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_robin_id BIGINT NOT NULL REFERENCES round_robins (id),
    case_id BIGINT NOT NULL REFERENCES cases (id),
    action TEXT NOT NULL,
    source TEXT NOT NULL,
    actor TEXT NOT NULL,
    reason TEXT,
    at TEXT NOT NULL
);

CREATE INDEX round_robin_links_by_case ON round_robin_links (case_id, id);
CREATE INDEX round_robin_links_by_round_robin ON round_robin_links (round_robin_id, id);

CREATE TABLE round_robin_advice (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_robin_id BIGINT NOT NULL REFERENCES round_robins (id),
    part TEXT NOT NULL,
    outcome TEXT NOT NULL,
    provisions TEXT NOT NULL,
    note TEXT,
    advised_by TEXT NOT NULL,
    advised_at TEXT NOT NULL
);

CREATE INDEX round_robin_advice_latest ON round_robin_advice (round_robin_id, part, id);

CREATE TABLE sharing_settings (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    authority_id BIGINT NOT NULL REFERENCES authorities (id),
    shares BIGINT NOT NULL,
    set_by TEXT NOT NULL,
    set_at TEXT NOT NULL
);

CREATE INDEX sharing_settings_latest ON sharing_settings (authority_id, id);

CREATE TABLE coordinator_scopes (
    user_id BIGINT PRIMARY KEY REFERENCES users (id),
    kind TEXT NOT NULL,
    set_by TEXT NOT NULL,
    set_at TEXT NOT NULL
);
