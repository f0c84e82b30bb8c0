//! `/metrics` on the staff listener, on SQLite and on PostgreSQL: after a
//! scripted visit its text is read by a Prometheus parser; every metric is
//! Pathway's, every label is one of a fixed few with a value from a fixed
//! list (the content version is the served content's hash), and nothing a
//! visitor sent (a path, a code) appears. The public listener has no
//! `/metrics`. A survey sent afterwards shows in the writer's figures.

mod common;

use std::collections::{BTreeSet, HashMap};

use axum::http::StatusCode;
use common::*;
use pathway::config::HttpConfig;
use pathway::http::router::staff_router;

const CLASSES: [&str; 9] = [
    "page",
    "pdf",
    "worksheet",
    "survey",
    "message",
    "tool",
    "staff",
    "asset",
    "health",
];
const STATUSES: [&str; 4] = ["2xx", "3xx", "4xx", "5xx"];
const SOURCES: [&str; 2] = ["memory", "rendered"];
const RESULTS: [&str; 2] = ["loaded", "refused"];

fn value(v: &prometheus_parse::Value) -> f64 {
    match v {
        prometheus_parse::Value::Counter(n)
        | prometheus_parse::Value::Gauge(n)
        | prometheus_parse::Value::Untyped(n) => *n,
        _ => f64::NAN,
    }
}

#[tokio::test]
async fn metrics_on_sqlite_are_on_the_staff_listener_with_fixed_labels_only() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let url = format!("sqlite:{}", dir.path().join("p.db").display());
    visit_and_scrape(&url).await;
}

#[tokio::test]
async fn metrics_on_postgres_are_on_the_staff_listener_with_fixed_labels_only() {
    let Some(db) = common::pg::PgDatabase::create("metrics").await else {
        return;
    };
    visit_and_scrape(&db.url).await;
    db.drop().await;
}

/// The scrape parsed, with every label checked against the fixed lists.
fn parsed(text: &str, version: &str) -> prometheus_parse::Scrape {
    let lines = text.lines().map(|l| Ok(l.to_string()));
    let scrape = prometheus_parse::Scrape::parse(lines).unwrap_or_else(|e| panic!("{e}"));
    for s in &scrape.samples {
        assert!(s.metric.starts_with("pathway_"), "{}", s.metric);
        for (key, v) in s.labels.iter() {
            let known = match key.as_str() {
                "class" => CLASSES.contains(&v.as_str()),
                "status" => STATUSES.contains(&v.as_str()),
                "source" => SOURCES.contains(&v.as_str()),
                "result" => RESULTS.contains(&v.as_str()),
                "version" => v == version,
                "le" => v == "+Inf" || v.parse::<f64>().is_ok(),
                _ => false,
            };
            assert!(known, "label {key}={v} is not on the fixed list");
        }
    }
    scrape
}

/// The first sample of `name` whose labels include `label` (any when "").
fn sample(scrape: &prometheus_parse::Scrape, name: &str, label: (&str, &str)) -> f64 {
    scrape
        .samples
        .iter()
        .find(|s| {
            s.metric == name && (label.0.is_empty() || s.labels.get(label.0) == Some(label.1))
        })
        .map(|s| value(&s.value))
        .unwrap_or(f64::NAN)
}

async fn visit_and_scrape(url: &str) {
    let (public, state) = app_state_on(url, HttpConfig::default()).await;
    let hash = state.pages().programme().hash.clone();
    let version = &hash[..12];
    let staff = staff_router(state);
    let secret = "CODE-7QX2-SECRET";
    for path in [
        "/".to_string(),
        "/modules/managing-urges".into(),
        "/cy/modules/managing-urges".into(),
        "/survey".into(),
        "/cy/survey".into(),
        "/messages".into(),
        "/urge".into(),
        "/static/style.css".into(),
        format!("/survey/resume/{secret}"),
        format!("/modules/{secret}.pdf"),
        "/readyz".into(),
    ] {
        get(&public, &path).await;
    }
    get(&staff, "/staff/sign-in").await;
    assert_eq!(get(&public, "/metrics").await.status, StatusCode::NOT_FOUND);

    let scraped = get(&staff, "/metrics").await;
    assert_eq!(scraped.status, StatusCode::OK);
    assert_eq!(scraped.header("cache-control"), Some("no-store"));
    let text = scraped.text();
    assert!(
        !text.contains(secret) && !text.contains("/modules"),
        "{text}"
    );
    let scrape = parsed(&text, version);
    assert!(scrape.samples.len() > 10, "{text}");

    let mut requests: HashMap<(String, String), f64> = HashMap::new();
    let mut names = BTreeSet::new();
    for s in &scrape.samples {
        names.insert(s.metric.clone());
        if s.metric == "pathway_http_requests_total" {
            let key = (
                s.labels.get("class").unwrap_or_default().to_string(),
                s.labels.get("status").unwrap_or_default().to_string(),
            );
            requests.insert(key, value(&s.value));
        }
    }
    let count = |class: &str, status: &str| {
        requests
            .get(&(class.to_string(), status.to_string()))
            .copied()
            .unwrap_or(0.0)
    };
    assert_eq!(count("page", "2xx"), 3.0, "{requests:?}");
    assert_eq!(count("survey", "2xx"), 2.0, "{requests:?}");
    assert!(
        count("survey", "4xx") + count("survey", "3xx") >= 1.0,
        "{requests:?}"
    );
    assert_eq!(count("pdf", "4xx"), 1.0, "{requests:?}");
    assert_eq!(count("message", "2xx"), 1.0, "{requests:?}");
    assert_eq!(count("tool", "2xx"), 1.0, "{requests:?}");
    assert_eq!(count("asset", "2xx"), 1.0, "{requests:?}");
    assert_eq!(count("staff", "2xx"), 1.0, "{requests:?}");
    for name in [
        "pathway_ready",
        "pathway_content_modules",
        "pathway_db_pool_connections",
        "pathway_survey_drafts_open",
        "pathway_messages_waiting",
        "pathway_messages_oldest_wait_days",
        "pathway_process_resident_memory_bytes",
        "pathway_render_jobs_running",
        "pathway_render_jobs_waiting",
        "pathway_render_jobs_refused_total",
        "pathway_content_reloads_total",
        "pathway_survey_writer_commit_seconds_count",
    ] {
        assert!(names.contains(name), "{name} in {names:?}");
    }
    let gauge = |name: &str| {
        scrape
            .samples
            .iter()
            .find(|s| s.metric == name)
            .map(|s| value(&s.value))
            .unwrap_or(f64::NAN)
    };
    assert_eq!(gauge("pathway_ready"), 1.0);
    assert!(gauge("pathway_process_resident_memory_bytes") > 1e6);
    assert!(gauge("pathway_content_modules") >= 3.0);
    assert_eq!(
        sample(&scrape, "pathway_content_version", ("version", version)),
        1.0
    );
    // Two module pages, the home page and the style sheet are stored bytes;
    // the urge page was rendered when the content loaded.
    let memory = sample(&scrape, "pathway_pages_total", ("source", "memory"));
    assert!(memory >= 5.0, "{memory}");
    assert_eq!(
        sample(&scrape, "pathway_survey_writer_batch_rows_count", ("", "")),
        0.0
    );

    // One survey sent: one group of one response, committed.
    common::survey::finished_baseline(&public).await;
    let after = parsed(&get(&staff, "/metrics").await.text(), version);
    let writer = |name: &str| sample(&after, name, ("", ""));
    assert_eq!(writer("pathway_survey_writer_batch_rows_count"), 1.0);
    assert_eq!(writer("pathway_survey_writer_batch_rows_sum"), 1.0);
    assert_eq!(writer("pathway_survey_writer_commit_seconds_count"), 1.0);
    assert!(writer("pathway_survey_writer_commit_seconds_sum") > 0.0);
    assert_eq!(writer("pathway_survey_writer_pool_wait_seconds_count"), 1.0);
    assert_eq!(writer("pathway_survey_writer_failed_commits_total"), 0.0);
}

#[tokio::test]
async fn metrics_false_counts_nothing_and_serves_no_metrics() {
    let http = HttpConfig {
        metrics: false,
        ..HttpConfig::default()
    };
    let (public, state) = app_state_on("sqlite::memory:", http).await;
    let staff = staff_router(state);
    assert_eq!(get(&public, "/").await.status, StatusCode::OK);
    assert_eq!(get(&staff, "/metrics").await.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&staff, "/readyz").await.status, StatusCode::OK);
}
