-- Each published version of the content (a hash over every content file).
-- Survey responses will record which version they followed. No visitor data.
CREATE TABLE content_versions (
    hash TEXT PRIMARY KEY NOT NULL,
    module_count BIGINT NOT NULL,
    first_loaded_on TEXT NOT NULL
);
