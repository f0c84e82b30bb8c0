-- Staff e-mail notices ("N conversations are waiting"): when the last one
-- went and how many were waiting then, so that several instances send one
-- notice between them (each claims the row by comparing and setting).
-- Staff-side data: Unix seconds, never anything about a writer.
CREATE TABLE staff_notices (
    kind TEXT PRIMARY KEY,
    sent_at BIGINT NOT NULL,
    waiting BIGINT NOT NULL
);

INSERT INTO staff_notices (kind, sent_at, waiting) VALUES ('messages', 0, 0);
