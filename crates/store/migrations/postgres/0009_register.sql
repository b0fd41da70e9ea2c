-- The register of authorities (issue 13): each authority's kind and regimes
-- (a new row per save, the latest wins) and the other names it goes by. An
-- alias's match key (the engine's normalised form) is unique across the
-- register, so one name never points at two authorities, whichever server
-- added it.
CREATE TABLE authority_details (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    authority_id BIGINT NOT NULL REFERENCES authorities (id),
    kind TEXT NOT NULL,
    regimes TEXT NOT NULL,
    saved_by TEXT NOT NULL,
    saved_at TEXT NOT NULL
);

CREATE INDEX authority_details_latest ON authority_details (authority_id, id);

CREATE TABLE authority_aliases (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    authority_id BIGINT NOT NULL REFERENCES authorities (id),
    alias TEXT NOT NULL,
    match_key TEXT NOT NULL UNIQUE,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL
);

CREATE INDEX authority_aliases_by_authority ON authority_aliases (authority_id, id);
