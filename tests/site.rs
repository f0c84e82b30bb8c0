//! The public listener's shortcut to memory (`http::site`): every stored
//! page and asset is answered exactly as the router answers it (status,
//! headers, body, and what is counted), whatever the request asks for; and
//! nothing else is taken by it.

mod common;

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use pathway::config::HttpConfig;
use pathway::http::AppState;
use pathway::http::site::Site;
use pathway::services::metrics::Snapshot;

use common::{migrated_store, pages, sample_content};

/// Status, headers without `date` and `content-length`, the length hyper
/// will send (the header when set, or the body's exact size, as hyper
/// writes it), and the body.
type Seen = (StatusCode, HeaderMap, Option<u64>, Vec<u8>);

async fn seen(response: axum::response::Response) -> Seen {
    use axum::body::HttpBody as _;
    let (parts, body) = response.into_parts();
    let mut headers = parts.headers;
    headers.remove("date");
    let length = headers
        .remove("content-length")
        .and_then(|v| v.to_str().ok()?.parse().ok())
        .or(body.size_hint().exact());
    let body = body
        .collect()
        .await
        .unwrap_or_else(|e| panic!("body: {e}"))
        .to_bytes()
        .to_vec();
    (parts.status, headers, length, body)
}

/// A fresh state over the sample content with `http`, and its public site.
async fn site(http: HttpConfig) -> (Site, AppState) {
    let store = migrated_store("sqlite::memory:").await;
    let state = AppState::new(pages(&sample_content()), store, http);
    (Site::public(state.clone()), state)
}

fn request(method: &Method, path: &str, headers: &[(&str, &str)]) -> Request<Body> {
    let mut r = Request::builder().method(method.clone()).uri(path);
    for (name, value) in headers {
        r = r.header(*name, *value);
    }
    r.body(Body::empty())
        .unwrap_or_else(|e| panic!("request: {e}"))
}

/// What both ways counted: the request counters (without durations) and
/// the usage counts.
fn counted(state: &AppState) -> (Vec<String>, Vec<String>) {
    let text = state
        .metrics
        .encode(&Snapshot::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let mut requests: Vec<String> = text
        .lines()
        .filter(|l| l.starts_with("pathway_http_requests_total"))
        .map(str::to_string)
        .collect();
    requests.sort();
    let mut usage: Vec<String> = state
        .usage
        .take()
        .iter()
        .map(|c| format!("{c:?}"))
        .collect();
    usage.sort();
    (requests, usage)
}

/// Every stored path, asked for in every way that changes the answer,
/// gets the same answer from the shortcut as from the router, with the
/// same counted.
async fn same_as_router(http: HttpConfig) {
    let (site, state) = site(http.clone()).await;
    let (routed, routed_state) = site_router(http.clone()).await;
    // ETags asked of a third instance, so that the two compared count
    // the same requests.
    let (tags, _) = site_router(http).await;
    let paths: Vec<String> = state.pages().paths().map(str::to_string).collect();
    assert!(paths.len() > 20, "the sample has its pages: {paths:?}");
    for path in &paths {
        let etag = seen(
            tags.router()
                .clone()
                .oneshot(request(&Method::GET, path, &[]))
                .await
                .unwrap_or_else(|e| match e {}),
        )
        .await
        .1
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .unwrap_or_default();
        let asks: [(Method, Vec<(&str, &str)>); 6] = [
            (Method::GET, vec![]),
            (Method::GET, vec![("accept-encoding", "gzip")]),
            (Method::GET, vec![("accept-encoding", "br, gzip")]),
            (Method::GET, vec![("accept-encoding", "gzip;q=0, br;q=0")]),
            (Method::GET, vec![("if-none-match", etag.as_str())]),
            (Method::HEAD, vec![("accept-encoding", "gzip")]),
        ];
        for (method, headers) in &asks {
            let fast = site
                .from_memory(&request(method, path, headers))
                .unwrap_or_else(|| panic!("{method} {path} is in memory"));
            let slow = routed
                .router()
                .clone()
                .oneshot(request(method, path, headers))
                .await
                .unwrap_or_else(|e| match e {});
            let ((fs, fh, fl, fb), (ss, sh, sl, sb)) = (seen(fast).await, seen(slow).await);
            let asked = format!("{method} {path} {headers:?}");
            assert_eq!((fs, &fh, fl), (ss, &sh, sl), "{asked}");
            // hyper sends no body for HEAD, whichever way it was made.
            if method != Method::HEAD {
                assert!(
                    fb == sb,
                    "{asked}: bodies differ ({} and {} bytes)",
                    fb.len(),
                    sb.len()
                );
            }
        }
    }
    assert_eq!(counted(&state), counted(&routed_state));
}

/// The same configuration's router alone, as a `Site` without the shortcut.
async fn site_router(http: HttpConfig) -> (Site, AppState) {
    let store = migrated_store("sqlite::memory:").await;
    let state = AppState::new(pages(&sample_content()), store, http);
    (Site::from(pathway::http::router(state.clone())), state)
}

use tower::ServiceExt;

#[tokio::test]
async fn every_stored_page_is_answered_as_the_router_answers_it() {
    same_as_router(HttpConfig::default()).await;
}

#[tokio::test]
async fn with_hsts_an_onion_address_and_no_metrics_too() {
    same_as_router(HttpConfig {
        hsts: true,
        onion_location: Some("http://pathwayexampleonionaddress.onion".into()),
        metrics: false,
        ..HttpConfig::default()
    })
    .await;
}

#[tokio::test]
async fn anything_not_in_memory_is_left_to_the_router() {
    let (site, _) = site(HttpConfig::default()).await;
    let module = "/modules/sexual-communication-online";
    for (method, path) in [
        (Method::POST, module),
        (Method::PUT, "/"),
        (Method::OPTIONS, "/"),
        (Method::GET, "/no-such-page"),
        (Method::GET, "/get-in-touch"),
        (Method::GET, "/survey"),
        (Method::GET, "/staff/sign-in"),
        (Method::GET, "/healthz"),
        // No PDFs are made for this state: the router says so.
        (Method::GET, "/modules/sexual-communication-online.pdf"),
    ] {
        assert!(
            site.from_memory(&request(&method, path, &[])).is_none(),
            "{method} {path}"
        );
    }
    // A query string does not change which page it is.
    let r = site.from_memory(&request(&Method::GET, &format!("{module}?x=1"), &[]));
    assert_eq!(r.map(|r| r.status()), Some(StatusCode::OK));
}

#[tokio::test]
async fn with_the_request_log_on_every_request_goes_through_the_router() {
    let (site, _) = site(HttpConfig {
        request_log: true,
        ..HttpConfig::default()
    })
    .await;
    let r = site.from_memory(&request(&Method::GET, "/", &[]));
    assert!(r.is_none(), "the log must see every request");
}

#[tokio::test]
async fn a_module_pdf_is_taken_once_rendered_and_answered_as_the_router_does() {
    let db = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (router, state) = common::pdf_app(&sample_content(), db.path(), 1, 4).await;
    let site = Site::public(state.clone());
    let pdf = "/modules/sexual-communication-online.pdf";
    // Not rendered yet: the router renders it (the request waits for it).
    assert!(site.from_memory(&request(&Method::GET, pdf, &[])).is_none());
    let first = router
        .clone()
        .oneshot(request(&Method::GET, pdf, &[]))
        .await
        .unwrap_or_else(|e| match e {});
    assert_eq!(first.status(), StatusCode::OK);
    for headers in [vec![], vec![("accept-encoding", "gzip")]] {
        let fast = site
            .from_memory(&request(&Method::GET, pdf, &headers))
            .unwrap_or_else(|| panic!("the rendered PDF is in memory"));
        let slow = router
            .clone()
            .oneshot(request(&Method::GET, pdf, &headers))
            .await
            .unwrap_or_else(|e| match e {});
        let ((fs, fh, fl, fb), (ss, sh, sl, sb)) = (seen(fast).await, seen(slow).await);
        assert_eq!((fs, &fh, fl), (ss, &sh, sl), "{headers:?}");
        assert!(fh.get("content-disposition").is_some());
        assert!(fb == sb, "the same PDF bytes");
    }
}
