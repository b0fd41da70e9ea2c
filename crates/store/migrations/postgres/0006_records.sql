-- Records kept beside cases (issue 12): each authority's profile for its
-- letters, files attached to cases, and letter drafts. All three are
-- append-only: a profile or draft save is a new row and the latest row wins;
-- an attachment is never changed or removed.
CREATE TABLE authority_profiles (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    authority_id BIGINT NOT NULL REFERENCES authorities (id),
    body TEXT NOT NULL,
    saved_by TEXT NOT NULL,
    saved_at TEXT NOT NULL
);

CREATE INDEX authority_profiles_latest ON authority_profiles (authority_id, id);

CREATE TABLE case_attachments (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id BIGINT NOT NULL REFERENCES cases (id),
    -- The case version of the event the file belongs to, if any.
    event_version BIGINT,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content BYTEA NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL
);

CREATE INDEX case_attachments_by_case ON case_attachments (case_id, id);

CREATE TABLE letter_drafts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id BIGINT NOT NULL REFERENCES cases (id),
    kind TEXT NOT NULL,
    answers TEXT NOT NULL,
    saved_by TEXT NOT NULL,
    saved_at TEXT NOT NULL
);

CREATE INDEX letter_drafts_latest ON letter_drafts (case_id, kind, id);
