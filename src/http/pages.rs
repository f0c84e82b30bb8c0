//! Public page handlers. Pages are stored bytes; only "Get in touch" looks
//! at the clock.

use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use crate::app::AppState;
use crate::error::AppError;

/// Any stored page or asset by its path; the site's 404 page otherwise.
pub async fn stored(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    let pages = state.pages();
    if let Some(slug) = uri
        .path()
        .strip_prefix("/modules/")
        .and_then(|rest| rest.strip_suffix(".pdf"))
    {
        return super::pdf::module_pdf(pages, slug, &headers).await;
    }
    match pages.get(uri.path()) {
        Some(page) => page.respond(&headers, StatusCode::OK),
        None => pages.not_found().respond(&headers, StatusCode::NOT_FOUND),
    }
}

/// "Get in touch", with the helpline's state now.
pub async fn get_in_touch(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let page = state.pages().get_in_touch()?;
    Ok(page.respond(&headers, StatusCode::OK))
}
