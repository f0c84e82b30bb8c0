//! "Where do I start?": the questions, the result built from one POST of
//! the answers, and the same result as a one-page PDF. The answers live
//! only in this request's memory, the page and the file; the one thing
//! counted is that a result was given.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pathway_core::content::self_check::{AnswerError, Answers, SelfCheck};
use pathway_core::usage::Event;

use super::ToolForm;
use crate::http::error::AppError;
use crate::http::lang::Speaking;
use crate::http::state::AppState;
use crate::render::InLang;
use crate::render::self_check::{SelfCheckPage, result, steps};

fn render(r: Result<String, askama::Error>, status: StatusCode) -> Response {
    match r {
        Ok(body) => crate::http::no_store_html(status, body),
        Err(e) => AppError::from(e).into_response(),
    }
}

/// The questions, with `answers` chosen and a message (a Fluent key) if
/// something needs changing.
fn questions(pages: &InLang<'_>, status: StatusCode, answers: &Answers, error: &str) -> Response {
    let Some(check) = &pages.programme().self_check else {
        return AppError::NotFound.into_response();
    };
    let t = pages.i18n();
    let error = if error.is_empty() {
        String::new()
    } else {
        t.t(error)
    };
    let v = SelfCheckPage::new(pages, check, answers, error);
    render(askama::Template::render(&v), status)
}

/// Why a posted form gives no result.
enum Refused {
    /// This content has no self-check.
    NotFound,
    /// The questions again, with this message (a Fluent key).
    Again(&'static str),
}

impl Refused {
    fn respond(self, pages: &InLang<'_>) -> Response {
        match self {
            Refused::NotFound => AppError::NotFound.into_response(),
            Refused::Again(key) => {
                let status = StatusCode::UNPROCESSABLE_ENTITY;
                questions(pages, status, &Answers::new(), key)
            }
        }
    }
}

/// The self-check and the answers read from `form`.
fn read(pages: &InLang<'_>, form: &ToolForm) -> Result<(SelfCheck, Answers), Refused> {
    let check = pages
        .programme()
        .self_check
        .clone()
        .ok_or(Refused::NotFound)?;
    match check.read(&form.fields) {
        Ok(answers) => Ok((check, answers)),
        Err(AnswerError::Nothing) => Err(Refused::Again("self-check-empty")),
        Err(AnswerError::Unknown) => Err(Refused::Again("self-check-changed")),
    }
}

/// `GET /where-to-start` (and `/{locale}/where-to-start`): the questions.
pub async fn self_check_page(site: Speaking) -> Response {
    questions(&site.pages(), StatusCode::OK, &Answers::new(), "")
}

/// `POST /where-to-start`: the result page, or the questions again.
pub async fn self_check_result(
    State(state): State<AppState>,
    site: Speaking,
    form: ToolForm,
) -> Response {
    let pages = site.pages();
    let (check, answers) = match read(&pages, &form) {
        Ok(read) => read,
        Err(refused) => return refused.respond(&pages),
    };
    let p = pages.programme();
    let status = p.site.helpline.hours.status_at_instant(state.clock.now());
    let v = result(&pages, &check, &answers, &status);
    state.usage.count(Event::SelfCheckCompleted, "");
    render(askama::Template::render(&v), StatusCode::OK)
}

/// `POST /where-to-start.pdf`: the result as one page, under a neutral
/// file name.
pub async fn self_check_pdf(
    State(state): State<AppState>,
    site: Speaking,
    form: ToolForm,
) -> Response {
    let pages = site.pages();
    let (check, answers) = match read(&pages, &form) {
        Ok(read) => read,
        Err(refused) => return refused.respond(&pages),
    };
    let Some(queue) = state.worksheets.clone() else {
        return AppError::NotFound.into_response();
    };
    let (p, t) = (pages.programme(), pages.i18n());
    let outcome = check.outcome(&answers);
    let lines = steps(p, &outcome, t, "", pages.prefix())
        .into_iter()
        .map(|s| (s.title, s.text.trim().to_string()))
        .collect();
    let doc = crate::services::pdf::steps_doc(p, t, outcome.urgent, outcome.message, lines);
    let failed = |key: &str| {
        let status = p.site.helpline.hours.status_at_instant(state.clock.now());
        let mut v = result(&pages, &check, &answers, &status);
        v.error = t.t(key);
        render(
            askama::Template::render(&v),
            StatusCode::SERVICE_UNAVAILABLE,
        )
    };
    match queue.render_steps(doc).await {
        Ok(Ok(pdf)) => crate::http::download(pdf, crate::services::pdf::PDF, "next-steps.pdf"),
        Ok(Err(reason)) => {
            tracing::error!(%reason, "self-check PDF failed");
            failed("self-check-pdf-failed")
        }
        Err(_) => failed("self-check-pdf-busy"),
    }
}
