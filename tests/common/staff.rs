//! Staff-area helpers: a site on a SQLite file, enrolment through the web
//! pages, sign-in and session cookies.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use pathway::http::AppState;
use pathway::services::staff;

use super::*;

pub struct Site {
    pub app: axum::Router,
    pub state: AppState,
    pub dir: tempfile::TempDir,
}

pub async fn site() -> Site {
    site_over(&sample_content()).await
}

/// The site over the content folder `content`, with a database of its own.
pub async fn site_over(content: &std::path::Path) -> Site {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, state) = pdf_app(content, dir.path(), 1, 1).await;
    Site { app, state, dir }
}

pub fn post(path: &str, body: String, cookie: Option<&str>) -> Request<Body> {
    let mut b = Request::post(path).header("content-type", "application/x-www-form-urlencoded");
    if let Some(c) = cookie {
        b = b.header("cookie", format!("{}={c}", pathway::http::staff::COOKIE));
    }
    b.body(Body::from(body)).unwrap_or_else(|e| panic!("{e}"))
}

pub fn get_with(path: &str, cookie: &str) -> Request<Body> {
    Request::get(path)
        .header(
            "cookie",
            format!("{}={cookie}", pathway::http::staff::COOKIE),
        )
        .body(Body::empty())
        .unwrap_or_else(|e| panic!("{e}"))
}

pub fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    text.split(start)
        .nth(1)
        .and_then(|r| r.split(end).next())
        .unwrap_or_default()
}

pub const PASSWORD: &str = "correct horse battery";

/// Adds `name` and enrols it through the web pages; returns the TOTP key
/// and the recovery codes.
pub async fn enrolled(s: &Site, name: &str, role: &str) -> (String, Vec<String>) {
    let id = s
        .state
        .store
        .create_account(name, role, today())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let token = format!("token-{name}");
    s.state
        .store
        .create_enrolment(
            &staff::digest(&token),
            id,
            pathway::clock::Clock::system().unix() + 3600,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let path = format!("/staff/enrol/{token}");
    assert_eq!(get(&s.app, &path).await.status, StatusCode::OK);
    let pw = format!(
        "step=password&password={p}&confirm={p}",
        p = PASSWORD.replace(' ', "+")
    );
    let second = send(&s.app, post(&path, pw, None)).await;
    let html = second.text();
    assert!(html.contains("<svg role=\"img\""), "a QR code: {html}");
    assert!(!html.contains("<?xml"), "inline SVG has no XML declaration");
    let key = between(&html, "<code id=\"totp-key\">", "<").to_string();
    let code = staff::totp(&key, "x")
        .unwrap_or_else(|| panic!("key"))
        .generate(u64::try_from(pathway::clock::Clock::system().unix() - 30).unwrap_or(0))
        .to_string();
    let done = send(&s.app, post(&path, format!("step=code&code={code}"), None)).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    let codes: Vec<String> = done
        .text()
        .split("<li><code>")
        .skip(1)
        .filter_map(|c| c.split('<').next())
        .map(String::from)
        .collect();
    assert_eq!(codes.len(), 10);
    // The link works once.
    assert_eq!(get(&s.app, &path).await.status, StatusCode::GONE);
    (key, codes)
}

pub fn code_at(key: &str, step_offset: i64) -> String {
    let t = staff::totp(key, "x").unwrap_or_else(|| panic!("key"));
    let time = (pathway::clock::Clock::system().unix() / 30 + step_offset) * 30;
    t.generate(u64::try_from(time).unwrap_or(0)).to_string()
}

pub async fn sign_in(s: &Site, name: &str, password: &str, code: &str) -> Reply {
    let body = format!(
        "name={name}&password={}&code={code}",
        password.replace(' ', "+")
    );
    send(&s.app, post("/staff/sign-in", body, None)).await
}

pub fn session_of(r: &Reply) -> String {
    let cookie = r.header("set-cookie").unwrap_or_default().to_string();
    for attr in ["Secure", "HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(attr), "{cookie} lacks {attr}");
    }
    between(&cookie, "__Host-pathway-staff=", ";").to_string()
}

/// The newest `n` audit-log entries: (when, who, what, detail).
pub async fn audit(s: &Site, n: i64) -> Vec<(String, String, String, String)> {
    s.state
        .store
        .audit_entries(n)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}
