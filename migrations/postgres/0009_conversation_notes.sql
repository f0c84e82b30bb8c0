-- Practitioners' side of a conversation: internal notes (never shown to the
-- writer) and safeguarding concerns, which a second practitioner or an
-- admin reviews. Notes, reasons and outcomes are sealed with the data key.
-- Staff actions keep Unix seconds (they are staff, not visitors).
CREATE TABLE conversation_notes (
    id BIGSERIAL PRIMARY KEY,
    conversation_id BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    by_staff BIGINT REFERENCES staff_accounts (id) ON DELETE SET NULL,
    written_at BIGINT NOT NULL,
    body TEXT NOT NULL
);

CREATE INDEX conversation_notes_of ON conversation_notes (conversation_id, id);

CREATE TABLE conversation_concerns (
    id BIGSERIAL PRIMARY KEY,
    conversation_id BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    raised_by BIGINT REFERENCES staff_accounts (id) ON DELETE SET NULL,
    raised_at BIGINT NOT NULL,
    reason TEXT NOT NULL,
    reviewed_by BIGINT REFERENCES staff_accounts (id) ON DELETE SET NULL,
    reviewed_at BIGINT,
    outcome TEXT
);

CREATE INDEX conversation_concerns_of ON conversation_concerns (conversation_id, id);

-- Open conversations in all, kept in step by every change of state, so
-- that starting a conversation checks the cap without counting the table.
CREATE TABLE conversation_open (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    open BIGINT NOT NULL
);

INSERT INTO conversation_open (id, open)
SELECT 1, COUNT(*) FROM conversations WHERE state <> 'closed';

-- For /transparency: how many conversations first got a reply in a month
-- after how many days (a histogram, so the median outlives the
-- conversations, and no single conversation's dates are kept).
CREATE TABLE conversation_reply_days (
    month TEXT NOT NULL,
    days BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (month, days)
);
