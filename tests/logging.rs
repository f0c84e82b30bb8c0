//! No IP address, user agent, referrer or query string in any log line;
//! the request log (off by default) holds method, path, status and duration.

mod common;

use common::*;
use pathway::config::HttpConfig;

const MARKERS: [(&str, &str); 5] = [
    ("user-agent", "MarkerAgent/7781"),
    ("referer", "https://marker-referrer.example/page"),
    ("x-forwarded-for", "203.0.113.77"),
    ("x-real-ip", "198.51.100.23"),
    ("forwarded", "for=192.0.2.60"),
];

async fn requests(http: HttpConfig) -> String {
    let captured = Captured::default();
    let _guard = captured.install();
    let app = app_with(&sample_content(), http).await;
    for path in [
        "/modules/managing-urges?from=marker-query-99",
        "/nope",
        "/get-in-touch",
    ] {
        let r = send(&app, request(path, &MARKERS)).await;
        assert!(r.status.as_u16() < 500);
    }
    captured.text()
}

fn assert_no_visitor_data(log: &str) {
    for (_, marker) in MARKERS {
        assert!(!log.contains(marker), "the log holds {marker}:\n{log}");
    }
    assert!(
        !log.contains("marker-query-99"),
        "the log holds a query string:\n{log}"
    );
}

#[tokio::test]
async fn request_log_holds_method_path_status_and_duration_only() {
    let log = requests(HttpConfig {
        request_log: true,
        ..HttpConfig::default()
    })
    .await;
    assert_no_visitor_data(&log);
    let lines: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("pathway::request"))
        .collect();
    assert_eq!(lines.len(), 3, "{log}");
    assert!(lines[0].contains("method=GET") && lines[0].contains("path=/modules/managing-urges"));
    assert!(lines[0].contains("status=200") && lines[0].contains("ms="));
    assert!(lines[1].contains("status=404"));
}

#[tokio::test]
async fn no_request_log_by_default() {
    let log = requests(HttpConfig::default()).await;
    assert_no_visitor_data(&log);
    assert!(!log.contains("pathway::request"), "{log}");
    assert!(!log.contains("managing-urges"), "{log}");
}
