-- The case list's projection: what a list shows, filters and sorts by,
-- copied from the request when a case is opened (the request never changes
-- after). The first part's words (shortened), the date received, the regime,
-- the requester type (shown only within the authority) and the parts' words
-- in lower case for searching. Rows written before this are filled from
-- their stored request.
ALTER TABLE cases ADD COLUMN subject TEXT;
ALTER TABLE cases ADD COLUMN received TEXT;
ALTER TABLE cases ADD COLUMN regime TEXT;
ALTER TABLE cases ADD COLUMN requester_type TEXT;
ALTER TABLE cases ADD COLUMN search_text TEXT;

UPDATE cases SET
    subject = substr(json_extract(request, '$.request.parts[0].text'), 1, 200),
    received = json_extract(request, '$.request.received'),
    regime = json_extract(request, '$.request.regime'),
    requester_type = json_extract(request, '$.request.requester_type'),
    search_text = lower(coalesce((
        SELECT group_concat(json_extract(p.value, '$.text'), ' ')
        FROM json_each(cases.request, '$.request.parts') AS p
    ), ''))
WHERE json_valid(request) AND json_type(request, '$.request') = 'object';

CREATE INDEX cases_by_received ON cases (authority_id, received);
