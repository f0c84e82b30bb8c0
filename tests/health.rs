//! `/healthz` and `/readyz` on SQLite: plain text, never stored, one word
//! on the public listener and every check on the staff listener; an
//! instance whose database lacks a migration is not ready. The database
//! cut is in `tests/fault.rs` (PostgreSQL through a proxy).

mod common;

use axum::http::StatusCode;
use common::*;
use pathway::config::HttpConfig;
use pathway::db::Store;
use pathway::http::router::staff_router;
use pathway::http::{AppState, router};

#[tokio::test]
async fn health_and_readiness_answer_in_plain_text_and_never_stored() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let url = format!("sqlite:{}", dir.path().join("p.db").display());
    let (app, state) = app_state_on(&url, HttpConfig::default()).await;
    for (path, body) in [("/healthz", "ok\n"), ("/readyz", "ready\n")] {
        let r = get(&app, path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert_eq!(r.text(), body, "{path}");
        assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
        assert_eq!(
            r.header("content-type"),
            Some("text/plain; charset=utf-8"),
            "{path}"
        );
        assert!(r.header("set-cookie").is_none());
    }
    let staff = staff_router(state);
    let r = get(&staff, "/readyz").await;
    assert_eq!(r.status, StatusCode::OK);
    let text = r.text();
    for line in [
        "ready\n",
        "content: ok (version ",
        "database: ok (SQLite answered)",
        "migrations: ok (",
        "survey writer: ok (running)",
        "message writer: ok (running)",
    ] {
        assert!(text.contains(line), "{line}: {text}");
    }
    assert_eq!(get(&staff, "/healthz").await.status, StatusCode::OK);
}

/// A database one migration short (a release started against a database
/// nobody migrated) is not ready, and the staff listener says to migrate.
#[tokio::test]
async fn a_database_with_a_pending_migration_is_not_ready() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let url = format!("sqlite:{}", dir.path().join("p.db").display());
    let store = Store::connect(&url, true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let raw = sqlx::SqlitePool::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    sqlx::query(
        "DELETE FROM _sqlx_migrations WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)",
    )
    .execute(&raw)
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    raw.close().await;
    let state = AppState::new(pages(&sample_content()), store, HttpConfig::default());
    let public = get(&router(state.clone()), "/readyz").await;
    assert_eq!(public.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(public.text(), "not ready\n");
    let staff = get(&staff_router(state), "/readyz").await.text();
    assert!(
        staff.contains("migrations: FAILED (1 pending or changed, 0 unknown to this binary: run `pathway migrate`)"),
        "{staff}"
    );
    assert!(staff.contains("database: ok"), "{staff}");
}
