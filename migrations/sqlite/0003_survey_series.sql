-- A follow-up survey finds its baseline by the hash of the person's own
-- series code (never by identity).
CREATE INDEX survey_responses_series ON survey_responses (series_code_hash, survey_id);
