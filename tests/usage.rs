//! Usage figures: counters only, flushed from memory to the store, kept
//! over a graceful restart, and published monthly with small numbers
//! hidden.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

use axum::http::StatusCode;
use common::*;
use pathway::services::usage::Count;

const MODULE: &str = "/modules/sexual-communication-online";

#[tokio::test]
async fn events_are_counted_per_day_and_module_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, state) = pdf_app(&sample_content(), dir.path(), 1, 1).await;
    get(&app, MODULE).await;
    get(&app, MODULE).await;
    get(&app, "/modules/no-such-module").await;
    send(&app, request(MODULE, &[])).await;
    let head = axum::http::Request::head(MODULE)
        .body(axum::body::Body::empty())
        .unwrap_or_else(|e| panic!("{e}"));
    send(&app, head).await;
    get(&app, "/get-in-touch").await;
    get(&app, "/survey").await;
    assert_eq!(
        send(&app, post_form("/survey/start", "consent=yes"))
            .await
            .status,
        StatusCode::OK
    );
    state
        .usage
        .flush(&state.store, &state.clock)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let today = pathway::db::surveys::day(today());
    let views = state
        .store
        .usage_days("module-view")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        views,
        vec![(today.clone(), "sexual-communication-online".to_string(), 3)],
        "three GETs of a real module; the HEAD and the missing module are not counted"
    );
    for (counter, subject) in [
        ("get-in-touch-view", ""),
        ("survey-invitation", ""),
        ("survey-started", "feedback"),
    ] {
        let rows = state
            .store
            .usage_days(counter)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            rows,
            vec![(today.clone(), subject.to_string(), 1)],
            "{counter}"
        );
    }
    // A second flush adds to the day's totals.
    get(&app, MODULE).await;
    state
        .usage
        .flush(&state.store, &state.clock)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let views = state
        .store
        .usage_days("module-view")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(views[0].2, 4);
}

#[tokio::test]
async fn the_transparency_page_shows_whole_months_with_small_counts_hidden() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, state) = pdf_app(&sample_content(), dir.path(), 1, 1).await;
    let empty = get(&app, "/transparency").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.text().contains("no whole months to show yet"));
    let count = |event: &'static str, subject: &str, n: i64| Count {
        event,
        subject: subject.to_string(),
        n,
    };
    let store = &state.store;
    let add = |day: String, counts: Vec<Count>| async move {
        store
            .add_usage(&day, &counts)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    };
    add(
        "2025-10-03".into(),
        vec![
            count("module-view", "a", 3),
            count("module-view", "b", 9),
            count("survey-started", "feedback", 4),
        ],
    )
    .await;
    add(
        "2025-10-20".into(),
        vec![count("survey-completed", "feedback", 2)],
    )
    .await;
    let today = pathway::db::surveys::day(today());
    add(today.clone(), vec![count("module-view", "a", 50)]).await;
    let page = get(&app, "/transparency").await;
    let html = page.text();
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert!(html.contains("<th scope=\"row\">2025-10</th>"), "{html}");
    assert!(
        html.contains("<td>12</td>"),
        "module views summed over modules: {html}"
    );
    assert!(
        html.contains("fewer than 5"),
        "4 surveys started is hidden: {html}"
    );
    assert!(!html.contains("<td>4</td>") && !html.contains("<td>2</td>"));
    assert!(
        !html.contains(&today[..7]) && !html.contains("<td>50</td>"),
        "the current month is not shown: {html}"
    );
}

/// The figures are the same at `/cy/transparency`, in Welsh, with the
/// small-count rule's words in Welsh too, and each page links the other.
#[tokio::test]
async fn the_transparency_page_is_in_welsh_at_its_welsh_address() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, state) = pdf_app(&sample_content(), dir.path(), 1, 1).await;
    let counts = vec![Count {
        event: "module-view",
        subject: "a".to_string(),
        n: 3,
    }];
    state
        .store
        .add_usage("2025-10-03", &counts)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let page = get(&app, "/cy/transparency").await;
    let html = page.text();
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert!(html.contains(r#"<html lang="cy" dir="ltr">"#), "{html}");
    assert!(html.contains("Sut mae&#39;r wefan hon yn cael ei defnyddio"));
    assert!(html.contains("<th scope=\"row\">2025-10</th>"), "{html}");
    assert!(html.contains("llai na 5"), "{html}");
    assert!(!html.contains("fewer than"), "{html}");
    assert!(
        html.contains(r#"href="/transparency" hreflang="en-GB""#),
        "{html}"
    );
    let english = get(&app, "/transparency").await.text();
    assert!(
        english.contains(r#"href="/cy/transparency" hreflang="cy""#),
        "{english}"
    );
    assert_eq!(
        get(&app, "/de/transparency").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_transparency_page_is_off_unless_site_toml_switches_it_on() {
    let app = app_with(&fixture_content(), pathway::config::HttpConfig::default()).await;
    assert_eq!(
        get(&app, "/transparency").await.status,
        StatusCode::NOT_FOUND
    );
}

/// Counts in memory are written when the server stops gracefully.
#[tokio::test]
async fn counts_survive_a_graceful_restart() {
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = work.path().join("site.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_pathway"))
        .args(["serve", "--bind", "127.0.0.1:0", "--create", "--database"])
        .arg(&db)
        .arg("--content")
        .arg(sample_content())
        .env("PATHWAY_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("stdout"));
    let first = BufReader::new(stdout)
        .lines()
        .next()
        .and_then(|l| l.ok())
        .unwrap_or_default();
    let addr = first
        .rsplit("http://")
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    for _ in 0..3 {
        let mut s = std::net::TcpStream::connect(&addr).unwrap_or_else(|e| panic!("{addr}: {e}"));
        write!(
            s,
            "GET {MODULE} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let mut reply = String::new();
        let _ = s.read_to_string(&mut reply);
        assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    }
    // Stopped well before the first timed flush could run.
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let status = child.wait().unwrap_or_else(|e| panic!("{e}"));
    assert!(status.success());
    let store = pathway::db::Store::connect(&format!("sqlite:{}", db.display()), false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let views = store
        .usage_days("module-view")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(views.iter().map(|v| v.2).sum::<i64>(), 3, "{views:?}");
}
