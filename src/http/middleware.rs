//! Middleware: the site's error pages, and the optional request log.

use std::time::Instant;

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::http::around::Around;
use crate::http::error::{ErrorKind, ErrorReport};
use crate::http::router::{CSP, PERMISSIONS_POLICY};
use crate::http::state::AppState;

/// Which error pages a path gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Area {
    Public,
    /// The survey, in the language whose tag is given ("" for the
    /// default: `/survey/…`; "cy" for `/cy/survey/…`).
    Survey(String),
    Staff,
}

impl Area {
    fn of(path: &str) -> Area {
        let survey = |p: &str| p == "/survey" || p.starts_with("/survey/");
        if path == "/staff" || path.starts_with("/staff/") {
            return Area::Staff;
        }
        if survey(path) {
            return Area::Survey(String::new());
        }
        // `/<tag>/survey…`: only the survey's own pages pay for the tag.
        let rest = path.strip_prefix('/').unwrap_or(path);
        match rest.split_once('/') {
            Some((tag, tail)) if tail == "survey" || tail.starts_with("survey/") => {
                Area::Survey(tag.to_string())
            }
            _ => Area::Public,
        }
    }
}

/// Turns every failed handler's bare response (an `AppError`, a timeout, a
/// route that does not exist) into the site's or the staff area's error
/// page, and logs each unavailable or internal error once: what failed,
/// never anything about the visitor (no address, path, query or answer).
#[derive(Clone)]
pub struct ErrorPages(pub AppState);

impl Around for ErrorPages {
    type Noted = (AppState, Area);

    fn before<B>(&self, request: &axum::http::Request<B>) -> Result<Self::Noted, Box<Response>> {
        Ok((self.0.clone(), Area::of(request.uri().path())))
    }

    fn after((state, area): Self::Noted, response: Response) -> Response {
        let status = response.status();
        let bare = response.headers().get(header::CONTENT_TYPE).is_none();
        let (kind, reason) = match response.extensions().get::<ErrorReport>() {
            Some(report) => {
                if let Some(detail) = &report.detail {
                    tracing::error!(status = status.as_u16(), error = %detail, "request failed");
                }
                (report.kind, report.reason)
            }
            None if bare && status == StatusCode::NOT_FOUND => (ErrorKind::NotFound, ""),
            None if bare && status == StatusCode::REQUEST_TIMEOUT => {
                tracing::warn!("a request took longer than request_timeout and was stopped");
                (ErrorKind::Timeout, "")
            }
            None => return response,
        };
        error_page(&state, area, kind, reason)
    }
}

/// The page for an error of `kind` in `area`.
fn error_page(state: &AppState, area: Area, kind: ErrorKind, reason: &str) -> Response {
    let pages = state.pages();
    let status = kind.status();
    match (area, kind) {
        (Area::Staff, _) => crate::http::staff::error_page(kind, reason),
        (Area::Survey(tag), ErrorKind::Unavailable) => {
            let lang = pages.in_lang(&tag).unwrap_or_else(|| pages.default_lang());
            crate::http::survey::unavailable_page(&lang)
        }
        (Area::Survey(tag), ErrorKind::CrossSite) => {
            let lang = pages.in_lang(&tag).unwrap_or_else(|| pages.default_lang());
            crate::http::survey::cross_site_page(&lang)
        }
        (_, ErrorKind::CrossSite) => crate::http::survey::cross_site_page(&pages.default_lang()),
        (_, ErrorKind::NotFound) => without_validators(
            pages
                .not_found()
                .respond(&HeaderMap::new(), StatusCode::NOT_FOUND),
        ),
        _ => without_validators(pages.internal_error().respond(&HeaderMap::new(), status)),
    }
}

/// Refuses a state-changing request that the browser says comes from
/// another site: `Sec-Fetch-Site: cross-site`, or an `Origin` that names a
/// host other than the one asked for. A request with neither header (an
/// old browser, curl) goes on; so does `Origin: null`, which names no site
/// (a browser that sends it also sends Fetch Metadata). Safe methods are
/// never refused, so links from other sites still work.
#[derive(Clone)]
pub struct RefuseCrossSite;

impl Around for RefuseCrossSite {
    type Noted = ();

    fn before<B>(&self, request: &axum::http::Request<B>) -> Result<(), Box<Response>> {
        if is_cross_site(request) {
            return Err(Box::new(crate::http::AppError::CrossSite.into_response()));
        }
        Ok(())
    }

    fn after((): (), response: Response) -> Response {
        response
    }
}

/// True for a state-changing request from another site.
pub fn is_cross_site<B>(request: &axum::http::Request<B>) -> bool {
    use axum::http::Method;
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return false;
    }
    let headers = request.headers();
    if headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"cross-site"))
    {
        return true;
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return false;
    };
    if origin.as_bytes() == b"null" {
        return false;
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| request.uri().authority().map(|a| a.as_str()));
    let origin_host = origin
        .to_str()
        .ok()
        .and_then(|o| o.split_once("://"))
        .map(|(_, rest)| rest.trim_end_matches('/'));
    match (origin_host, host) {
        (Some(o), Some(h)) => !o.eq_ignore_ascii_case(h),
        // An Origin we cannot read, or no Host to compare it with.
        _ => true,
    }
}

/// Paths whose last part is a secret (an enrolment link's token).
const SECRET_PATHS: [&str; 1] = ["/staff/enrol/"];

/// What the request log may say of a path: a path that carries a secret
/// keeps its route with the secret replaced, and a path that matched
/// nothing (where a visitor may have typed anything, a code included) is
/// not written at all.
pub fn loggable_path(path: &str, status: StatusCode) -> std::borrow::Cow<'_, str> {
    if let Some(prefix) = SECRET_PATHS.iter().find(|p| path.starts_with(**p)) {
        return format!("{prefix}{{secret}}").into();
    }
    if status == StatusCode::NOT_FOUND {
        return "(a path that does not exist)".into();
    }
    path.into()
}

/// Marks a request as arriving on the onion listener.
pub async fn mark_onion(mut request: Request, next: Next) -> Response {
    request
        .extensions_mut()
        .insert(crate::http::limit::OnionListener);
    next.run(request).await
}

/// Error pages are not cacheable resources: no ETag.
fn without_validators(mut response: Response) -> Response {
    response.headers_mut().remove(header::ETAG);
    response
}

/// The security headers of every response, from pre-built values.
#[derive(Clone)]
pub struct SecurityHeaders {
    hsts: bool,
    /// The onion service's address, when configured: Tor Browser offers
    /// the same page there.
    onion: Option<std::sync::Arc<str>>,
}

impl SecurityHeaders {
    pub fn of(http: &crate::config::HttpConfig) -> Self {
        Self {
            hsts: http.hsts,
            onion: http.onion_location.as_deref().map(std::sync::Arc::from),
        }
    }

    /// The headers that are the same on every response (all but
    /// `Onion-Location`), in the order `after` adds them.
    pub fn fixed(&self) -> HeaderMap {
        let mut h = HeaderMap::with_capacity(SECURITY_HEADERS.len() + 1);
        for (name, value) in SECURITY_HEADERS.iter() {
            h.insert(name.clone(), value.clone());
        }
        if self.hsts {
            h.insert(header::STRICT_TRANSPORT_SECURITY, HSTS.clone());
        }
        h
    }

    /// `Onion-Location` for a page at `path`, when an onion address is set.
    pub fn onion_for(&self, path: &str) -> Option<HeaderValue> {
        let base = self.onion.as_ref()?;
        HeaderValue::from_str(&format!("{base}{path}")).ok()
    }
}

impl Around for SecurityHeaders {
    type Noted = (bool, Option<HeaderValue>);

    fn before<B>(&self, request: &axum::http::Request<B>) -> Result<Self::Noted, Box<Response>> {
        Ok((self.hsts, self.onion_for(request.uri().path())))
    }

    fn after((hsts, onion): Self::Noted, mut response: Response) -> Response {
        let h = response.headers_mut();
        for (name, value) in SECURITY_HEADERS.iter() {
            h.insert(name.clone(), value.clone());
        }
        if hsts {
            h.insert(header::STRICT_TRANSPORT_SECURITY, HSTS.clone());
        }
        if let Some(onion) = onion {
            h.insert(ONION_LOCATION.clone(), onion);
        }
        response
    }
}

pub static ONION_LOCATION: HeaderName = HeaderName::from_static("onion-location");

static HSTS: HeaderValue = HeaderValue::from_static("max-age=63072000; includeSubDomains");

static SECURITY_HEADERS: [(HeaderName, HeaderValue); 7] = [
    (
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    ),
    (
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    ),
    (
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    ),
    (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
    (
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static(PERMISSIONS_POLICY),
    ),
    (
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    ),
    (
        HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static("same-origin"),
    ),
];

/// One line per request: method, path (without the query), status and
/// duration. Never an address, user agent or referrer; never a secret from
/// a path (see `loggable_path`).
pub async fn request_log(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status();
    tracing::info!(
        target: "pathway::request",
        method = %method,
        path = %loggable_path(&path, status),
        status = status.as_u16(),
        ms = format_args!("{:.2}", started.elapsed().as_secs_f64() * 1000.0),
    );
    response
}
