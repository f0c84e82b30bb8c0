//! `pathway migrate [--check]` and `pathway backup`: the database's own
//! upkeep, apart from serving.

use std::path::Path;
use std::process::ExitCode;

use crate::db::Store;
use crate::db::admin::MigrationState;

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::FAILURE
}

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

/// `pathway backup FILE`: a consistent copy of the SQLite database while
/// the site keeps running.
pub async fn backup(database: &str, target: &Path) -> ExitCode {
    let store = match Store::connect(database, false).await {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let started = std::time::Instant::now();
    let result = store.backup_to(target).await;
    store.close().await;
    match result {
        Ok(()) => {
            let size = std::fs::metadata(target).map(|m| m.len()).unwrap_or(0);
            println!(
                "backed up to {} ({} KB in {} ms)",
                target.display(),
                size / 1024,
                started.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}
