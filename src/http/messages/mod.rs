//! Writing to the helpline without an account: a conversation reached by
//! a code the writer keeps. No cookie, no JavaScript; the code travels only
//! in POST bodies (never a URL or a log line) and only its keyed hash is
//! stored; every page is `no-store`. Switched off (every route a 404, every
//! link gone) unless `site.toml` has `[messages] enabled = true`.

mod form;
mod read;
mod write;

pub use form::{CodeLimit, MESSAGE_BODY_LIMIT, MessageForm, NoLimit, WriteLimit};
pub use read::{delete, read, read_form, reply};
pub use write::{code_file, intro, send};

use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;

use crate::http::error::AppError;
use crate::i18n::I18n;
use crate::render::InLang;
use crate::render::messages::MessageScreen;
use crate::render::survey::ErrorView;

/// A 404 unless messages are switched on.
fn enabled(pages: &InLang<'_>) -> Result<(), AppError> {
    if pages.programme().site.messages.enabled {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// A messages page with its heading (a Fluent key), in the request's
/// language. Only the two pages a link opens (writing, and the code form)
/// offer the language switch: elsewhere following it would leave the code
/// or the typed text behind.
fn screen(pages: &InLang<'_>, mode: &'static str, heading_key: &str) -> MessageScreen {
    let t = pages.i18n();
    let site = &pages.programme().site;
    let path = if mode == "read" {
        "/messages/read"
    } else {
        "/messages"
    };
    let mut l = pages.layout(&site.titles.get_in_touch, "get-in-touch", path);
    if !matches!(mode, "write" | "read") {
        l.switch.clear();
    }
    MessageScreen::new(l, site, t, mode, t.t(heading_key))
}

/// A messages page, never stored; a template failure is an internal error.
fn html(status: StatusCode, s: MessageScreen) -> Response {
    match s.render() {
        Ok(body) => crate::http::no_store_html(status, body),
        Err(e) => AppError::from(e).into_response(),
    }
}

/// A page with a heading and one message (Fluent keys).
fn plain_message(pages: &InLang<'_>, status: StatusCode, heading: &str, text: &str) -> Response {
    let mut s = screen(pages, "message", heading);
    s.lead = pages.i18n().t(text);
    html(status, s)
}

/// The error summary's one entry, pointing at `field`.
fn error_at(field: &str, text: String) -> Vec<ErrorView> {
    vec![ErrorView {
        href: format!("#{field}"),
        text,
    }]
}

/// The day the helpline aims to reply by, when the writer writes on
/// `today`: the reply target in the helpline's working days.
fn reply_by_day(pages: &InLang<'_>, today: Date) -> Option<Date> {
    let site = &pages.programme().site;
    site.helpline
        .hours
        .working_days_after(today, site.messages.reply_within_working_days)
}

/// Fills in "we aim to reply by …" (and the day for the reminder).
fn with_reply_by(mut s: MessageScreen, pages: &InLang<'_>, today: Date) -> MessageScreen {
    let t = pages.i18n();
    let days = pages
        .programme()
        .site
        .messages
        .reply_within_working_days
        .to_string();
    match reply_by_day(pages, today) {
        Some(day) => {
            let shown = t.long_date(day);
            s.reply_by = t.ta("messages-reply-by", &[("days", &days), ("date", &shown)]);
            s.reminder = crate::render::tools::ReminderForm::new(t, today, Some(day));
        }
        None => s.reply_by = t.ta("messages-reply-by-unknown", &[("days", &days)]),
    }
    s
}

/// A stored day (YYYY-MM-DD) as people read it, in the page's language.
fn day_shown(t: &crate::i18n::I18n, day: &str) -> String {
    day.parse::<Date>()
        .map(|d| t.long_date(d))
        .unwrap_or_else(|_| day.to_string())
}

/// Why a message cannot be sent, in `t`'s language.
pub(crate) fn problem_text(t: &I18n, problem: &pathway_core::message::Problem) -> String {
    let (key, args) = problem.key();
    let values: Vec<String> = args.iter().map(|(_, v)| v.to_string()).collect();
    t.ta(
        key,
        &[
            (args[0].0, values[0].as_str()),
            (args[1].0, values[1].as_str()),
        ],
    )
}
