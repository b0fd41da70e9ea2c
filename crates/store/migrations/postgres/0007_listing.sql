-- The case list's projection: what a list shows, filters and sorts by,
-- copied from the request when a case is opened (the request never changes
-- after). The first part's words (shortened), the date received, the regime,
-- the requester type (shown only within the authority) and the parts' words
-- in lower case for searching. Rows written before this are filled from
-- their stored request.
ALTER TABLE cases
    ADD COLUMN subject TEXT,
    ADD COLUMN received TEXT,
    ADD COLUMN regime TEXT,
    ADD COLUMN requester_type TEXT,
    ADD COLUMN search_text TEXT;

UPDATE cases SET
    subject = left(request::jsonb #>> '{request,parts,0,text}', 200),
    received = request::jsonb #>> '{request,received}',
    regime = request::jsonb #>> '{request,regime}',
    requester_type = request::jsonb #>> '{request,requester_type}',
    search_text = lower(coalesce((
        SELECT string_agg(p ->> 'text', ' ')
        FROM jsonb_array_elements(
            CASE WHEN jsonb_typeof(request::jsonb #> '{request,parts}') = 'array'
                 THEN request::jsonb #> '{request,parts}' ELSE '[]'::jsonb END
        ) AS p
    ), ''))
WHERE jsonb_typeof(request::jsonb -> 'request') = 'object';

CREATE INDEX cases_by_received ON cases (authority_id, received);
