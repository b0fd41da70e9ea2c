-- A notice page or abstract and the notice it describes are one library entry.
-- join_key is the notice's reference, printed or (for pages) in the address;
-- source_kind is the record's ("notice", "notice_page", "abstract").
ALTER TABLE notices ADD COLUMN join_key TEXT;
ALTER TABLE notices ADD COLUMN source_kind TEXT;

-- Rows stored before this were all notices, known by their printed reference.
UPDATE notices SET join_key = reference, source_kind = 'notice';

CREATE INDEX notices_by_join_key ON notices (join_key);

-- Each join: the row joined (left out of counts and search from then on), the entry it
-- joined, and the entry's record with what the joined row added. An entry's latest
-- join row holds its record; notices themselves are never changed.
CREATE TABLE notice_joins (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id INTEGER NOT NULL REFERENCES notices (id),
    joined_id INTEGER NOT NULL UNIQUE REFERENCES notices (id),
    record TEXT NOT NULL,
    joined_at TEXT NOT NULL
);

CREATE INDEX notice_joins_by_entry ON notice_joins (entry_id, id);
