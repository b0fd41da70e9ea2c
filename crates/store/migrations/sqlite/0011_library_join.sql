-- A notice page or abstract and the notice it describes are one library entry: the
-- page's row points at the entry it joined (joined_to) and is left out of counts and
-- search. join_key is the notice's reference, printed or (for pages) in the address;
-- source_kind is the record's ("notice", "notice_page", "abstract").
ALTER TABLE notices ADD COLUMN joined_to INTEGER REFERENCES notices (id);
ALTER TABLE notices ADD COLUMN join_key TEXT;
ALTER TABLE notices ADD COLUMN source_kind TEXT;

-- Rows stored before this were all notices, known by their printed reference.
UPDATE notices SET join_key = reference, source_kind = 'notice';

CREATE INDEX notices_by_join_key ON notices (join_key);
