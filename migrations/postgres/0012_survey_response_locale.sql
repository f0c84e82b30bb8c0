-- The language a response was given in (a tag such as `cy`), so that
-- results and exports can be read per language. Answers from every
-- language share the same question ids and columns. Responses stored
-- before this column existed were all in the site's default language and
-- keep NULL, which is read as that language.
ALTER TABLE survey_responses ADD COLUMN locale TEXT;
