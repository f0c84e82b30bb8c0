-- Staff accounts, enrolment links, recovery codes, sessions and the audit
-- log. Nothing here is about visitors. Secrets are stored only as hashes
-- (passwords with argon2id; tokens, session ids and codes with SHA-256),
-- except the TOTP secret, which the server needs to check codes.
CREATE TABLE staff_accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    password_hash TEXT,
    totp_secret TEXT,
    totp_last_step BIGINT NOT NULL DEFAULT 0,
    failed_signins BIGINT NOT NULL DEFAULT 0,
    locked_until BIGINT NOT NULL DEFAULT 0,
    disabled BIGINT NOT NULL DEFAULT 0,
    created_on TEXT NOT NULL
);

CREATE TABLE staff_enrolments (
    token_hash TEXT PRIMARY KEY NOT NULL,
    account_id INTEGER NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    expires_at BIGINT NOT NULL,
    pending_password_hash TEXT,
    pending_secret TEXT
);

CREATE TABLE staff_recovery_codes (
    account_id INTEGER NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    PRIMARY KEY (account_id, code_hash)
);

CREATE TABLE staff_sessions (
    id_hash TEXT PRIMARY KEY NOT NULL,
    account_id INTEGER NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    seen_at BIGINT NOT NULL
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
);
