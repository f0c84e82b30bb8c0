//! The staff area: enrolment (password, TOTP, recovery codes), sign-in
//! (password then TOTP or a recovery code), server-side sessions in a
//! `__Host-` cookie, CSRF tokens, sign out (everywhere), throttling and the
//! audit log. Every response is `no-store`. Access is checked by type (see
//! `auth`).

use crate::render::st;
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::http::error::{AppError, ErrorKind};
use crate::http::state::AppState;
pub use crate::render::staff::StaffPage;

pub mod auth;
pub mod content;
pub mod enrol;
mod filters;
pub mod messages;
pub mod results;
pub mod sign_in;
pub mod usage;

pub use auth::{
    AnswersMessages, AnyStaff, EditsContent, Permission, ReadsResults, Staff, StaffForm,
};
pub use content::{content_page, preview, reload};
pub use enrol::{enrol, enrol_form};
pub use results::{codebook, export_csv, export_json, free_text, results};
pub use sign_in::{lock_seconds, sign_in, sign_in_form, sign_out, sign_out_everywhere};
pub use usage::{usage, usage_csv};

pub const COOKIE: &str = "__Host-pathway-staff";

/// A staff page, rendered; a template failure is an internal error.
pub(crate) fn page(status: StatusCode, mut p: StaffPage) -> Result<Response, AppError> {
    p.assets = crate::render::pages::asset_version();
    html_page(status, &p)
}

/// A page with a heading and a message.
/// A page with the heading and text of the staff strings `heading` and
/// `text`.
pub(crate) fn message(status: StatusCode, heading: &str, text: &str) -> Result<Response, AppError> {
    html_page(status, &StaffPage::message(&st::t(heading), &st::t(text)))
}

/// An HTML page that is never stored.
pub(crate) fn html_page(status: StatusCode, t: &impl Template) -> Result<Response, AppError> {
    Ok(crate::http::no_store_html(status, t.render()?))
}

fn no_store(mut r: Response) -> Response {
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// The staff area's page for an error of `kind` (shown by the error-page
/// middleware). If even this page cannot be rendered, plain text.
pub fn error_page(kind: ErrorKind, reason: &str) -> Response {
    let (heading, text) = match kind {
        ErrorKind::NotFound => ("staff-error-not-found", "staff-error-not-found-text"),
        ErrorKind::Refused if reason.starts_with("staff-") => ("staff-error-refused", reason),
        ErrorKind::Refused => ("staff-error-refused", "staff-refused-any"),
        ErrorKind::CrossSite => ("staff-error-cross-site", "staff-error-cross-site-text"),
        ErrorKind::TooMany => ("staff-error-too-many", "staff-error-too-many-text"),
        ErrorKind::Unavailable => ("staff-error-unavailable", "staff-error-unavailable-text"),
        ErrorKind::Internal => ("staff-error-internal", "staff-error-internal-text"),
        ErrorKind::Timeout => ("staff-error-timeout", "staff-error-timeout-text"),
    };
    let status = kind.status();
    match StaffPage::message(&st::t(heading), &st::t(text)).render() {
        Ok(html) => crate::http::no_store_html(status, html),
        Err(e) => {
            tracing::error!(error = %e, "the staff error page failed to render");
            no_store((status, format!("{heading}. {text}")).into_response())
        }
    }
}

pub(crate) fn field<'a>(form: &'a [(String, String)], name: &str) -> &'a str {
    pathway_core::form::field(form, name).unwrap_or("")
}

/// 200 for a form shown fresh, 422 when it comes back with an error.
pub(crate) fn form_status(error: &str) -> StatusCode {
    if error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

pub(crate) fn redirect(to: &'static str) -> Response {
    let mut r = StatusCode::SEE_OTHER.into_response();
    r.headers_mut()
        .insert(header::LOCATION, HeaderValue::from_static(to));
    no_store(r)
}

pub(crate) fn set_cookie(r: &mut Response, value: &str, max_age: Option<i64>) {
    let age = max_age.map_or(String::new(), |a| format!("; Max-Age={a}"));
    let cookie = format!("{COOKIE}={value}; Path=/; Secure; HttpOnly; SameSite=Strict{age}");
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// `GET /staff`: who is signed in; for admins, the audit log.
pub async fn home(s: Staff<AnyStaff>, State(state): State<AppState>) -> Result<Response, AppError> {
    let audit = if s.role.reads_audit() {
        state.store.audit_entries(50).await?
    } else {
        Vec::new()
    };
    let surveys = if s.role.reads_results() {
        state
            .pages()
            .programme()
            .surveys
            .iter()
            .map(|x| (x.id.clone(), x.title.clone()))
            .collect()
    } else {
        Vec::new()
    };
    let inbox = if s.role.answers_messages() {
        let sum = state.store.inbox_summary().await?;
        Some((sum.waiting, sum.oldest_waiting_since.unwrap_or_default()))
    } else {
        None
    };
    page(
        StatusCode::OK,
        StaffPage {
            heading: st::t("staff-area"),
            inbox,
            mode: "home",
            name: s.account.name.clone(),
            role: s.role.name().into(),
            csrf: s.csrf,
            audit,
            surveys,
            edits: s.role.edits_content(),
            nav: true,
            ..Default::default()
        },
    )
}

/// A download with `no-store` and a neutral file name.
pub(crate) fn download(body: String, content_type: &'static str, file: &'static str) -> Response {
    let mut r = (StatusCode::OK, body).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    no_store(r)
}

/// A download whose body arrives in pieces from `chunks` (an error
/// mid-way ends the connection, so a cut-short file is not mistaken for a
/// whole one).
pub(crate) fn download_stream(
    chunks: tokio::sync::mpsc::Receiver<Result<Vec<u8>, std::io::Error>>,
    content_type: &'static str,
    file: &'static str,
) -> Response {
    let stream = futures_util::stream::unfold(chunks, |mut rx| async move {
        rx.recv().await.map(|chunk| (chunk, rx))
    });
    let mut r = (StatusCode::OK, axum::body::Body::from_stream(stream)).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    no_store(r)
}

/// The staff listener's fallback: the site's static files (its style
/// sheet), and nothing else.
pub async fn static_only(
    state: State<AppState>,
    method: axum::http::Method,
    uri: axum::http::Uri,
    headers: HeaderMap,
) -> Response {
    if uri.path().starts_with("/static/") {
        crate::http::pages::stored(state, method, uri, headers).await
    } else {
        AppError::NotFound.into_response()
    }
}
