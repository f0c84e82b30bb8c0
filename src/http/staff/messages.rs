//! Practitioners answering messages: the inbox (longest wait first), one
//! conversation with its notes and concerns, and every action on it. Every
//! opening and action is written in the audit log with the conversation's
//! number, never its text.

use crate::render::st;
use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pathway_core::message;

use super::auth::{AnswersMessages, Staff, StaffForm};
use super::{field, html_page};
use crate::db::inbox::Taken;
use crate::http::error::AppError;
use crate::http::state::AppState;
use crate::render::inbox::{
    ConcernView, ConversationPage, Entry, InboxPage, InboxRow, state_label,
};
use crate::render::messages::paragraphs;
use crate::services::messages;

/// Conversations listed on the inbox page at most.
const INBOX_ROWS: i64 = 500;

/// Account ids to names, for "taken by" and who wrote what.
async fn names(state: &AppState) -> Result<HashMap<i64, String>, AppError> {
    Ok(state
        .store
        .accounts()
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect())
}

/// The language a conversation was started in, as "Cymraeg (cy)"; empty
/// when the site has one language (nothing to tell apart).
fn language_of(state: &AppState, locale: Option<&str>) -> String {
    let pages = state.pages();
    let langs = pages.langs();
    if langs.len() < 2 {
        return String::new();
    }
    let default = pages.programme().locale.as_str();
    let tag = locale.unwrap_or(default);
    match langs.iter().find(|l| l.tag == tag) {
        Some(lang) => format!("{} ({tag})", lang.name),
        None => tag.to_string(),
    }
}

fn name_of(names: &HashMap<i64, String>, id: Option<i64>) -> String {
    id.and_then(|i| names.get(&i).cloned())
        .unwrap_or_else(|| "a former practitioner".into())
}

fn day(d: &str) -> String {
    d.parse::<jiff::civil::Date>()
        .map(|d| st::strings().long_date(d))
        .unwrap_or_else(|_| d.to_string())
}

/// A practitioner's action's time, in UTC.
fn at(unix: i64) -> String {
    jiff::Timestamp::from_second(unix)
        .map(|t| {
            let utc = jiff::tz::TimeZone::UTC.to_datetime(t);
            st::a2(
                "staff-at-time",
                "day",
                st::strings().long_date(utc.date()),
                "time",
                utc.strftime("%H:%M"),
            )
        })
        .unwrap_or_default()
}

/// `GET /staff/messages`: open conversations, longest wait first.
pub async fn inbox(
    s: Staff<AnswersMessages>,
    State(state): State<AppState>,
) -> Result<Response, AppError> {
    let current = state.store.display_names().await?.remove(&s.account.id);
    let page = inbox_page(&state, &s, current.unwrap_or_default(), String::new()).await?;
    html_page(StatusCode::OK, &page)
}

/// Longest a display name may be.
const DISPLAY_NAME_CHARS: usize = 40;

/// `POST /staff/display-name`: the name writers see on the practitioner's
/// replies (empty: their role). Written in the audit log.
pub async fn display_name(
    State(state): State<AppState>,
    form: StaffForm<AnswersMessages>,
) -> Result<Response, AppError> {
    let typed = field(&form.fields, "display_name").trim().to_string();
    let ok = typed.chars().count() <= DISPLAY_NAME_CHARS
        && typed
            .chars()
            .all(|c| c.is_alphanumeric() || " .'-".contains(c));
    if !ok {
        let error = st::a("staff-display-name-invalid", "n", DISPLAY_NAME_CHARS);
        let page = inbox_page(&state, &form.staff, typed, error).await?;
        return html_page(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let name = Some(typed.as_str()).filter(|t| !t.is_empty());
    state
        .store
        .set_display_name(form.staff.account.id, name)
        .await?;
    let what = if name.is_some() {
        "set their display name"
    } else {
        "cleared their display name"
    };
    form.staff.audit(&state, what, &typed).await;
    Ok(super::redirect("/staff/messages"))
}

/// The inbox page, with the display name form holding `display_name`.
async fn inbox_page<P>(
    state: &AppState,
    s: &Staff<P>,
    display_name: String,
    display_name_error: String,
) -> Result<InboxPage, AppError> {
    let summary = state.store.inbox_summary().await?;
    let rows = state.store.open_conversations(INBOX_ROWS + 1).await?;
    let concerns: std::collections::HashSet<i64> = state
        .store
        .conversations_with_open_concerns()
        .await?
        .into_iter()
        .collect();
    let names = names(state).await?;
    let more = rows.len() > INBOX_ROWS as usize;
    let rows = rows
        .into_iter()
        .take(INBOX_ROWS as usize)
        .map(|c| InboxRow {
            id: c.id,
            state: state_label(c.state()),
            waiting: c
                .waiting_since
                .as_deref()
                .map(|d| st::a("staff-inbox-since", "day", day(d)))
                .unwrap_or_default(),
            last: day(&c.last_message_on),
            taken_by: c
                .assigned_to
                .map(|a| name_of(&names, Some(a)))
                .unwrap_or_default(),
            concern: concerns.contains(&c.id),
            under_18: c.under_18 == 1,
            language: language_of(state, c.locale.as_deref()),
        })
        .collect();
    Ok(InboxPage {
        heading: st::t("staff-messages"),
        assets: crate::render::pages::asset_version(),
        nav: true,
        waiting: summary.waiting,
        oldest: summary
            .oldest_waiting_since
            .as_deref()
            .map(day)
            .unwrap_or_default(),
        open: summary.open,
        open_concerns: summary.open_concerns,
        rows,
        languages: state.pages().langs().len() > 1,
        more,
        csrf: s.csrf.clone(),
        display_name,
        display_name_error,
    })
}

#[derive(serde::Deserialize, Default)]
pub struct SnippetQuery {
    #[serde(default)]
    snippet: Option<String>,
}

/// `GET /staff/messages/{id}`: the conversation (written in the audit
/// log); `?snippet=` puts a reply snippet in the reply box.
pub async fn conversation(
    s: Staff<AnswersMessages>,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(q): Query<SnippetQuery>,
) -> Result<Response, AppError> {
    let pages = state.pages();
    let snippet = q
        .snippet
        .and_then(|want| pages.programme().snippets.iter().find(|x| x.id == want))
        .map(|x| x.text.trim().to_string())
        .unwrap_or_default();
    let page = conversation_page(&state, &s, id, snippet).await?;
    s.audit(&state, "opened a conversation", &format!("#{id}"))
        .await;
    html_page(StatusCode::OK, &page)
}

/// The reply snippets to choose from: (id, title).
fn snippet_choices(state: &AppState) -> Vec<(String, String)> {
    state
        .pages()
        .programme()
        .snippets
        .iter()
        .map(|x| (x.id.clone(), x.title.clone()))
        .collect()
}

/// How writers see `account`'s replies signed: their display name, or
/// the role.
async fn signed_as(state: &AppState, account: i64) -> Result<String, AppError> {
    Ok(match state.store.display_names().await?.remove(&account) {
        Some(name) => name,
        None => state.pages().i18n().t("messages-practitioner"),
    })
}

/// The conversation page for `s`, with `reply` in the reply box.
async fn conversation_page<P>(
    state: &AppState,
    s: &Staff<P>,
    id: i64,
    reply: String,
) -> Result<ConversationPage, AppError> {
    let keys = state.keys()?;
    let Some(c) = messages::open(&state.store, keys, id).await? else {
        return Err(AppError::NotFound);
    };
    let row = state.store.conversation(id).await?;
    let assigned = row.and_then(|r| r.assigned_to);
    let signed_as = signed_as(state, s.account.id).await?;
    let names = names(state).await?;
    let entry = |by: Option<i64>, when: String, by_staff: bool, text: &str| Entry {
        from: if by_staff {
            name_of(&names, by)
        } else {
            st::t("staff-the-writer")
        },
        when,
        by_staff,
        paragraphs: paragraphs(text),
    };
    let messages = c
        .messages
        .iter()
        .map(|m| entry(m.from_staff, day(&m.sent_on), m.by_staff, &m.text))
        .collect();
    let notes = messages::notes(&state.store, keys, id)
        .await?
        .iter()
        .map(|n| entry(n.by_staff, at(n.written_at), true, &n.text))
        .collect();
    let concerns = messages::concerns(&state.store, keys, id)
        .await?
        .iter()
        .map(|k| ConcernView {
            id: k.id,
            raised: entry(k.raised_by, at(k.raised_at), true, &k.reason),
            review: k.reviewed_at.map(|t| {
                entry(
                    k.reviewed_by,
                    at(t),
                    true,
                    k.outcome.as_deref().unwrap_or(""),
                )
            }),
            can_review: k.raised_by != Some(s.account.id),
        })
        .collect();
    Ok(ConversationPage {
        heading: st::a("staff-conversation-heading", "id", id),
        assets: crate::render::pages::asset_version(),
        nav: true,
        csrf: s.csrf.clone(),
        signed_as,
        id,
        state: state_label(c.state),
        nickname: c.nickname.clone().unwrap_or_default(),
        under_18: c.under_18,
        language: language_of(state, c.locale.as_deref()),
        taken_by: assigned
            .map(|a| name_of(&names, Some(a)))
            .unwrap_or_default(),
        mine: assigned == Some(s.account.id),
        messages,
        notes,
        concerns,
        snippets: snippet_choices(state),
        notice: String::new(),
        error: String::new(),
        reply,
        max_chars: message::MAX_MESSAGE_CHARS,
    })
}

/// Back to the conversation after an action (303, so a reload does not
/// send the form again).
fn back_to(id: i64) -> Response {
    let mut r = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("/staff/messages/{id}")) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// The conversation again with an error, and the typed reply kept.
async fn again(
    state: &AppState,
    form: &StaffForm<AnswersMessages>,
    id: i64,
    status: StatusCode,
    error: &str,
) -> Result<Response, AppError> {
    let mut page =
        conversation_page(state, &form.staff, id, field(&form.fields, "text").into()).await?;
    page.error = error.into();
    html_page(status, &page)
}

/// `POST /staff/messages/{id}/{action}`: take, release, reply, note,
/// concern, review, close, under-18, not-under-18, delete.
pub async fn act(
    State(state): State<AppState>,
    Path((id, action)): Path<(i64, String)>,
    form: StaffForm<AnswersMessages>,
) -> Result<Response, AppError> {
    let who = form.staff.account.id;
    let now = state.clock.unix();
    let keys = state.keys()?;
    let text = field(&form.fields, "text").trim().to_string();
    let done = match action.as_str() {
        "take" => match state.store.take_conversation(id, who).await? {
            Taken::Yours => true,
            Taken::Gone => false,
            Taken::Theirs(other) => {
                let names = names(&state).await?;
                let msg = st::a("staff-taken-first", "name", name_of(&names, Some(other)));
                return again(&state, &form, id, StatusCode::CONFLICT, &msg).await;
            }
        },
        "release" => state.store.release_conversation(id).await?,
        "reply" => {
            if let Err(p) = message::check(&text, "") {
                return again(
                    &state,
                    &form,
                    id,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &crate::http::messages::problem_text(st::strings(), &p),
                )
                .await;
            }
            let today = state.clock.today();
            let added = messages::reply(&state.store, keys, id, who, &text, today, now).await?;
            added != crate::db::messages::Added::Gone
        }
        "note" | "concern" | "review" if text.is_empty() => {
            let msg = st::t("staff-write-something");
            return again(&state, &form, id, StatusCode::UNPROCESSABLE_ENTITY, &msg).await;
        }
        "note" => messages::add_note(&state.store, keys, id, who, &text, now).await?,
        "concern" => messages::raise_concern(&state.store, keys, id, who, &text, now)
            .await?
            .is_some(),
        "review" => {
            let concern = field(&form.fields, "concern").parse().unwrap_or(-1);
            if !messages::review_concern(&state.store, keys, concern, who, &text, now).await? {
                let msg = st::t("staff-concern-not-yours");
                return again(&state, &form, id, StatusCode::CONFLICT, &msg).await;
            }
            true
        }
        "close" => state.store.close_conversation(id).await?,
        "under-18" => state.store.mark_under_18(id, true).await?,
        "not-under-18" => state.store.mark_under_18(id, false).await?,
        "delete" => return delete(&state, &form, id).await,
        _ => return Err(AppError::NotFound),
    };
    if !done {
        return Err(AppError::NotFound);
    }
    form.staff
        .audit(&state, &audit_action(&action), &format!("#{id}"))
        .await;
    Ok(back_to(id))
}

fn audit_action(action: &str) -> String {
    match action {
        "take" => "took a conversation",
        "release" => "released a conversation",
        "reply" => "replied to a conversation",
        "note" => "wrote a note on a conversation",
        "concern" => "raised a safeguarding concern",
        "review" => "reviewed a safeguarding concern",
        "close" => "closed a conversation",
        "under-18" => "marked a writer as under 18",
        "not-under-18" => "unmarked a writer as under 18",
        other => other,
    }
    .to_string()
}

/// Deletes the conversation, with the confirmation box ticked.
async fn delete(
    state: &AppState,
    form: &StaffForm<AnswersMessages>,
    id: i64,
) -> Result<Response, AppError> {
    if field(&form.fields, "confirm") != "yes" {
        let msg = st::t("staff-delete-tick");
        return again(state, form, id, StatusCode::UNPROCESSABLE_ENTITY, &msg).await;
    }
    if !state.store.delete_conversation(id).await? {
        return Err(AppError::NotFound);
    }
    form.staff
        .audit(state, "deleted a conversation", &format!("#{id}"))
        .await;
    Ok(super::redirect("/staff/messages"))
}
