-- Usage counters: a count per day, counter and subject (a module's slug, or
-- empty). No visitor identifier, session, sequence or time of day.
CREATE TABLE usage_counts (
    day TEXT NOT NULL,
    counter TEXT NOT NULL,
    subject TEXT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (day, counter, subject)
);
