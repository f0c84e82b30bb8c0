//! Messages to the helpline: a conversation reached only by a code the
//! writer keeps. The code is never stored, only its keyed hash; message
//! text and nicknames are sealed with the data key before they reach the
//! store, and opened only to be shown.

use jiff::civil::Date;
use pathway_core::message::{Draft, State};
use pathway_core::survey::code;

use super::keys::{DataKeys, KeyError};
use crate::db::messages::{Added, Author};
use crate::db::{DbError, Store};

#[derive(Debug, thiserror::Error)]
pub enum MessageError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Key(#[from] KeyError),
    #[error("no secure randomness is available for a conversation code")]
    NoRandomness,
}

/// A new conversation: its id and the code shown once to the writer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Started {
    pub id: i64,
    pub code: String,
}

/// A conversation as its writer or a practitioner reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    pub id: i64,
    pub state: State,
    pub nickname: Option<String>,
    pub under_18: bool,
    pub started_on: String,
    pub messages: Vec<Shown>,
}

/// One message in the clear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub by_staff: bool,
    pub from_staff: Option<i64>,
    pub sent_on: String,
    pub text: String,
}

/// Starts a conversation with `draft`; `None` when `max_open`
/// conversations are open already (nothing is stored).
pub async fn start(
    store: &Store,
    keys: &DataKeys,
    draft: &Draft,
    today: Date,
    max_open: i64,
) -> Result<Option<Started>, MessageError> {
    let code =
        code::new_code_of(code::CONVERSATION_SYMBOLS).map_err(|_| MessageError::NoRandomness)?;
    let canonical = code::normalise_of(&code, code::CONVERSATION_SYMBOLS).unwrap_or_default();
    let nickname = draft
        .nickname
        .as_deref()
        .map(|n| keys.seal(n))
        .transpose()?;
    let body = keys.seal(&draft.text)?;
    let id = store
        .start_conversation(
            &keys.keyed_hash(&canonical),
            nickname.as_deref(),
            &body,
            today,
            max_open,
        )
        .await?;
    Ok(id.map(|id| Started { id, code }))
}

/// The conversation a typed code opens, if any (a code that is not even
/// shaped like one opens nothing, without a lookup).
pub async fn open_by_code(
    store: &Store,
    keys: &DataKeys,
    typed: &str,
) -> Result<Option<Opened>, MessageError> {
    let Some(canonical) = code::normalise_of(typed, code::CONVERSATION_SYMBOLS) else {
        return Ok(None);
    };
    match store
        .conversation_by_code(&keys.keyed_hashes(&canonical))
        .await?
    {
        Some(c) => open(store, keys, c.id).await,
        None => Ok(None),
    }
}

/// A conversation by id, its text opened.
pub async fn open(store: &Store, keys: &DataKeys, id: i64) -> Result<Option<Opened>, MessageError> {
    let Some(c) = store.conversation(id).await? else {
        return Ok(None);
    };
    let messages = store
        .conversation_messages(id)
        .await?
        .into_iter()
        .map(|m| {
            Ok(Shown {
                by_staff: m.by_staff == 1,
                from_staff: m.from_staff,
                sent_on: m.sent_on,
                text: keys.open(&m.body)?,
            })
        })
        .collect::<Result<Vec<_>, KeyError>>()?;
    Ok(Some(Opened {
        id,
        state: c.state(),
        nickname: c.nickname.as_deref().map(|n| keys.open(n)).transpose()?,
        under_18: c.under_18 == 1,
        started_on: c.started_on,
        messages,
    }))
}

/// Adds the writer's next message (at most `per_day` a day).
pub async fn write_again(
    store: &Store,
    keys: &DataKeys,
    id: i64,
    text: &str,
    today: Date,
    per_day: i64,
) -> Result<Added, MessageError> {
    let body = keys.seal(text)?;
    Ok(store
        .add_message(id, Author::Writer { per_day }, &body, today)
        .await?)
}

/// Adds a practitioner's reply, made at Unix time `at`.
pub async fn reply(
    store: &Store,
    keys: &DataKeys,
    id: i64,
    account: i64,
    text: &str,
    today: Date,
    at: i64,
) -> Result<Added, MessageError> {
    let body = keys.seal(text)?;
    Ok(store
        .add_message(id, Author::Staff { account, at }, &body, today)
        .await?)
}
