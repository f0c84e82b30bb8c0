-- Messages to the helpline: conversations reached only by the writer's
-- code (only a keyed hash of it is kept), their messages, practitioners'
-- notes and safeguarding concerns. Message text, notes and nicknames are
-- sealed with the data key outside the database. The writer's side keeps
-- days only; practitioners' actions keep Unix seconds.
CREATE TABLE conversations (
    id BIGSERIAL PRIMARY KEY,
    code_hash TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL,
    -- Messages so far; the next one's number. Taken with an UPDATE, which
    -- locks the row, so two messages at once get different numbers.
    message_count BIGINT NOT NULL DEFAULT 0,
    nickname TEXT,
    under_18 BIGINT NOT NULL DEFAULT 0,
    started_on TEXT NOT NULL,
    last_message_on TEXT NOT NULL,
    waiting_since TEXT,
    first_reply_on TEXT,
    assigned_to BIGINT REFERENCES staff_accounts (id) ON DELETE SET NULL
);

CREATE INDEX conversations_waiting ON conversations (waiting_since, id);

CREATE TABLE conversation_messages (
    conversation_id BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    from_staff BIGINT REFERENCES staff_accounts (id) ON DELETE SET NULL,
    by_staff BIGINT NOT NULL,
    sent_on TEXT NOT NULL,
    sent_at BIGINT,
    body TEXT NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);

-- Monthly counts for /transparency outlive the conversations themselves.
CREATE TABLE conversation_months (
    month TEXT PRIMARY KEY NOT NULL,
    started BIGINT NOT NULL DEFAULT 0,
    answered BIGINT NOT NULL DEFAULT 0
);
