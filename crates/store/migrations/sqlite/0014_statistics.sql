-- Statistics (issue 16): what the official return and the dashboards count
-- of each case, worked out by the engine from the case's assessment and
-- written with the projection on every write, so figures are summed in SQL
-- and never rebuilt from the log at read time. `facts_version` says which
-- rules wrote them: NULL (rows written before this) or an older version is
-- worked out again by the engine (`fill_statistics`), batch by batch.
ALTER TABLE cases ADD COLUMN facts_version INTEGER;
ALTER TABLE cases ADD COLUMN answered TEXT;
ALTER TABLE cases ADD COLUMN timeliness TEXT;
ALTER TABLE cases ADD COLUMN on_hold_until TEXT;
ALTER TABLE cases ADD COLUMN initial_outcome TEXT;
ALTER TABLE cases ADD COLUMN cost_limit INTEGER;
ALTER TABLE cases ADD COLUMN vexatious INTEGER;
ALTER TABLE cases ADD COLUMN ncnd INTEGER;
ALTER TABLE cases ADD COLUMN section_21_only INTEGER;
ALTER TABLE cases ADD COLUMN review TEXT;
ALTER TABLE cases ADD COLUMN review_requested TEXT;
ALTER TABLE cases ADD COLUMN review_decided TEXT;
ALTER TABLE cases ADD COLUMN complaint_closed TEXT;
ALTER TABLE cases ADD COLUMN notice_outcome TEXT;
ALTER TABLE cases ADD COLUMN notice_date TEXT;
ALTER TABLE cases ADD COLUMN steps_due TEXT;
ALTER TABLE cases ADD COLUMN steps_complied TEXT;
-- 1 while the case is in a round robin: kept by the store itself, in the
-- transaction that links or unlinks it (a later request can make an older
-- one a round robin's founder without a write to that case's log).
ALTER TABLE cases ADD COLUMN in_round_robin INTEGER NOT NULL DEFAULT 0;

UPDATE cases SET in_round_robin = 1 WHERE id IN (
    SELECT l.case_id FROM round_robin_links AS l
    WHERE l.action = 'joined'
    AND l.id = (SELECT MAX(m.id) FROM round_robin_links AS m WHERE m.case_id = l.case_id)
);

-- The provisions a case relied on or was decided under, one row each:
-- `source` 'response' (the exemptions and exceptions of the initial
-- response, counted by the date the request was received) or 'notice'
-- (the provisions a decision notice found breached, counted by the notice's
-- date). The authority and the date are copied here so a count per
-- provision reads this table alone.
CREATE TABLE case_provisions (
    case_id INTEGER NOT NULL REFERENCES cases (id),
    source TEXT NOT NULL,
    provision TEXT NOT NULL,
    authority_id INTEGER NOT NULL,
    dated TEXT NOT NULL,
    PRIMARY KEY (case_id, source, provision)
);
CREATE INDEX case_provisions_by_date ON case_provisions (source, dated, authority_id, provision);
CREATE INDEX case_provisions_by_authority ON case_provisions (source, authority_id, dated, provision);

-- Every queue form reads an index in deadline order: all authorities, one
-- authority (replacing the index without the id), one assignee, one desk.
DROP INDEX cases_by_deadline;
CREATE INDEX cases_by_next_deadline ON cases (next_deadline, id);
CREATE INDEX cases_by_authority_deadline ON cases (authority_id, next_deadline, id);
CREATE INDEX cases_by_assignee_deadline ON cases (assignee, next_deadline, id);
CREATE INDEX cases_by_desk_deadline ON cases (desk, next_deadline, id);

-- The figures read these two indexes alone, over a range of receipt, for
-- every authority or one (the second replaces `cases_by_received`); the
-- Commissioner's by the complaint's, the closing, the notice's and the steps'
-- dates; and the cases whose facts are to be worked out again.
CREATE INDEX cases_figures ON cases (received, authority_id, timeliness, on_hold_until,
    initial_outcome, review, review_requested, regime, cost_limit, vexatious, ncnd,
    section_21_only, in_round_robin);
CREATE INDEX cases_figures_by_authority ON cases (authority_id, received, timeliness,
    on_hold_until, initial_outcome, review, review_requested, regime, cost_limit, vexatious,
    ncnd, section_21_only, in_round_robin);
DROP INDEX cases_by_received;
CREATE INDEX cases_by_complaint_closed ON cases (complaint_closed);
CREATE INDEX cases_by_steps_due ON cases (steps_due);
CREATE INDEX cases_by_notice_date ON cases (notice_date);
CREATE INDEX cases_by_facts_version ON cases (facts_version, id);
