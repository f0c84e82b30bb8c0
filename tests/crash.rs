//! Faults on one machine (SQLite): the server killed with `kill -9` while
//! answers are being sent; every acknowledged answer is committed before
//! its thank-you page; and a full disk (SQLite's `max_page_count`, since CI
//! runs as root and file permissions prove nothing) gives a clear page,
//! leaves no half-written response, and heals without a restart.

mod common;

use std::io::{Read, Write};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use axum::http::StatusCode;
use common::*;
use pathway::db::Store;

const ANSWER: &str = "q-helpful=4&q-clear=mostly";

/// A quick survey sent in-process, each from a visitor of its own (so that
/// the per-address limit is not what these tests meet).
fn quick_request() -> axum::http::Request<axum::body::Body> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    from_addr(
        post_form("/survey/quick/managing-urges", ANSWER),
        &format!("10.{}.{}.{}:1", (n >> 16) & 255, (n >> 8) & 255, n & 255),
    )
}

/// One quick survey, as forwarded by a proxy for visitor `from` (the
/// server trusts 127.0.0.1 as its proxy, so each visitor has its own limit).
fn post_quick(addr: &str, from: usize) -> Option<u16> {
    let mut s = std::net::TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(
        s,
        "POST /survey/quick/managing-urges HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
         X-Forwarded-For: 10.{}.{}.{}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{ANSWER}",
        (from >> 16) & 255,
        (from >> 8) & 255,
        from & 255,
        ANSWER.len()
    )
    .ok()?;
    let mut reply = String::new();
    s.read_to_string(&mut reply).ok()?;
    reply.split(' ').nth(1)?.parse().ok()
}

async fn stored(url: &str) -> usize {
    let store = Store::connect(url, false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let n = store
        .survey_responses("module-helpful", "en-GB")
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .len();
    store.close().await;
    n
}

/// `kill -9` in the middle of sending: every answer whose thank-you page
/// arrived is in the database afterwards.
#[tokio::test]
async fn kill_9_during_submissions_loses_no_acknowledged_answer() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let url = format!("sqlite:{}", dir.path().join("crash.db").display());
    let config = dir.path().join("pathway.toml");
    std::fs::write(&config, "trusted_proxies = [\"127.0.0.1\"]\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let config = config.display().to_string();
    let (mut child, addr) = serve_process_with(&url, true, &["--config", &config]);
    let visitor = Arc::new(AtomicUsize::new(0));
    let acked = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let senders: Vec<_> = (0..8)
        .map(|_| {
            let (addr, acked, stop) = (addr.clone(), acked.clone(), stop.clone());
            let visitor = visitor.clone();
            std::thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    match post_quick(&addr, visitor.fetch_add(1, Ordering::SeqCst)) {
                        Some(200) => {
                            acked.fetch_add(1, Ordering::SeqCst);
                        }
                        Some(other) => panic!("status {other} before the crash"),
                        None => break, // the server is gone
                    }
                }
            })
        })
        .collect();
    kill_9_after(&mut child, Duration::from_millis(1500)).await;
    stop.store(true, Ordering::SeqCst);
    for s in senders {
        let _ = s.join();
    }
    let acked = acked.load(Ordering::SeqCst);
    let stored = stored(&url).await;
    eprintln!("kill -9: {acked} acknowledged, {stored} stored");
    assert!(acked > 50, "answers were flowing: {acked}");
    assert!(
        stored >= acked,
        "{acked} acknowledged, only {stored} stored"
    );
}

/// Each thank-you page is sent only after its answer is committed: another
/// connection sees it the moment the page arrives.
#[tokio::test]
async fn the_commit_precedes_the_thank_you_page() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, state) = pdf_app(&sample_content(), dir.path(), 1, 1).await;
    let url = format!("sqlite:{}", dir.path().join("pathway.db").display());
    let other = Store::connect(&url, false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // Every pooled connection is durable (WAL, synchronous FULL): a kill -9
    // leaves the page cache, so only this proves a power cut is survived.
    for (mode, sync) in state
        .store
        .sqlite_durability(4)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
    {
        assert_eq!((mode.as_str(), sync), ("wal", 2));
    }
    for i in 1..=20 {
        let r = send(&app, quick_request()).await;
        assert_eq!(r.status, StatusCode::OK);
        let seen = other
            .survey_responses("module-helpful", "en-GB")
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .len();
        assert_eq!(seen, i, "committed before the page was sent");
    }
    other.close().await;
}

/// Sets SQLite's page limit on every pooled connection (`None`: the
/// current size, so that nothing more can be written; `Some(n)`: n).
async fn limit_pages(store: &Store, pages: Option<i64>) {
    let Store::Sqlite(pool) = store else {
        panic!("SQLite")
    };
    let mut held = Vec::new();
    for _ in 0..4 {
        let mut conn = pool.acquire().await.unwrap_or_else(|e| panic!("{e}"));
        let limit = match pages {
            Some(n) => n,
            None => {
                let (n,): (i64,) = sqlx::query_as("PRAGMA page_count")
                    .fetch_one(&mut *conn)
                    .await
                    .unwrap_or_else(|e| panic!("{e}"));
                n
            }
        };
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "PRAGMA max_page_count = {limit}"
        )))
        .execute(&mut *conn)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        held.push(conn);
    }
}

/// A full disk: a clear page, no half-written response, and the site
/// heals when space comes back, without a restart.
#[tokio::test]
async fn a_full_disk_gives_a_clear_page_and_heals_without_a_restart() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, state) = pdf_app(&sample_content(), dir.path(), 1, 1).await;
    assert_eq!(send(&app, quick_request()).await.status, StatusCode::OK);
    limit_pages(&state.store, None).await;
    let mut refused = 0;
    for _ in 0..200 {
        let r = send(&app, quick_request()).await;
        match r.status {
            StatusCode::OK => {}
            StatusCode::SERVICE_UNAVAILABLE => {
                refused += 1;
                assert!(r.text().contains("We cannot save survey answers just now"));
            }
            other => panic!("{other}: {}", r.text()),
        }
    }
    assert!(refused > 0, "the full disk was felt");
    // No half-written response: each stored response has its answers.
    let responses = state
        .store
        .survey_responses("module-helpful", "en-GB")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        responses.iter().all(|r| r.answers.len() == 3),
        "{responses:?}"
    );
    let before = responses.len();
    // Space again: it works at once.
    limit_pages(&state.store, Some(1_073_741_823)).await;
    let r = send(&app, quick_request()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(
        send(&app, post_form("/survey/start", "consent=yes"))
            .await
            .status,
        StatusCode::OK
    );
    let after = state
        .store
        .survey_responses("module-helpful", "en-GB")
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .len();
    assert_eq!(after, before + 1);
}

/// A first message to the helpline from visitor `n` (forwarded by the
/// trusted proxy); the status and the conversation code on the page.
fn post_message(addr: &str, n: usize) -> Option<(u16, String)> {
    let body = format!("text=crash+test+message+{n}&action=send-anyway");
    let mut s = std::net::TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(
        s,
        "POST /messages/send HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
         X-Forwarded-For: 10.{}.{}.{}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        (n >> 16) & 255,
        (n >> 8) & 255,
        n & 255,
        body.len()
    )
    .ok()?;
    let mut reply = String::new();
    s.read_to_string(&mut reply).ok()?;
    let status = reply.split(' ').nth(1)?.parse().ok()?;
    let code = reply
        .split("id=\"conversation-code\">")
        .nth(1)
        .and_then(|r| r.split('<').next())
        .unwrap_or_default()
        .to_string();
    Some((status, code))
}

/// `kill -9` while messages are being sent: every conversation whose code
/// page arrived opens with its code afterwards, with its text.
#[tokio::test]
async fn kill_9_while_messages_are_sent_loses_no_acknowledged_message() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let url = format!("sqlite:{}", dir.path().join("crash.db").display());
    let key = dir.path().join("data.key");
    let config = dir.path().join("pathway.toml");
    std::fs::write(
        &config,
        format!(
            "trusted_proxies = [\"127.0.0.1\"]\ndata_key_file = \"{}\"\n",
            key.display()
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let config = config.display().to_string();
    let (mut child, addr) = serve_process_with(&url, true, &["--config", &config]);
    let visitor = Arc::new(AtomicUsize::new(0));
    let acked = Arc::new(std::sync::Mutex::new(Vec::new()));
    let senders: Vec<_> = (0..8)
        .map(|_| {
            let (addr, acked, visitor) = (addr.clone(), acked.clone(), visitor.clone());
            std::thread::spawn(move || {
                loop {
                    let n = visitor.fetch_add(1, Ordering::SeqCst);
                    match post_message(&addr, n) {
                        Some((200, code)) if !code.is_empty() => {
                            if let Ok(mut a) = acked.lock() {
                                a.push((n, code));
                            }
                        }
                        Some((status, _)) => panic!("status {status} before the crash"),
                        None => break, // the server is gone
                    }
                }
            })
        })
        .collect();
    kill_9_after(&mut child, Duration::from_millis(1500)).await;
    for s in senders {
        let _ = s.join();
    }
    let acked = acked.lock().map(|a| a.clone()).unwrap_or_default();
    assert!(acked.len() > 20, "messages were flowing: {}", acked.len());
    let store = Store::connect(&url, false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let keys = pathway::services::keys::DataKeys::load(&key, &[]).unwrap_or_else(|e| panic!("{e}"));
    for (n, code) in &acked {
        let c = pathway::services::messages::open_by_code(&store, &keys, code)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("acknowledged conversation {n} is lost"));
        assert_eq!(c.messages[0].text, format!("crash test message {n}"));
    }
    eprintln!("kill -9: {} messages acknowledged, all stored", acked.len());
    store.close().await;
}

/// Lets the load run for `after`, then kills the server with `kill -9`
/// and waits for it to be gone.
async fn kill_9_after(child: &mut std::process::Child, after: Duration) {
    tokio::time::sleep(after).await;
    let killed = Command::new("kill")
        .args(["-9", &child.id().to_string()])
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(killed.success());
    let _ = child.wait();
}
