-- Answers are written a group of responses at a time and read by
-- response. Keep them in one B-tree ordered by (response, question, item)
-- instead of a table plus a separate primary-key index, both of which
-- every stored answer had to update. Same columns, same key.
CREATE TABLE survey_answers_one_tree (
    response_id INTEGER NOT NULL REFERENCES survey_responses (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    item TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (response_id, question_id, item)
) WITHOUT ROWID;
INSERT INTO survey_answers_one_tree (response_id, question_id, item, value)
    SELECT response_id, question_id, item, value FROM survey_answers;
DROP TABLE survey_answers;
ALTER TABLE survey_answers_one_tree RENAME TO survey_answers;
