-- Surveys. No visitor data: no address, user agent, referrer or time of
-- day; dates only. Codes and tokens are stored only as hashes.
CREATE TABLE survey_versions (
    survey_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    definition_hash TEXT NOT NULL,
    first_seen_on TEXT NOT NULL,
    PRIMARY KEY (survey_id, version)
);

CREATE TABLE survey_drafts (
    token_hash TEXT PRIMARY KEY NOT NULL,
    code_hash TEXT UNIQUE,
    survey_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    page INTEGER NOT NULL,
    answers TEXT NOT NULL,
    series_code_hash TEXT,
    created_on TEXT NOT NULL,
    expires_on TEXT NOT NULL
);
CREATE INDEX survey_drafts_expiry ON survey_drafts (expires_on);

CREATE TABLE survey_responses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    survey_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    series_code_hash TEXT,
    submitted_on TEXT NOT NULL
);

CREATE TABLE survey_answers (
    response_id INTEGER NOT NULL REFERENCES survey_responses (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    item TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (response_id, question_id, item)
);
