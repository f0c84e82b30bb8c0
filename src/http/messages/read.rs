//! Coming back with the code: the conversation, oldest first, a reply,
//! and "delete this conversation now" with a confirmation. Every POST here
//! carries the code and counts against the per-address code limit.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use pathway_core::message;

use super::form::{CodeLimit, MessageForm};
use super::{day_shown, enabled, error_at, html, screen, with_reply_by};
use crate::db::messages::Added;
use crate::http::error::AppError;
use crate::http::lang::Speaking;
use crate::http::state::AppState;
use crate::render::InLang;
use crate::render::messages::{MessageScreen, MessageView, paragraphs};
use crate::services::messages::{self, Opened};

/// `GET /messages/read`: the code form.
pub async fn read_form(site: Speaking) -> Result<Response, AppError> {
    let pages = site.pages();
    enabled(&pages)?;
    Ok(code_form(&pages, StatusCode::OK, "", ""))
}

/// The code form, with an error (a Fluent key, or "") and any unsent text
/// the person typed (so that a refused reply is never lost).
pub(super) fn code_form(
    pages: &InLang<'_>,
    status: StatusCode,
    error: &str,
    text: &str,
) -> Response {
    let t = pages.i18n();
    let mut s = screen(pages, "read", "messages-read-heading");
    s.lead = t.t("messages-read-lead");
    if !error.is_empty() {
        let days = pages.programme().site.messages.keep_days.to_string();
        s.errors = error_at("code", t.ta(error, &[("days", &days)]));
    }
    s.text = text.to_string();
    html(status, s)
}

/// The conversation the form's code opens, or the code form again.
async fn opened(
    state: &AppState,
    form: &MessageForm<CodeLimit>,
) -> Result<Result<Opened, Response>, AppError> {
    let found = messages::open_by_code(&state.store, state.keys()?, form.get("code")).await?;
    Ok(found.ok_or_else(|| {
        state.wrong_codes.count();
        code_form(
            &form.site.pages(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "messages-bad-code",
            form.get("text"),
        )
    }))
}

/// The conversation page: every message, the reply form, delete.
fn conversation(pages: &InLang<'_>, c: &Opened, code: &str) -> MessageScreen {
    let t = pages.i18n();
    let site = &pages.programme().site;
    let mut s = screen(pages, "conversation", "messages-conversation-heading");
    s.code = pathway_core::survey::code::normalise_of(
        code,
        pathway_core::survey::code::CONVERSATION_SYMBOLS,
    )
    .map(|c| pathway_core::survey::code::grouped(&c))
    .unwrap_or_default();
    let (you, us) = (t.t("messages-you"), t.t("messages-practitioner"));
    s.messages = c
        .messages
        .iter()
        .map(|m| MessageView {
            from: match (m.by_staff, &m.from_name) {
                (true, Some(name)) => name.clone(),
                (true, None) => us.clone(),
                (false, _) => you.clone(),
            },
            on: day_shown(t, &m.sent_on),
            by_staff: m.by_staff,
            paragraphs: paragraphs(&m.text),
        })
        .collect();
    if c.under_18 {
        s = s.with_young(site);
    }
    // The reply-by day counts from the writer's oldest unanswered message.
    let from = c
        .messages
        .iter()
        .rev()
        .take_while(|m| !m.by_staff)
        .last()
        .and_then(|m| m.sent_on.parse().ok());
    match from {
        Some(day) => with_reply_by(s, pages, day),
        None => s,
    }
}

/// `POST /messages/read`: the code opens the conversation.
pub async fn read(
    State(state): State<AppState>,
    form: MessageForm<CodeLimit>,
) -> Result<Response, AppError> {
    let c = match opened(&state, &form).await? {
        Ok(c) => c,
        Err(page) => return Ok(page),
    };
    Ok(html(
        StatusCode::OK,
        conversation(&form.site.pages(), &c, form.get("code")),
    ))
}

/// `POST /messages/reply`: the writer writes again (at most `per_day` a
/// day); the text is kept on every error.
pub async fn reply(
    State(state): State<AppState>,
    form: MessageForm<CodeLimit>,
) -> Result<Response, AppError> {
    let c = match opened(&state, &form).await? {
        Ok(c) => c,
        Err(page) => return Ok(page),
    };
    let pages = form.site.pages();
    let t = pages.i18n();
    let code = form.get("code");
    let draft = match message::check(form.get("text"), "") {
        Ok(d) => d,
        Err(problem) => {
            let mut s = conversation(&pages, &c, code);
            s.errors = error_at("text", super::problem_text(pages.i18n(), &problem));
            s.text = form.get("text").to_string();
            return Ok(html(StatusCode::UNPROCESSABLE_ENTITY, s));
        }
    };
    // Contact details in a reply: the same warning as in a first message.
    let parts = super::write::marked(&pages, &draft.text);
    if form.get("action") != "send-anyway" && !parts.is_empty() {
        let mut s = conversation(&pages, &c, code);
        s.parts = parts;
        s.text = form.get("text").to_string();
        return Ok(html(StatusCode::OK, s));
    }
    let per_day = i64::from(pages.programme().site.messages.per_day);
    let keys = state.keys()?;
    let today = state.clock.today();
    match messages::write_again(&state.store, keys, c.id, &draft.text, today, per_day).await? {
        Added::Stored(_) => {
            let Some(now) = messages::open(&state.store, keys, c.id).await? else {
                return Ok(gone(&pages));
            };
            let mut s = conversation(&pages, &now, code);
            s.notice = t.t("messages-reply-sent");
            Ok(html(StatusCode::OK, s))
        }
        Added::TooManyToday => {
            let mut s = conversation(&pages, &c, code);
            s.errors = error_at(
                "text",
                t.ta("messages-too-many-today", &[("n", &per_day.to_string())]),
            );
            s.text = form.get("text").to_string();
            Ok(html(StatusCode::TOO_MANY_REQUESTS, s))
        }
        Added::Gone => Ok(gone(&pages)),
    }
}

fn gone(pages: &InLang<'_>) -> Response {
    super::plain_message(
        pages,
        StatusCode::NOT_FOUND,
        "messages-gone-heading",
        "messages-gone-text",
    )
}

/// `POST /messages/delete`: first a confirmation, then (with `confirm`)
/// the conversation and every message in it are deleted at once.
pub async fn delete(
    State(state): State<AppState>,
    form: MessageForm<CodeLimit>,
) -> Result<Response, AppError> {
    let c = match opened(&state, &form).await? {
        Ok(c) => c,
        Err(page) => return Ok(page),
    };
    let pages = form.site.pages();
    if form.get("confirm") != "yes" {
        let mut s = screen(&pages, "confirm-delete", "messages-delete-heading");
        s.lead = pages.i18n().t("messages-delete-lead");
        s.code = form.get("code").to_string();
        return Ok(html(StatusCode::OK, s));
    }
    state.store.delete_conversation(c.id).await?;
    Ok(super::plain_message(
        &pages,
        StatusCode::OK,
        "messages-deleted-heading",
        "messages-deleted-lead",
    ))
}
