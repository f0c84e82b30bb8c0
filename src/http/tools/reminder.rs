//! "Add a reminder to your calendar": an `.ics` file for a day the person
//! picks, with a title and note they wrote (neutral by default). Built per
//! request and never kept; the form comes back with what was typed when
//! the day is not one we can use.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pathway_core::reminder;

use super::ToolForm;
use crate::http::error::AppError;
use crate::http::lang::Speaking;
use crate::http::state::AppState;
use crate::render::InLang;
use crate::render::tools::{ReminderForm, ReminderPage};

#[derive(serde::Deserialize, Default)]
pub struct ReminderQuery {
    on: Option<String>,
}

fn page(
    pages: &InLang<'_>,
    status: StatusCode,
    form: ReminderForm,
    error: Option<&str>,
) -> Response {
    let t = pages.i18n();
    let v = ReminderPage {
        l: pages.layout(&t.t("reminder-page-title"), "reminder", "/reminder"),
        form,
        error: error.map(|key| t.t(key)).unwrap_or_default(),
    };
    match askama::Template::render(&v) {
        Ok(body) => crate::http::no_store_html(status, body),
        Err(e) => AppError::from(e).into_response(),
    }
}

/// The form page with a message and nothing filled in (over a limit, or a
/// body that could not be read).
pub fn refused(state: &AppState, pages: &InLang<'_>, status: StatusCode, key: &str) -> Response {
    let today = state.clock.today();
    let t = pages.i18n();
    page(pages, status, ReminderForm::new(t, today, None), Some(key))
}

/// `GET /reminder?on=YYYY-MM-DD`: the form, with the day filled in when
/// the link gave a usable one.
pub async fn reminder_page(
    State(state): State<AppState>,
    site: Speaking,
    Query(q): Query<ReminderQuery>,
) -> Response {
    let today = state.clock.today();
    let on = q.on.as_deref().and_then(|d| reminder::usable_day(d, today));
    let pages = site.pages();
    let form = ReminderForm::new(pages.i18n(), today, on);
    page(&pages, StatusCode::OK, form, None)
}

/// `POST /reminder.ics`: the calendar file, or the form again with what
/// was typed and what to change.
pub async fn reminder_file(
    State(state): State<AppState>,
    site: Speaking,
    form: ToolForm,
) -> Result<Response, AppError> {
    let today = state.clock.today();
    let pages = site.pages();
    let Some(on) = reminder::usable_day(form.get("on"), today) else {
        let mut kept = ReminderForm::new(pages.i18n(), today, None);
        kept.on = form.get("on").chars().take(10).collect();
        kept.title = reminder::title(form.get("title"));
        kept.description = reminder::description(form.get("description"));
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(page(&pages, status, kept, Some("reminder-bad-date")));
    };
    let mut random = [0u8; 16];
    getrandom::fill(&mut random)
        .map_err(|_| AppError::unavailable("no randomness for a reminder id"))?;
    let uid: String = random.iter().map(|b| format!("{b:02x}")).collect();
    // An empty title takes the page's language's neutral word.
    let typed = match form.get("title") {
        t if t.trim().is_empty() => pages.i18n().t("reminder-default-title"),
        t => t.to_string(),
    };
    let body = reminder::ics(
        &reminder::title(&typed),
        &reminder::description(form.get("description")),
        on,
        &uid,
    );
    Ok(crate::http::download(
        body,
        "text/calendar; charset=utf-8",
        "reminder.ics",
    ))
}
