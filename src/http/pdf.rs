//! Module PDF downloads and worksheet PDFs.

use askama::Template;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::app::AppState;
use crate::pdf::build::worksheet_doc;
use crate::render::PageSet;
use crate::render::views::{Layout, WorksheetPage};
use crate::render::worksheet::form_view;
use crate::worksheet::{Decoded, decode};

/// Largest worksheet form body read; larger bodies get a clear page.
pub const WORKSHEET_BODY_LIMIT: usize = 256 * 1024;

/// `/modules/{slug}.pdf`: the module's PDF, rendered once and kept in memory.
pub async fn module_pdf(
    state: &AppState,
    pages: std::sync::Arc<PageSet>,
    slug: &str,
    headers: &HeaderMap,
) -> Response {
    let Some(pdfs) = pages.pdfs() else {
        return pages.not_found().respond(headers, StatusCode::NOT_FOUND);
    };
    match (pdfs.get(slug).await, pdfs.disposition(slug)) {
        (Some(Ok(pdf)), Some(disposition)) => {
            state.usage.count(crate::usage::Event::ModulePdf, slug);
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

fn attachment(response: &mut Response, filename: &str) {
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
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
        Ok(html) => (
            status,
            [
                (header::CONTENT_TYPE, crate::render::HTML),
                (header::CACHE_CONTROL, "no-store"),
            ],
            html,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "the worksheet page failed to render");
            (status, [(header::CACHE_CONTROL, "no-store")]).into_response()
        }
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
        return pages
            .not_found()
            .respond(&HeaderMap::new(), StatusCode::NOT_FOUND);
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
        return pages
            .not_found()
            .respond(&HeaderMap::new(), StatusCode::NOT_FOUND);
    };
    let doc = worksheet_doc(&programme, exercise, &decoded.answers, &t);
    match queue.render(doc).await {
        Ok(Ok(pdf)) => {
            // A count only: not which module, and nothing of the answers.
            state.usage.count(crate::usage::Event::WorksheetPdf, "");
            let mut response = Response::new(Body::from(pdf));
            let h = response.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(crate::pdf::PDF),
            );
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            attachment(&mut response, "worksheet.pdf");
            response
        }
        Ok(Err(reason)) => {
            tracing::error!(module = %slug, exercise = %id, %reason, "worksheet PDF failed");
            let form = form_view(&slug, exercise, &t, Some(&decoded));
            message_page(
                &pages,
                StatusCode::INTERNAL_SERVER_ERROR,
                t.t("worksheet-failed-heading"),
                t.t("worksheet-failed-text"),
                Some(form),
                back,
            )
        }
        Err(crate::pdf::Busy) => {
            let form = form_view(&slug, exercise, &t, Some(&decoded));
            let mut response = message_page(
                &pages,
                StatusCode::SERVICE_UNAVAILABLE,
                t.t("worksheet-busy-heading"),
                t.t("worksheet-busy-text"),
                Some(form),
                back,
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
            response
        }
    }
}
