//! Readiness: whether this instance should be sent visitors. Each check is
//! named, with what it found; the public answer is one word, the reasons
//! are for the staff listener and the log. Nothing here is about visitors.

use std::time::Duration;

use crate::db::Store;
use crate::db::admin::MigrationState;

/// How long the database may take to answer before the instance is not
/// ready: a probe every few seconds must not queue behind a stuck pool.
pub const CHECK_TIMEOUT: Duration = Duration::from_secs(2);

/// One check and what it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub name: &'static str,
    pub ok: bool,
    pub detail: String,
}

/// Every check, in a fixed order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readiness {
    pub checks: Vec<Check>,
}

impl Readiness {
    pub fn ready(&self) -> bool {
        self.checks.iter().all(|c| c.ok)
    }

    /// One line per check: `database: ok (answered)`.
    pub fn report(&self) -> String {
        self.checks
            .iter()
            .map(|c| {
                let word = if c.ok { "ok" } else { "FAILED" };
                format!("{}: {word} ({})\n", c.name, c.detail)
            })
            .collect()
    }
}

/// What the web layer knows without asking the database: the content
/// version served and whether the two writer tasks can take work.
pub struct Known<'a> {
    pub content_hash: &'a str,
    pub survey_writer: bool,
    pub message_writer: bool,
}

/// The checks: content loaded, database answering within
/// [`CHECK_TIMEOUT`], every migration this binary knows applied and no
/// other, and the survey and message writers alive.
pub async fn readiness(store: &Store, known: Known<'_>) -> Readiness {
    let content = Check {
        name: "content",
        ok: !known.content_hash.is_empty(),
        detail: format!(
            "version {}",
            known.content_hash.get(..12).unwrap_or(known.content_hash)
        ),
    };
    let (database, migrations) = database_checks(store).await;
    let writer = |name, alive: bool| Check {
        name,
        ok: alive,
        detail: if alive { "running" } else { "stopped" }.to_string(),
    };
    Readiness {
        checks: vec![
            content,
            database,
            migrations,
            writer("survey writer", known.survey_writer),
            writer("message writer", known.message_writer),
        ],
    }
}

async fn database_checks(store: &Store) -> (Check, Check) {
    let database = |ok, detail: String| Check {
        name: "database",
        ok,
        detail,
    };
    let migrations = |ok, detail: String| Check {
        name: "migrations",
        ok,
        detail,
    };
    let backend = store.backend();
    match tokio::time::timeout(CHECK_TIMEOUT, store.ping()).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            return (
                database(false, format!("{backend}: {e}")),
                migrations(false, "not checked: no database".into()),
            );
        }
        Err(_) => {
            return (
                database(
                    false,
                    format!("{backend}: no answer within {}s", CHECK_TIMEOUT.as_secs()),
                ),
                migrations(false, "not checked: no database".into()),
            );
        }
    }
    let status = tokio::time::timeout(CHECK_TIMEOUT, store.migration_status()).await;
    let migrations = match status {
        Ok(Ok((list, unknown))) => {
            let pending = list
                .iter()
                .filter(|m| m.state != MigrationState::Applied)
                .count();
            let ok = pending == 0 && unknown.is_empty();
            let detail = if ok {
                format!("{} applied", list.len())
            } else {
                format!(
                    "{pending} pending or changed, {} unknown to this binary: run `pathway migrate`",
                    unknown.len()
                )
            };
            migrations(ok, detail)
        }
        Ok(Err(e)) => migrations(false, e.to_string()),
        Err(_) => migrations(false, "no answer in time".into()),
    };
    (database(true, format!("{backend} answered")), migrations)
}
