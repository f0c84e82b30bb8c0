//! Middleware: the site's error pages, and the optional request log.

use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;

use crate::app::AppState;
use crate::error::ErrorReport;

/// Replaces bare 404 and 5xx responses from handlers with the site's pages,
/// and logs internal errors (never anything about the visitor).
pub async fn error_pages(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let headers = request.headers().clone();
    let response = next.run(request).await;
    let status = response.status();
    if let Some(report) = response.extensions().get::<ErrorReport>() {
        tracing::error!(status = status.as_u16(), error = %report.0, "request failed");
    }
    let is_bare = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .is_none();
    if !is_bare {
        return response;
    }
    let pages = state.pages();
    if status == StatusCode::NOT_FOUND {
        strip_validators(pages.not_found().respond(&headers, status))
    } else if status.is_server_error() {
        strip_validators(pages.internal_error().respond(&headers, status))
    } else {
        response
    }
}

/// Error pages are not cacheable resources: no ETag.
fn strip_validators(mut response: Response) -> Response {
    response.headers_mut().remove(axum::http::header::ETAG);
    response
}

/// One line per request: method, path (without the query), status and
/// duration. Never an address, user agent or referrer.
pub async fn request_log(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    tracing::info!(
        target: "pathway::request",
        method = %method,
        path = %path,
        status = response.status().as_u16(),
        ms = format_args!("{:.2}", started.elapsed().as_secs_f64() * 1000.0),
    );
    response
}
