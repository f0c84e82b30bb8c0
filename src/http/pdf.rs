//! Module PDF downloads and worksheet PDFs.

use askama::Template;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::http::state::AppState;
use crate::render::cache::Finish;
use crate::render::views::{Layout, WorksheetPage};
use crate::render::worksheet::form_view;
use crate::render::{PageSet, Rendered};
use crate::services::content::ContentVersion;
use crate::services::pdf::document::worksheet_doc;
use crate::services::pdf::pdf_key;
use crate::services::usage::Event;
use crate::worksheet::{Decoded, decode};

/// Largest worksheet form body read; larger bodies get a clear page.
pub const WORKSHEET_BODY_LIMIT: usize = 256 * 1024;

/// `/modules/{slug}.pdf` (`lang` "") or `/{lang}/modules/{slug}.pdf`: the
/// module's PDF in that language, rendered once and kept in memory.
pub async fn module_pdf(
    state: &AppState,
    pages: std::sync::Arc<ContentVersion>,
    lang: &str,
    slug: &str,
    headers: &HeaderMap,
) -> Response {
    let Some(pdfs) = pages.pdfs() else {
        return pages.not_found().respond(headers, StatusCode::NOT_FOUND);
    };
    let key = pdf_key(lang, slug);
    match (pdfs.get(&key).await, pdfs.disposition(&key)) {
        (Some(Ok(pdf)), Some(disposition)) => {
            pdf_response(state, &key, &pdf, disposition, headers, None)
        }
        (Some(Err(_)), Some(_)) => {
            // Already logged with the module when it failed.
            message_page(
                &pages,
                lang,
                StatusCode::INTERNAL_SERVER_ERROR,
                ("pdf-failed-heading", "pdf-failed-text"),
                None,
                match lang {
                    "" => format!("/modules/{slug}"),
                    _ => format!("/{lang}/modules/{slug}"),
                },
            )
        }
        _ => pages.not_found().respond(headers, StatusCode::NOT_FOUND),
    }
}

/// A module's PDF when it is already rendered (`None` while it is not, or
/// when its render failed: `module_pdf` answers those).
/// `finish` as in `pages::from_memory`.
pub fn module_pdf_ready(
    state: &AppState,
    pages: &ContentVersion,
    (lang, slug): (&str, &str),
    headers: &HeaderMap,
    finish: Option<&Finish>,
) -> Option<Response> {
    let pdfs = pages.pdfs()?;
    let key = pdf_key(lang, slug);
    let pdf = pdfs.ready(&key)?.as_ref().ok()?;
    let disposition = pdfs.disposition(&key)?;
    Some(pdf_response(state, &key, pdf, disposition, headers, finish))
}

/// A rendered module PDF, counted like the module's page views (`cy/<slug>`
/// in Welsh) and named for saving.
fn pdf_response(
    state: &AppState,
    key: &str,
    pdf: &Rendered,
    disposition: &HeaderValue,
    headers: &HeaderMap,
    finish: Option<&Finish>,
) -> Response {
    state.usage.count(Event::ModulePdf, key);
    let mut response = pdf.respond_with(headers, StatusCode::OK, finish);
    response
        .headers_mut()
        .insert(header::CONTENT_DISPOSITION, disposition.clone());
    response
}

/// A page with a message and, when given, the worksheet form (with the
/// person's answers), in the worksheet's language. Never cached.
fn message_page(
    pages: &PageSet,
    lang: &str,
    status: StatusCode,
    texts: (&str, &str),
    form: Option<crate::render::worksheet::FormView>,
    back_href: String,
) -> Response {
    let Some((current, p, t)) = pages.language(lang) else {
        return crate::http::error::AppError::NotFound.into_response();
    };
    let mut l = Layout::new(&p.site, t, &t.t("worksheet-title"), "worksheet");
    let back = back_href.split('#').next().unwrap_or_default();
    let path = back.strip_prefix(current.prefix.as_str()).unwrap_or(back);
    crate::render::locales::localize(&mut l, pages.langs(), current, path);
    let page = WorksheetPage {
        l,
        heading: t.t(texts.0),
        message: t.t(texts.1),
        form,
        back_href,
    };
    match page.render() {
        Ok(html) => crate::http::no_store_html(status, html),
        // The site's error page, from the error-page middleware.
        Err(e) => crate::http::error::AppError::from(e).into_response(),
    }
}

/// `POST /modules/{slug}/worksheets/{id}`: the worksheet PDF with the
/// person's answers. The answers are never stored, logged or counted.
pub async fn worksheet(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    body: Body,
) -> Response {
    worksheet_in(state, String::new(), slug, id, body).await
}

/// `POST /{locale}/modules/{slug}/worksheets/{id}`: the same, typeset in
/// that language (the questions' ids are the same in every language).
pub async fn worksheet_translated(
    State(state): State<AppState>,
    Path((locale, slug, id)): Path<(String, String, String)>,
    body: Body,
) -> Response {
    worksheet_in(state, locale, slug, id, body).await
}

async fn worksheet_in(
    state: AppState,
    lang: String,
    slug: String,
    id: String,
    body: Body,
) -> Response {
    let pages = state.pages();
    let Some((current, programme, t)) = pages.language(&lang) else {
        return crate::http::error::AppError::NotFound.into_response();
    };
    let Some(exercise) = programme.module(&slug).and_then(|m| m.exercise(&id)) else {
        return crate::http::error::AppError::NotFound.into_response();
    };
    let prefix = current.prefix.as_str();
    let back = format!("{prefix}/modules/{slug}#{id}");
    let page = |status, texts, decoded: Option<&Decoded>| {
        let form = form_view(prefix, &slug, exercise, t, decoded);
        message_page(&pages, &lang, status, texts, Some(form), back.clone())
    };
    let Ok(bytes) = axum::body::to_bytes(body, WORKSHEET_BODY_LIMIT).await else {
        let texts = ("worksheet-too-large-heading", "worksheet-too-large-text");
        return page(StatusCode::PAYLOAD_TOO_LARGE, texts, None);
    };
    let decoded: Decoded = decode(exercise, &bytes);
    drop(bytes);
    if !decoded.errors.is_empty() {
        let texts = ("worksheet-fix-heading", "worksheet-fix-text");
        return page(StatusCode::UNPROCESSABLE_ENTITY, texts, Some(&decoded));
    }
    let Some(queue) = state.worksheets.clone() else {
        return crate::http::error::AppError::NotFound.into_response();
    };
    let doc = worksheet_doc(programme, exercise, &decoded.answers, t);
    match queue.render(doc).await {
        Ok(Ok(pdf)) => {
            // A count only: not which module, and nothing of the answers.
            state.usage.count(Event::WorksheetPdf, "");
            worksheet_download(pdf)
        }
        Ok(Err(reason)) => {
            tracing::error!(module = %slug, exercise = %id, %reason, "worksheet PDF failed");
            let texts = ("worksheet-failed-heading", "worksheet-failed-text");
            page(StatusCode::INTERNAL_SERVER_ERROR, texts, Some(&decoded))
        }
        Err(crate::services::pdf::Busy) => {
            let texts = ("worksheet-busy-heading", "worksheet-busy-text");
            let mut response = page(StatusCode::SERVICE_UNAVAILABLE, texts, Some(&decoded));
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
            response
        }
    }
}

/// The worksheet PDF as a download with a neutral name, never stored.
fn worksheet_download(pdf: Vec<u8>) -> Response {
    crate::http::download(pdf, crate::services::pdf::PDF, "worksheet.pdf")
}
