-- The language of the pages a conversation was started from (a tag such as
-- `cy`), so that practitioners can see which language to reply in. The
-- same few values as a survey response's language: it names no one.
-- Conversations started before this column existed were all in the site's
-- default language and keep NULL, which is read as that language.
ALTER TABLE conversations ADD COLUMN locale TEXT;
