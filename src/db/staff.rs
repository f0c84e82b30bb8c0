//! Staff accounts, enrolment links, recovery codes, sessions and the audit
//! log. Shared by every instance through the database.

use super::{DbError, Store};

/// A staff account as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub password_hash: Option<String>,
    pub totp_secret: Option<String>,
    pub totp_last_step: i64,
    pub failed_signins: i64,
    pub locked_until: i64,
    pub disabled: bool,
}

type AccountRow = (
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    i64,
    i64,
    i64,
    i64,
);

fn account(r: AccountRow) -> Account {
    Account {
        id: r.0,
        name: r.1,
        role: r.2,
        password_hash: r.3,
        totp_secret: r.4,
        totp_last_step: r.5,
        failed_signins: r.6,
        locked_until: r.7,
        disabled: r.8 != 0,
    }
}

const ACCOUNT: &str = "SELECT id, name, role, password_hash, totp_secret, totp_last_step, \
                       failed_signins, locked_until, disabled FROM staff_accounts";

/// A pending enrolment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolment {
    pub account_id: i64,
    pub expires_at: i64,
    pub pending_password_hash: Option<String>,
    pub pending_secret: Option<String>,
}

/// A live session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub account_id: i64,
    pub csrf: String,
    pub created_at: i64,
    pub seen_at: i64,
}

impl Store {
    pub async fn create_account(
        &self,
        name: &str,
        role: &str,
        today: jiff::civil::Date,
    ) -> Result<i64, DbError> {
        let today = super::surveys::day(today);
        let (id,): (i64,) = with_pool!(self, pool => sqlx::query_as(
            "INSERT INTO staff_accounts (name, role, created_on) VALUES ($1, $2, $3) RETURNING id")
            .bind(name).bind(role).bind(&today).fetch_one(pool).await?);
        Ok(id)
    }

    pub async fn account_by_name(&self, name: &str) -> Result<Option<Account>, DbError> {
        let sql = format!("{ACCOUNT} WHERE name = $1");
        let row: Option<AccountRow> = with_pool!(self, pool =>
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(name).fetch_optional(pool).await?);
        Ok(row.map(account))
    }

    pub async fn account_by_id(&self, id: i64) -> Result<Option<Account>, DbError> {
        let sql = format!("{ACCOUNT} WHERE id = $1");
        let row: Option<AccountRow> = with_pool!(self, pool =>
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await?);
        Ok(row.map(account))
    }

    pub async fn accounts(&self) -> Result<Vec<Account>, DbError> {
        let sql = format!("{ACCOUNT} ORDER BY name");
        let rows: Vec<AccountRow> = with_pool!(self, pool =>
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await?);
        Ok(rows.into_iter().map(account).collect())
    }

    /// The display names practitioners chose for their replies, by account.
    pub async fn display_names(&self) -> Result<std::collections::HashMap<i64, String>, DbError> {
        let rows: Vec<(i64, String)> = with_pool!(self, pool => sqlx::query_as(
            "SELECT id, display_name FROM staff_accounts WHERE display_name IS NOT NULL")
            .fetch_all(pool).await?);
        Ok(rows.into_iter().collect())
    }

    /// Sets (or with `None` clears) an account's display name.
    pub async fn set_display_name(&self, id: i64, name: Option<&str>) -> Result<(), DbError> {
        with_pool!(self, pool => sqlx::query(
            "UPDATE staff_accounts SET display_name = $1 WHERE id = $2")
            .bind(name).bind(id).execute(pool).await?.rows_affected());
        Ok(())
    }

    /// Disables or enables an account; disabling ends its sessions.
    pub async fn set_disabled(&self, id: i64, disabled: bool) -> Result<(), DbError> {
        with_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            sqlx::query("UPDATE staff_accounts SET disabled = $1 WHERE id = $2")
                .bind(i64::from(disabled)).bind(id).execute(&mut *tx).await?;
            if disabled {
                sqlx::query("DELETE FROM staff_sessions WHERE account_id = $1")
                    .bind(id).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Clears password, TOTP, recovery codes and sessions (for a new
    /// enrolment).
    pub async fn reset_account(&self, id: i64) -> Result<(), DbError> {
        with_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            sqlx::query("UPDATE staff_accounts SET password_hash = NULL, totp_secret = NULL, \
                         failed_signins = 0, locked_until = 0 WHERE id = $1")
                .bind(id).execute(&mut *tx).await?;
            for table in ["staff_sessions", "staff_recovery_codes", "staff_enrolments"] {
                sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE account_id = $1")))
                    .bind(id).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    pub async fn create_enrolment(
        &self,
        token_hash: &str,
        account_id: i64,
        expires_at: i64,
    ) -> Result<(), DbError> {
        with_pool!(self, pool => sqlx::query(
            "INSERT INTO staff_enrolments (token_hash, account_id, expires_at) VALUES ($1, $2, $3)")
            .bind(token_hash).bind(account_id).bind(expires_at).execute(pool).await?.rows_affected());
        Ok(())
    }

    /// A live enrolment by its token hash.
    pub async fn enrolment(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<Enrolment>, DbError> {
        let row: Option<(i64, i64, Option<String>, Option<String>)> = with_pool!(self, pool =>
            sqlx::query_as("SELECT account_id, expires_at, pending_password_hash, pending_secret \
                            FROM staff_enrolments WHERE token_hash = $1 AND expires_at > $2")
            .bind(token_hash).bind(now).fetch_optional(pool).await?);
        Ok(row.map(|r| Enrolment {
            account_id: r.0,
            expires_at: r.1,
            pending_password_hash: r.2,
            pending_secret: r.3,
        }))
    }

    pub async fn set_enrolment_pending(
        &self,
        token_hash: &str,
        password_hash: &str,
        secret: &str,
    ) -> Result<(), DbError> {
        with_pool!(self, pool => sqlx::query(
            "UPDATE staff_enrolments SET pending_password_hash = $1, pending_secret = $2 WHERE token_hash = $3")
            .bind(password_hash).bind(secret).bind(token_hash).execute(pool).await?.rows_affected());
        Ok(())
    }

    /// Makes the account usable and spends the link, in one transaction.
    /// False when the link was already used.
    pub async fn finish_enrolment(
        &self,
        token_hash: &str,
        e: &Enrolment,
        step: i64,
        recovery_hashes: &[String],
    ) -> Result<bool, DbError> {
        with_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let spent = sqlx::query("DELETE FROM staff_enrolments WHERE token_hash = $1")
                .bind(token_hash).execute(&mut *tx).await?.rows_affected();
            if spent != 1 {
                return Ok(false);
            }
            sqlx::query("UPDATE staff_accounts SET password_hash = $1, totp_secret = $2, \
                         totp_last_step = $3, failed_signins = 0, locked_until = 0 WHERE id = $4")
                .bind(&e.pending_password_hash).bind(&e.pending_secret).bind(step).bind(e.account_id)
                .execute(&mut *tx).await?;
            sqlx::query("DELETE FROM staff_recovery_codes WHERE account_id = $1")
                .bind(e.account_id).execute(&mut *tx).await?;
            for h in recovery_hashes {
                sqlx::query("INSERT INTO staff_recovery_codes (account_id, code_hash) VALUES ($1, $2)")
                    .bind(e.account_id).bind(h).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(true)
    }

    /// Whether any staff secret or conversation is stored encrypted (then the
    /// data key must be configured: start-up refuses otherwise).
    pub async fn sealed_secrets_exist(&self) -> Result<bool, DbError> {
        let (n,): (i64,) = with_pool!(self, pool => sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM staff_accounts WHERE totp_secret LIKE 'enc1:%') + \
                    (SELECT COUNT(*) FROM staff_enrolments WHERE pending_secret LIKE 'enc1:%') + \
                    (SELECT COUNT(*) FROM conversations)")
            .fetch_one(pool).await?);
        Ok(n > 0)
    }

    /// Every stored TOTP secret: (account id or enrolment token hash,
    /// whether it is an enrolment's, the stored value).
    pub async fn staff_secrets(&self) -> Result<Vec<(String, bool, String)>, DbError> {
        let accounts: Vec<(i64, String)> = with_pool!(self, pool => sqlx::query_as(
            "SELECT id, totp_secret FROM staff_accounts WHERE totp_secret IS NOT NULL")
            .fetch_all(pool).await?);
        let pending: Vec<(String, String)> = with_pool!(self, pool => sqlx::query_as(
            "SELECT token_hash, pending_secret FROM staff_enrolments WHERE pending_secret IS NOT NULL")
            .fetch_all(pool).await?);
        Ok(accounts
            .into_iter()
            .map(|(id, s)| (id.to_string(), false, s))
            .chain(pending.into_iter().map(|(t, s)| (t, true, s)))
            .collect())
    }

    /// Replaces a stored TOTP secret `old` with `new` (a resealed value),
    /// unless it changed meanwhile.
    pub async fn replace_staff_secret(
        &self,
        key: &str,
        enrolment: bool,
        old: &str,
        new: &str,
    ) -> Result<(), DbError> {
        if enrolment {
            with_pool!(self, pool => sqlx::query(
                "UPDATE staff_enrolments SET pending_secret = $1 WHERE token_hash = $2 AND pending_secret = $3")
                .bind(new).bind(key).bind(old).execute(pool).await?.rows_affected());
        } else {
            let id: i64 = key.parse().unwrap_or(-1);
            with_pool!(self, pool => sqlx::query(
                "UPDATE staff_accounts SET totp_secret = $1 WHERE id = $2 AND totp_secret = $3")
                .bind(new).bind(id).bind(old).execute(pool).await?.rows_affected());
        }
        Ok(())
    }

    /// Claims one sign-in try: in one statement, checks that the account is
    /// not locked at `at` and that its count of failures is still `seen`,
    /// counts this try as failed (a success resets the count) and sets the
    /// lock the count calls for. False when locked, or when another try
    /// got in first (read the account again): parallel tries can never
    /// check more passwords than the lockout allows.
    pub async fn claim_signin(
        &self,
        id: i64,
        at: i64,
        seen: i64,
        locked_until: i64,
    ) -> Result<bool, DbError> {
        let n = with_pool!(self, pool => sqlx::query(
            "UPDATE staff_accounts SET failed_signins = failed_signins + 1, locked_until = $1 \
             WHERE id = $2 AND failed_signins = $3 AND locked_until <= $4")
            .bind(locked_until).bind(id).bind(seen).bind(at).execute(pool).await?.rows_affected());
        Ok(n == 1)
    }

    /// Records an accepted TOTP step; false if that step (or a later one)
    /// was already used, on this or any instance.
    pub async fn accept_totp_step(&self, id: i64, step: i64) -> Result<bool, DbError> {
        let n = with_pool!(self, pool => sqlx::query(
            "UPDATE staff_accounts SET totp_last_step = $1, failed_signins = 0, locked_until = 0 \
             WHERE id = $2 AND totp_last_step < $1")
            .bind(step).bind(id).execute(pool).await?.rows_affected());
        Ok(n == 1)
    }

    /// Spends a recovery code, given its keyed hash under each configured
    /// data key; false if it is not one of the account's.
    pub async fn use_recovery_code(
        &self,
        id: i64,
        code_hashes: &[String],
    ) -> Result<bool, DbError> {
        let mut n = 0;
        for code_hash in code_hashes {
            n += with_pool!(self, pool => sqlx::query(
                "DELETE FROM staff_recovery_codes WHERE account_id = $1 AND code_hash = $2")
                .bind(id).bind(code_hash).execute(pool).await?.rows_affected());
            if n > 0 {
                break;
            }
        }
        if n == 1 {
            with_pool!(self, pool => sqlx::query(
                "UPDATE staff_accounts SET failed_signins = 0, locked_until = 0 WHERE id = $1")
                .bind(id).execute(pool).await?.rows_affected());
        }
        Ok(n == 1)
    }

    pub async fn create_session(
        &self,
        id_hash: &str,
        account_id: i64,
        csrf: &str,
        now: i64,
    ) -> Result<(), DbError> {
        with_pool!(self, pool => sqlx::query(
            "INSERT INTO staff_sessions (id_hash, account_id, csrf, created_at, seen_at) VALUES ($1, $2, $3, $4, $4)")
            .bind(id_hash).bind(account_id).bind(csrf).bind(now).execute(pool).await?.rows_affected());
        Ok(())
    }

    pub async fn session(&self, id_hash: &str) -> Result<Option<Session>, DbError> {
        let row: Option<(i64, String, i64, i64)> = with_pool!(self, pool => sqlx::query_as(
            "SELECT account_id, csrf, created_at, seen_at FROM staff_sessions WHERE id_hash = $1")
            .bind(id_hash).fetch_optional(pool).await?);
        Ok(row.map(|r| Session {
            account_id: r.0,
            csrf: r.1,
            created_at: r.2,
            seen_at: r.3,
        }))
    }

    pub async fn touch_session(&self, id_hash: &str, now: i64) -> Result<(), DbError> {
        with_pool!(self, pool => sqlx::query("UPDATE staff_sessions SET seen_at = $1 WHERE id_hash = $2")
            .bind(now).bind(id_hash).execute(pool).await?.rows_affected());
        Ok(())
    }

    pub async fn end_session(&self, id_hash: &str) -> Result<(), DbError> {
        with_pool!(self, pool => sqlx::query("DELETE FROM staff_sessions WHERE id_hash = $1")
            .bind(id_hash).execute(pool).await?.rows_affected());
        Ok(())
    }

    /// "Sign out everywhere": every session of the account.
    pub async fn end_sessions_of(&self, account_id: i64) -> Result<u64, DbError> {
        Ok(
            with_pool!(self, pool => sqlx::query("DELETE FROM staff_sessions WHERE account_id = $1")
            .bind(account_id).execute(pool).await?.rows_affected()),
        )
    }

    /// Adds to the audit log (staff actions only; never visitor data).
    /// `at` is when it happened, from the caller's clock.
    pub async fn audit(
        &self,
        at: jiff::Timestamp,
        actor: &str,
        action: &str,
        detail: &str,
    ) -> Result<(), DbError> {
        let at = at.strftime("%Y-%m-%d %H:%M:%S UTC").to_string();
        with_pool!(self, pool => sqlx::query(
            "INSERT INTO audit_log (at, actor, action, detail) VALUES ($1, $2, $3, $4)")
            .bind(&at).bind(actor).bind(action).bind(detail).execute(pool).await?.rows_affected());
        Ok(())
    }

    /// The newest `limit` audit entries: (at, actor, action, detail).
    pub async fn audit_entries(
        &self,
        limit: i64,
    ) -> Result<Vec<(String, String, String, String)>, DbError> {
        Ok(with_pool!(self, pool => sqlx::query_as(
            "SELECT at, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT $1")
            .bind(limit).fetch_all(pool).await?))
    }
}
