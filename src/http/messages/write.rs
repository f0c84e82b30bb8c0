//! Writing the first message: the page before writing, the warning about
//! contact details, the code shown once, and the downloads (the code as a
//! text file, a calendar reminder with a neutral title).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use pathway_core::contact::ContactKind;
use pathway_core::message::{self, Draft};
use pathway_core::survey::code;

use super::form::{MessageForm, NoLimit, WriteLimit};
use super::{enabled, error_at, html, plain_message, screen, with_reply_by};
use crate::http::error::AppError;
use crate::http::lang::Speaking;
use crate::http::state::AppState;
use crate::render::InLang;
use crate::render::messages::PartView;
use crate::services::messages;

/// `GET /messages`: who reads it, when to expect a reply, what must be
/// passed on, that it is not for emergencies, and the form.
pub async fn intro(State(state): State<AppState>, site: Speaking) -> Result<Response, AppError> {
    let pages = site.pages();
    enabled(&pages)?;
    let mut s = screen(&pages, "write", "messages-write-heading");
    s.lead = pages.i18n().t("messages-write-lead");
    Ok(html(
        StatusCode::OK,
        with_reply_by(s, &pages, state.clock.today()),
    ))
}

/// The writing page again with what was typed and a message: after a
/// problem, or when a limit stops the sending.
pub(super) fn write_again(
    state: &AppState,
    pages: &InLang<'_>,
    fields: &[(String, String)],
    status: StatusCode,
    (heading, text): (&str, &str),
) -> Response {
    let mut s = screen(pages, "write", heading);
    s.errors = error_at("text", pages.i18n().t(text));
    keep_typed(&mut s, fields);
    html(status, with_reply_by(s, pages, state.clock.today()))
}

fn keep_typed(s: &mut crate::render::messages::MessageScreen, fields: &[(String, String)]) {
    let get = |n| pathway_core::form::field(fields, n).unwrap_or("");
    s.text = get("text").to_string();
    s.nickname = get("nickname").to_string();
    s.under_18 = get("under_18") == "yes";
}

/// `POST /messages/send`: checks the message; warns (once, showing where)
/// if it looks like it holds contact details; starts the conversation and
/// shows its code once.
pub async fn send(
    State(state): State<AppState>,
    form: MessageForm<WriteLimit>,
) -> Result<Response, AppError> {
    let pages = form.site.pages();
    let t = pages.i18n();
    if !form.get("website").is_empty() {
        return Ok(plain_message(
            &pages,
            StatusCode::BAD_REQUEST,
            "worksheet-fix-heading",
            "survey-error-encoding",
        ));
    }
    let mut draft: Draft = match message::check(form.get("text"), form.get("nickname")) {
        Ok(d) => d,
        Err(problem) => {
            let mut s = screen(&pages, "write", "messages-write-heading");
            s.errors = error_at("text", super::problem_text(pages.i18n(), &problem));
            keep_typed(&mut s, &form.fields);
            let s = with_reply_by(s, &pages, state.clock.today());
            return Ok(html(StatusCode::UNPROCESSABLE_ENTITY, s));
        }
    };
    draft.under_18 = form.get("under_18") == "yes";
    draft.locale = pages.programme().locale.clone();
    let parts = marked(&pages, &draft.text);
    if form.get("action") != "send-anyway" && !parts.is_empty() {
        let mut s = screen(&pages, "warning", "messages-warning-heading");
        s.parts = parts;
        keep_typed(&mut s, &form.fields);
        return Ok(html(StatusCode::OK, s));
    }
    let site = &pages.programme().site;
    let today = state.clock.today();
    let max_open = i64::from(site.messages.max_open);
    let Some(started) =
        messages::start_grouped(&state.starter, state.keys()?, &draft, max_open).await?
    else {
        return Ok(write_again(
            &state,
            &pages,
            &form.fields,
            StatusCode::SERVICE_UNAVAILABLE,
            ("messages-busy-heading", "messages-busy-text"),
        ));
    };
    let mut s = screen(&pages, "sent", "messages-sent-heading");
    s.lead = t.t("messages-sent-lead");
    s.code = started.code;
    if draft.under_18 {
        s = s.with_young(site);
    }
    Ok(html(StatusCode::OK, with_reply_by(s, &pages, today)))
}

/// `text` in parts, with what looks like contact details marked; empty
/// when nothing does.
pub(super) fn marked(pages: &InLang<'_>, text: &str) -> Vec<PartView> {
    let t = pages.i18n();
    message::contact_warning(text)
        .into_iter()
        .map(|p| match p {
            message::Part::Plain(text) => PartView {
                text: text.to_string(),
                flagged: None,
            },
            message::Part::Flagged { text, kind } => PartView {
                text: text.to_string(),
                flagged: Some(t.t(kind_key(kind))),
            },
        })
        .collect()
}

fn kind_key(kind: ContactKind) -> &'static str {
    match kind {
        ContactKind::Email => "messages-kind-email",
        ContactKind::Web => "messages-kind-web",
        ContactKind::Phone => "messages-kind-phone",
        ContactKind::StreetAddress => "messages-kind-street-address",
    }
}

/// `POST /messages/code.txt`: the conversation code as a text file.
pub async fn code_file(form: MessageForm<NoLimit>) -> Result<Response, AppError> {
    let pages = form.site.pages();
    let Some(canonical) = code::normalise_of(form.get("code"), code::CONVERSATION_SYMBOLS) else {
        return Ok(plain_message(
            &pages,
            StatusCode::BAD_REQUEST,
            "messages-read-heading",
            "survey-code-unreadable",
        ));
    };
    let grouped = code::grouped(&canonical);
    let text = format!(
        "{}\n",
        pages.i18n().ta("messages-code-file", &[("code", &grouped)])
    );
    Ok(crate::http::download(
        text,
        "text/plain; charset=utf-8",
        "code.txt",
    ))
}
