-- The date of the complaint to the Commissioner, written with the projection
-- on every append, so the caseworker's queue sorts by it through an index.
-- Rows written before this take the date of their first complaint event.
ALTER TABLE cases ADD COLUMN complained TEXT;

UPDATE cases SET complained = (
    SELECT min(json_extract(e.body, '$.date'))
    FROM case_events AS e
    WHERE e.case_id = cases.id AND e.kind = 'complaint' AND json_valid(e.body)
);

CREATE INDEX cases_by_complained ON cases (complained, id);
