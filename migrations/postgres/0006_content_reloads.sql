-- Content reloads asked for on any instance. Each instance polls the
-- newest generation and reloads from its own content folder when it grows.
CREATE TABLE content_reloads (
    generation BIGSERIAL PRIMARY KEY,
    content_hash TEXT NOT NULL,
    requested_at BIGINT NOT NULL
);
