//! `pathway backup FILE`: a consistent copy of the SQLite database.

use std::path::Path;
use std::process::ExitCode;

use super::fail;
use crate::db::Store;

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
