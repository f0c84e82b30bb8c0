//! Module PDF downloads and worksheet PDFs.

use askama::Template;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::http::state::AppState;
use crate::render::PageSet;
use crate::render::views::{Layout, WorksheetPage};
use crate::render::worksheet::form_view;
use crate::services::content::ContentVersion;
use crate::services::pdf::document::worksheet_doc;
use crate::services::usage::Event;
use crate::worksheet::{Decoded, decode};

/// Largest worksheet form body read; larger bodies get a clear page.
pub const WORKSHEET_BODY_LIMIT: usize = 256 * 1024;

/// `/modules/{slug}.pdf`: the module's PDF, rendered once and kept in memory.
pub async fn module_pdf(
    state: &AppState,
    pages: std::sync::Arc<ContentVersion>,
    slug: &str,
    headers: &HeaderMap,
) -> Response {
    let Some(pdfs) = pages.pdfs() else {
        return pages.not_found().respond(headers, StatusCode::NOT_FOUND);
    };
    match (pdfs.get(slug).await, pdfs.disposition(slug)) {
        (Some(Ok(pdf)), Some(disposition)) => {
            state.usage.count(Event::ModulePdf, slug);
            let mut response = pdf.respond(headers, StatusCode::OK);
            response
                .headers_mut()
                .insert(header::CONTENT_DISPOSITION, disposition.clone());
            response
        }
        (Some(Err(_)), Some(_)) => {
            // Already logged with the module when it failed.
            let t = pages.i18n();
            message_page(
                &pages,
                StatusCode::INTERNAL_SERVER_ERROR,
                t.t("pdf-failed-heading"),
                t.t("pdf-failed-text"),
                None,
                format!("/modules/{slug}"),
            )
        }
        _ => pages.not_found().respond(headers, StatusCode::NOT_FOUND),
    }
}

/// A page with a message and, when given, the worksheet form (with the
/// person's answers). Never cached.
fn message_page(
    pages: &PageSet,
    status: StatusCode,
    heading: String,
    message: String,
    form: Option<crate::render::worksheet::FormView>,
    back_href: String,
) -> Response {
    let p = pages.programme();
    let t = pages.i18n();
    let page = WorksheetPage {
        l: Layout::new(&p.site, t, &t.t("worksheet-title"), "worksheet"),
        heading,
        message,
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
    let pages = state.pages();
    let t = pages.i18n().clone();
    let programme = pages.programme().clone();
    let Some(exercise) = programme.module(&slug).and_then(|m| m.exercise(&id)) else {
        return crate::http::error::AppError::NotFound.into_response();
    };
    let back = format!("/modules/{slug}#{id}");
    let Ok(bytes) = axum::body::to_bytes(body, WORKSHEET_BODY_LIMIT).await else {
        let form = form_view(&slug, exercise, &t, None);
        return message_page(
            &pages,
            StatusCode::PAYLOAD_TOO_LARGE,
            t.t("worksheet-too-large-heading"),
            t.t("worksheet-too-large-text"),
            Some(form),
            back,
        );
    };
    let decoded: Decoded = decode(exercise, &bytes);
    drop(bytes);
    if !decoded.errors.is_empty() {
        let form = form_view(&slug, exercise, &t, Some(&decoded));
        return message_page(
            &pages,
            StatusCode::UNPROCESSABLE_ENTITY,
            t.t("worksheet-fix-heading"),
            t.t("worksheet-fix-text"),
            Some(form),
            back,
        );
    }
    let Some(queue) = state.worksheets.clone() else {
        return crate::http::error::AppError::NotFound.into_response();
    };
    let doc = worksheet_doc(&programme, exercise, &decoded.answers, &t);
    let rendered = queue.render(doc).await;
    let failed = |status, heading: &str, text: &str| {
        let form = form_view(&slug, exercise, &t, Some(&decoded));
        message_page(
            &pages,
            status,
            t.t(heading),
            t.t(text),
            Some(form),
            back.clone(),
        )
    };
    match rendered {
        Ok(Ok(pdf)) => {
            // A count only: not which module, and nothing of the answers.
            state.usage.count(Event::WorksheetPdf, "");
            worksheet_download(pdf)
        }
        Ok(Err(reason)) => {
            tracing::error!(module = %slug, exercise = %id, %reason, "worksheet PDF failed");
            failed(
                StatusCode::INTERNAL_SERVER_ERROR,
                "worksheet-failed-heading",
                "worksheet-failed-text",
            )
        }
        Err(crate::services::pdf::Busy) => {
            let mut response = failed(
                StatusCode::SERVICE_UNAVAILABLE,
                "worksheet-busy-heading",
                "worksheet-busy-text",
            );
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
