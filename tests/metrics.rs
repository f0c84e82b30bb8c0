//! `/metrics` on the staff listener: after a scripted visit its text is
//! read by a Prometheus parser; every metric is Pathway's, every label is
//! `class` or `status` (or a histogram's `le`) with a value from a fixed
//! list, and nothing a visitor sent (a path, a code) appears. The public
//! listener has no `/metrics`.

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

fn value(v: &prometheus_parse::Value) -> f64 {
    match v {
        prometheus_parse::Value::Counter(n)
        | prometheus_parse::Value::Gauge(n)
        | prometheus_parse::Value::Untyped(n) => *n,
        _ => f64::NAN,
    }
}

#[tokio::test]
async fn metrics_are_on_the_staff_listener_with_fixed_labels_only() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let url = format!("sqlite:{}", dir.path().join("p.db").display());
    let (public, state) = app_state_on(&url, HttpConfig::default()).await;
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
    let lines = text.lines().map(|l| Ok(l.to_string()));
    let scrape = prometheus_parse::Scrape::parse(lines).unwrap_or_else(|e| panic!("{e}"));
    assert!(scrape.samples.len() > 10, "{text}");

    let mut requests: HashMap<(String, String), f64> = HashMap::new();
    let mut names = BTreeSet::new();
    for s in &scrape.samples {
        assert!(s.metric.starts_with("pathway_"), "{}", s.metric);
        names.insert(s.metric.clone());
        for (key, v) in s.labels.iter() {
            match key.as_str() {
                "class" => assert!(CLASSES.contains(&v.as_str()), "{key}={v}"),
                "status" => assert!(STATUSES.contains(&v.as_str()), "{key}={v}"),
                "le" => assert!(v == "+Inf" || v.parse::<f64>().is_ok(), "{key}={v}"),
                other => panic!("label {other}={v} is not on the fixed list"),
            }
        }
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
}
