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

/// With the request log on, a secret in a path (an enrolment link's
/// token) and a path that does not exist (where a visitor may have typed a
/// code) never reach the log; the privacy and transparency pages say the
/// log is on.
#[tokio::test]
async fn the_request_log_never_holds_a_secret_from_a_path() {
    let captured = Captured::default();
    let _guard = captured.install();
    let http = HttpConfig {
        request_log: true,
        ..HttpConfig::default()
    };
    let (_, state) = app_state_on("sqlite::memory:", http.clone()).await;
    let pages = {
        let loaded = pathway::content::load(&sample_content(), today());
        let programme = loaded.programme.unwrap_or_else(|| panic!("content"));
        let options = pathway::render::RenderOptions {
            request_log: true,
            ..Default::default()
        };
        pathway::render::PageSet::build(programme, options).unwrap_or_else(|e| panic!("{e}"))
    };
    let app = pathway::http::router(pathway::http::AppState::new(
        pages,
        state.store.clone(),
        http,
    ));
    for path in [
        "/staff/enrol/SECRETTOKEN7781abc",
        "/survey/7KQ4-MX2P-9TRW-HC3B-XY",
        "/modules/managing-urges",
    ] {
        send(&app, request(path, &[])).await;
    }
    let log = captured.text();
    assert!(!log.contains("SECRETTOKEN7781abc"), "{log}");
    assert!(!log.contains("7KQ4"), "{log}");
    assert!(log.contains("path=/staff/enrol/{secret}"), "{log}");
    assert!(log.contains("path=/modules/managing-urges"), "{log}");
    let privacy = get(&app, "/privacy").await.text();
    assert!(privacy.contains("switched on the server"), "{privacy}");
    assert!(privacy.contains("system log adds the time"));
    let transparency = get(&app, "/transparency").await.text();
    assert!(
        transparency.contains("request log is switched on"),
        "{transparency}"
    );
    let quiet = get(
        &app_with(&sample_content(), HttpConfig::default()).await,
        "/privacy",
    )
    .await
    .text();
    assert!(quiet.contains("request log is switched off"), "{quiet}");
}

#[tokio::test]
async fn no_request_log_by_default() {
    let log = requests(HttpConfig::default()).await;
    assert_no_visitor_data(&log);
    assert!(!log.contains("pathway::request"), "{log}");
    assert!(!log.contains("managing-urges"), "{log}");
}
