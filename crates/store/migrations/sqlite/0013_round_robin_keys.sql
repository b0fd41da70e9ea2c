-- The prints with one exact key, in case order, straight from an index: with
-- only 0012's index on the key, PostgreSQL could walk every print in case
-- order looking for a key that many requests share, or none.
CREATE INDEX request_prints_by_key_and_case ON request_prints (exact_key, case_id);
