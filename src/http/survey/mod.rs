//! The anonymous survey: no cookie, no JavaScript; the draft's token and the
//! resume code travel only in POST bodies; pages are never cached. The flow
//! itself (next, back, save, change, submit) is the pure
//! `pathway_core::survey::flow::step`; these handlers read the draft, call
//! it, and carry out what it says, one file per use case.

mod form;
mod page;
mod quick;
mod resume;
mod start;

pub use form::{CodeLimit, NoLimit, QuickLimit, StartLimit, SurveyForm};
pub use page::page;
pub use quick::quick;
pub use resume::{code_file, resume, resume_form};
pub use start::{entry_intro, follow_up, follow_up_form, intro, start};

use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::http::error::AppError;
use crate::http::state::AppState;
use crate::render::InLang;
use crate::render::survey::{
    ErrorView, ReviewItem, ReviewPage, SurveyScreen, answer_text, questions,
};
use crate::survey::answers::{AnswerError, Answers, visible};
use crate::survey::flow::page_has_visible;
use crate::survey::{Series, Survey};

/// Largest survey form body read.
pub const SURVEY_BODY_LIMIT: usize = 256 * 1024;

/// The site's main survey: the one named in site.toml, or else the first
/// full survey that is not a follow-up.
fn survey<'a>(pages: &InLang<'a>) -> Option<&'a Survey> {
    let p = pages.programme();
    match &p.site.survey.id {
        Some(id) => survey_by_id(pages, id),
        None => p
            .surveys
            .iter()
            .find(|s| !s.quick && !matches!(s.series, Some(Series::FollowUp { .. }))),
    }
}

/// The entry questionnaire named in site.toml's `[entry_survey]`, when it
/// is switched on (the loader has checked that it is a baseline).
fn entry_survey<'a>(pages: &InLang<'a>) -> Option<&'a Survey> {
    let entry = pages.programme().site.entry_survey.as_ref()?;
    survey_by_id(pages, entry.id.as_deref()?)
}

/// The baseline whose follow-up `/survey/follow-up` starts: the entry
/// questionnaire's when there is one, else the main survey's; with the
/// follow-up and its delay in weeks.
fn follow_up_target<'a>(pages: &InLang<'a>) -> Option<(&'a Survey, (&'a Survey, u32))> {
    [entry_survey(pages), survey(pages)]
        .into_iter()
        .flatten()
        .find_map(|b| follow_up_of(pages, &b.id).map(|f| (b, f)))
}

fn survey_by_id<'a>(pages: &InLang<'a>, id: &str) -> Option<&'a Survey> {
    pages.programme().surveys.iter().find(|s| s.id == id)
}

/// The follow-up of baseline survey `baseline_id`, if one is defined.
fn follow_up_of<'a>(pages: &InLang<'a>, baseline_id: &str) -> Option<(&'a Survey, u32)> {
    crate::survey::flow::follow_up_of(&pages.programme().surveys, baseline_id)
}

/// The stored key of a draft token (see `survey::token`).
fn hash(token: &str) -> String {
    crate::survey::token::key(token)
}

fn new_token(state: &AppState) -> Result<String, AppError> {
    let day = crate::survey::token::day_number(state.clock.now());
    state
        .tokens
        .mint(day)
        .map_err(|e| AppError::Unavailable(e.to_string().into()))
}

/// When a draft nobody has saved with a code expires: tomorrow, so that
/// drafts started and left cannot pile up for weeks.
fn unsaved_expiry(state: &AppState) -> String {
    let today = state.clock.today();
    today.tomorrow().unwrap_or(today).to_string()
}

/// When a draft saved with a code expires: `survey_draft_days` from today.
fn saved_expiry(state: &AppState) -> jiff::civil::Date {
    let today = state.clock.today();
    today
        .checked_add(jiff::Span::new().days(i64::from(state.http.survey_draft_days)))
        .unwrap_or(today)
}

/// `date` plus `weeks`, or `date` itself at the end of the calendar.
fn weeks_after(date: jiff::civil::Date, weeks: u32) -> jiff::civil::Date {
    date.checked_add(jiff::Span::new().weeks(i64::from(weeks)))
        .unwrap_or(date)
}

/// A survey screen in the request's language. Only the screens that can
/// be opened by a link offer the language switch: in the middle of a
/// survey, following it would leave the answers behind.
fn screen(pages: &InLang<'_>, mode: &'static str, heading: String) -> SurveyScreen {
    let title = pages.programme().site.survey.link_text.clone();
    let path = match mode {
        "resume" => "/survey/resume",
        "follow-up" => "/survey/follow-up",
        _ => "/survey",
    };
    let mut l = pages.layout(&title, "survey", path);
    if !matches!(mode, "intro" | "resume" | "follow-up") {
        l.switch.clear();
    }
    SurveyScreen::new(l, mode, heading)
}

/// A survey screen, never stored; a template failure is an internal error
/// (the error-page middleware shows the site's page for it).
fn html(status: StatusCode, s: SurveyScreen) -> Response {
    match s.render() {
        Ok(body) => html_body(status, body),
        Err(e) => AppError::from(e).into_response(),
    }
}

fn html_body(status: StatusCode, body: String) -> Response {
    crate::http::no_store_html(status, body)
}

fn message(pages: &InLang<'_>, status: StatusCode, heading_key: &str, text_key: &str) -> Response {
    let t = pages.i18n();
    let mut s = screen(pages, "message", t.t(heading_key));
    s.message = t.t(text_key);
    html(status, s)
}

/// No survey is configured.
fn not_available(pages: &InLang<'_>) -> Response {
    message(
        pages,
        StatusCode::NOT_FOUND,
        "not-found-heading",
        "survey-not-available",
    )
}

/// The survey's page when its answers cannot be stored or read just now
/// (shown by the error-page middleware for an unavailable error).
pub fn unavailable_page(pages: &InLang<'_>) -> Response {
    message(
        pages,
        StatusCode::SERVICE_UNAVAILABLE,
        "survey-unavailable-heading",
        "survey-unavailable-text",
    )
}

/// A form sent from another website (refused, nothing done).
pub fn cross_site_page(pages: &InLang<'_>) -> Response {
    message(
        pages,
        StatusCode::FORBIDDEN,
        "cross-site-heading",
        "cross-site-text",
    )
}

/// The draft is gone (sent already, or expired).
fn expired(pages: &InLang<'_>) -> Response {
    message(
        pages,
        StatusCode::GONE,
        "survey-resume-heading",
        "survey-expired",
    )
}

/// The errors of a page as links to their questions.
fn error_views(
    s: &Survey,
    errors: &[AnswerError],
    pages: &InLang<'_>,
    with_question: bool,
) -> Vec<ErrorView> {
    let t = pages.i18n();
    errors
        .iter()
        .map(|e| ErrorView {
            href: e
                .question
                .as_ref()
                .map_or("#main".to_string(), |q| format!("#q-{q}")),
            text: match e.question.as_ref().and_then(|q| s.question(q)) {
                Some(q) if with_question => format!("{}: {}", q.text, t.t(e.key)),
                _ => t.t(e.key),
            },
        })
        .collect()
}

/// Page `page` of `s` with the answers so far and any errors.
fn page_screen(
    pages: &InLang<'_>,
    s: &Survey,
    token: &str,
    page: usize,
    answers: &Answers,
    errors: &[AnswerError],
    status: StatusCode,
) -> Response {
    html(status, page_view(pages, s, token, page, answers, errors))
}

/// The view of page `page` (see [`page_screen`]).
fn page_view(
    pages: &InLang<'_>,
    s: &Survey,
    token: &str,
    page: usize,
    answers: &Answers,
    errors: &[AnswerError],
) -> SurveyScreen {
    let t = pages.i18n();
    let title = s
        .pages
        .get(page)
        .map(|p| p.title.clone())
        .unwrap_or_default();
    let mut v = screen(pages, "page", title);
    v.token = token.to_string();
    v.first_page = page == 0;
    v.progress = t.ta(
        "survey-page-of",
        &[
            ("number", &(page + 1).to_string()),
            ("total", &s.pages.len().to_string()),
        ],
    );
    v.questions = questions(s, page, answers, errors, t);
    v.errors = error_views(s, errors, pages, true);
    v
}

/// Every answered page, with a "Change" button each, and "Send".
fn review_screen(pages: &InLang<'_>, s: &Survey, token: &str, answers: &Answers) -> Response {
    html(StatusCode::OK, review_view(pages, s, token, answers))
}

/// The view of the review (see [`review_screen`]).
fn review_view(pages: &InLang<'_>, s: &Survey, token: &str, answers: &Answers) -> SurveyScreen {
    let t = pages.i18n();
    let mut v = screen(pages, "review", t.t("survey-review-heading"));
    v.message = t.t("survey-review-text");
    v.token = token.to_string();
    v.review = s
        .pages
        .iter()
        .enumerate()
        .filter(|(i, _)| page_has_visible(s, *i, answers))
        .map(|(i, p)| ReviewPage {
            title: p.title.clone(),
            index: i,
            items: p
                .questions
                .iter()
                .filter(|q| visible(q, answers))
                .map(|q| ReviewItem {
                    question: q.text.clone(),
                    answer: answers
                        .get(&q.id)
                        .map(|a| answer_text(s, &q.id, a))
                        .unwrap_or_else(|| "–".into()),
                })
                .collect(),
        })
        .collect();
    v
}

/// The "try later" page when the cap on unfinished surveys is reached.
async fn no_room(state: &AppState, pages: &InLang<'_>) -> Result<Option<Response>, AppError> {
    let n = state.store.open_drafts(state.clock.today()).await?;
    if n < state.http.survey_max_open_drafts {
        return Ok(None);
    }
    tracing::warn!(open = n, "survey refused: too many unfinished surveys");
    Ok(Some(message(
        pages,
        StatusCode::SERVICE_UNAVAILABLE,
        "worksheet-busy-heading",
        "survey-full",
    )))
}
