//! `pathway migrate [--check]`: the database's migrations, apart from
//! serving.

use std::process::ExitCode;

use super::fail;
use crate::db::Store;
use crate::db::admin::MigrationState;

/// `pathway migrate`: applies the pending migrations and lists them all;
/// with `check`, changes nothing and fails when any is pending, changed or
/// unknown to this binary.
pub async fn migrate(database: &str, create: bool, check: bool) -> ExitCode {
    let store = match Store::connect(database, create && !check).await {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    if !check && let Err(e) = store.migrate().await {
        store.close().await;
        return fail(e);
    }
    let status = store.migration_status().await;
    store.close().await;
    let (list, unknown) = match status {
        Ok(found) => found,
        Err(e) => return fail(e),
    };
    let mut problems = 0;
    for m in &list {
        let state = match m.state {
            MigrationState::Applied => "applied",
            MigrationState::Pending => "PENDING",
            MigrationState::Changed => "CHANGED since it was applied",
        };
        if m.state != MigrationState::Applied {
            problems += 1;
        }
        println!("{:04} {}: {state}", m.version, m.description);
    }
    for v in &unknown {
        problems += 1;
        println!(
            "{v:04}: applied, but unknown to this version of Pathway (a newer release ran here)"
        );
    }
    println!(
        "{} database: {} migration(s), {problems} problem(s)",
        store.backend(),
        list.len()
    );
    if problems == 0 {
        ExitCode::SUCCESS
    } else if check {
        eprintln!(
            "run `pathway migrate` to apply pending migrations; a changed or unknown one needs the matching release of Pathway"
        );
        ExitCode::FAILURE
    } else {
        ExitCode::FAILURE
    }
}
