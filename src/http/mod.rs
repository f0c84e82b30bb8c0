//! HTTP: the state, the router, extractors and middleware, and the
//! handlers, which extract, call the services, and choose a view.

pub mod around;
pub mod error;
pub mod health;
pub mod lang;
pub mod limit;
pub mod messages;
pub mod metrics;
pub mod middleware;
pub mod pages;
pub mod pdf;
pub mod router;
pub mod server;
pub mod site;
pub mod staff;
pub mod state;
pub mod survey;
pub mod tools;

pub use error::AppError;
pub use router::{onion_router, router, staff_router};
pub use state::AppState;

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// An HTML page that browsers and proxies never store (so that nothing
/// stays on a shared device): the one way handlers send rendered HTML.
pub(crate) fn no_store_html(status: StatusCode, body: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, crate::render::HTML),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// A download made for this request and never stored (by the browser or a
/// proxy), under a neutral file name: the one way handlers send a file
/// built from what a person typed or was given.
pub(crate) fn download(
    body: impl Into<axum::body::Body>,
    content_type: &'static str,
    file: &'static str,
) -> Response {
    let mut r = Response::new(body.into());
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static(content_type),
    );
    h.insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    if let Ok(v) = header::HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}
