-- A baseline's series code now carries the response's id: a follow-up
-- finds its baseline by that id (the primary key) and proves the code by
-- its hash. Such baselines (`series_by_id = 1`) stay out of the index of
-- series code hashes, which took every response at a random place and cost
-- about half the rate of survey submissions. The index keeps follow-ups
-- (to answer each code once) and baselines whose code has no id: those
-- stored before this change, and those linked by the resume code the
-- person saved.
ALTER TABLE survey_responses ADD COLUMN series_by_id BIGINT NOT NULL DEFAULT 0;
DROP INDEX survey_responses_series;
CREATE INDEX survey_responses_series ON survey_responses (series_code_hash, survey_id)
    WHERE series_by_id = 0 AND series_code_hash IS NOT NULL;
