//! Messages to the helpline: a conversation reached only by a code the
//! writer keeps. The code is never stored, only its keyed hash; message
//! text and nicknames are sealed with the data key before they reach the
//! store, and opened only to be shown.

use jiff::civil::Date;
use pathway_core::message::{Draft, State};
use pathway_core::survey::code;

use super::keys::{DataKeys, KeyError};
use crate::db::messages::{Added, Author};
use crate::db::starts::{NewConversation, Starter};
use crate::db::{DbError, Store};

#[derive(Debug, thiserror::Error)]
pub enum MessageError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Key(#[from] KeyError),
    #[error("no secure randomness is available for a conversation code")]
    NoRandomness,
    #[error(transparent)]
    Grouped(std::sync::Arc<DbError>),
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
    /// The language of the pages it was started from (`None`: the
    /// default language).
    pub locale: Option<String>,
    pub started_on: String,
    pub messages: Vec<Shown>,
}

/// One message in the clear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub by_staff: bool,
    pub from_staff: Option<i64>,
    /// The display name the practitioner chose, if any (writers see it
    /// instead of the role).
    pub from_name: Option<String>,
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
    let (new, code) = sealed_start(keys, draft, max_open)?;
    let id = store.start_conversation(&new, today).await?;
    Ok(id.map(|id| Started { id, code }))
}

/// As `start`, committed together with every other conversation started
/// at that moment (one flush to disk for all), on the starter's date.
pub async fn start_grouped(
    starter: &Starter,
    keys: &DataKeys,
    draft: &Draft,
    max_open: i64,
) -> Result<Option<Started>, MessageError> {
    let (new, code) = sealed_start(keys, draft, max_open)?;
    let id = starter.start(new).await.map_err(MessageError::Grouped)?;
    Ok(id.map(|id| Started { id, code }))
}

/// A new code, and the conversation to store: the code's keyed hash, the
/// text and nickname sealed.
fn sealed_start(
    keys: &DataKeys,
    draft: &Draft,
    max_open: i64,
) -> Result<(NewConversation, String), MessageError> {
    let code =
        code::new_code_of(code::CONVERSATION_SYMBOLS).map_err(|_| MessageError::NoRandomness)?;
    let canonical = code::normalise_of(&code, code::CONVERSATION_SYMBOLS).unwrap_or_default();
    let nickname = draft
        .nickname
        .as_deref()
        .map(|n| keys.seal(n))
        .transpose()?;
    let new = NewConversation {
        code_hash: keys.keyed_hash(&canonical),
        nickname,
        under_18: draft.under_18,
        body: keys.seal(&draft.text)?,
        max_open,
        locale: (!draft.locale.is_empty()).then(|| draft.locale.clone()),
    };
    Ok((new, code))
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
    let hashes = keys.keyed_hashes(&canonical);
    for (i, hash) in hashes.iter().enumerate() {
        if let Some(c) = store
            .conversation_by_code(std::slice::from_ref(hash))
            .await?
        {
            // Found under an older key: hash it under the current one, so
            // that the old key can be dropped.
            if i > 0 {
                store.rehash_code(c.id, &hashes[0]).await?;
            }
            return open(store, keys, c.id).await;
        }
    }
    Ok(None)
}

/// Seals every message, nickname, note and concern stored under an older
/// data key (or in the clear) with the current one; returns how many.
pub async fn reseal_all(store: &Store, keys: &DataKeys) -> Result<usize, MessageError> {
    use crate::db::sealed::SealedColumn;
    let prefix = keys.seal_prefix();
    let mut n = 0;
    for column in SealedColumn::ALL {
        for (k1, k2, stored) in store.sealed_elsewhere(column, &prefix).await? {
            let sealed = keys.seal(&keys.open(&stored)?)?;
            store
                .replace_sealed(column, (k1, k2), &stored, &sealed)
                .await?;
            n += 1;
        }
    }
    Ok(n)
}

/// A conversation by id, its text opened.
pub async fn open(store: &Store, keys: &DataKeys, id: i64) -> Result<Option<Opened>, MessageError> {
    let Some(c) = store.conversation(id).await? else {
        return Ok(None);
    };
    let names = store.display_names().await?;
    let messages = store
        .conversation_messages(id)
        .await?
        .into_iter()
        .map(|m| {
            Ok(Shown {
                by_staff: m.by_staff == 1,
                from_name: m.from_staff.and_then(|s| names.get(&s).cloned()),
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
        locale: c.locale,
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

/// An internal note in the clear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteShown {
    pub by_staff: Option<i64>,
    pub written_at: i64,
    pub text: String,
}

/// A safeguarding concern in the clear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcernShown {
    pub id: i64,
    pub raised_by: Option<i64>,
    pub raised_at: i64,
    pub reason: String,
    pub reviewed_by: Option<i64>,
    pub reviewed_at: Option<i64>,
    pub outcome: Option<String>,
}

/// Adds an internal note (sealed); false if the conversation is gone.
pub async fn add_note(
    store: &Store,
    keys: &DataKeys,
    id: i64,
    account: i64,
    text: &str,
    at: i64,
) -> Result<bool, MessageError> {
    Ok(store.add_note(id, account, at, &keys.seal(text)?).await?)
}

/// A conversation's notes, opened.
pub async fn notes(
    store: &Store,
    keys: &DataKeys,
    id: i64,
) -> Result<Vec<NoteShown>, MessageError> {
    store
        .notes(id)
        .await?
        .into_iter()
        .map(|n| {
            Ok(NoteShown {
                by_staff: n.by_staff,
                written_at: n.written_at,
                text: keys.open(&n.body)?,
            })
        })
        .collect()
}

/// Raises a concern (reason sealed); its id, or `None` if gone.
pub async fn raise_concern(
    store: &Store,
    keys: &DataKeys,
    id: i64,
    account: i64,
    reason: &str,
    at: i64,
) -> Result<Option<i64>, MessageError> {
    Ok(store
        .raise_concern(id, account, at, &keys.seal(reason)?)
        .await?)
}

/// Reviews a concern (outcome sealed); false when the reviewer raised it
/// themselves, it was reviewed already, or it is gone.
pub async fn review_concern(
    store: &Store,
    keys: &DataKeys,
    concern: i64,
    account: i64,
    outcome: &str,
    at: i64,
) -> Result<bool, MessageError> {
    Ok(store
        .review_concern(concern, account, at, &keys.seal(outcome)?)
        .await?)
}

/// A conversation's concerns, opened.
pub async fn concerns(
    store: &Store,
    keys: &DataKeys,
    id: i64,
) -> Result<Vec<ConcernShown>, MessageError> {
    store
        .concerns(id)
        .await?
        .into_iter()
        .map(|c| {
            Ok(ConcernShown {
                id: c.id,
                raised_by: c.raised_by,
                raised_at: c.raised_at,
                reason: keys.open(&c.reason)?,
                reviewed_by: c.reviewed_by,
                reviewed_at: c.reviewed_at,
                outcome: c.outcome.as_deref().map(|o| keys.open(o)).transpose()?,
            })
        })
        .collect()
}

/// Deletes the conversations past the service's retention: `keep_days`
/// after their last message, closed ones after `keep_closed_days` if
/// sooner. Returns how many went.
pub async fn purge_expired(
    store: &Store,
    rules: &pathway_core::content::site::Messages,
    today: Date,
) -> Result<u64, MessageError> {
    let before = |days: u16| {
        today
            .checked_sub(jiff::Span::new().days(i64::from(days)))
            .unwrap_or(Date::MIN)
    };
    let keep = before(rules.keep_days);
    let closed = before(rules.keep_closed_days.unwrap_or(rules.keep_days));
    Ok(store.purge_conversations(keep, closed).await?)
}
