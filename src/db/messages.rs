//! Conversations with the helpline: all their SQL. Text arrives sealed
//! (the services layer holds the data key); codes arrive as keyed hashes.
//! The writer's side keeps days only.

use jiff::civil::Date;
use pathway_core::message::State;

use super::surveys::day;
use super::{DbError, Store};

/// A conversation's row, without its messages.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Conversation {
    pub id: i64,
    pub state: String,
    /// Sealed.
    pub nickname: Option<String>,
    pub under_18: i64,
    pub started_on: String,
    pub last_message_on: String,
    /// The day since which the helpline has owed a reply, if it does.
    pub waiting_since: Option<String>,
    pub assigned_to: Option<i64>,
    /// The language of the pages it was started from; `None` for one
    /// started before languages were recorded (the default language).
    pub locale: Option<String>,
}

impl Conversation {
    pub fn state(&self) -> State {
        State::parse(&self.state).unwrap_or(State::New)
    }

    /// Its language, `default` for one that did not record it.
    pub fn locale_or<'a>(&'a self, default: &'a str) -> &'a str {
        self.locale.as_deref().unwrap_or(default)
    }
}

/// One message, oldest first by `seq`.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Message {
    pub seq: i64,
    /// The practitioner who wrote it, while their account exists.
    pub from_staff: Option<i64>,
    /// 1 for a practitioner's reply, 0 for the writer's message.
    pub by_staff: i64,
    pub sent_on: String,
    /// Unix seconds, for practitioners' replies only.
    pub sent_at: Option<i64>,
    /// Sealed.
    pub body: String,
}

/// What became of a new message in an existing conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// Stored, with its number in the conversation.
    Stored(i64),
    /// The writer has sent the day's allowance already; nothing stored.
    TooManyToday,
    /// The conversation no longer exists (deleted, or expired).
    Gone,
}

/// Who is adding a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Author {
    /// The person holding the code: at most `per_day` messages a day.
    Writer { per_day: i64 },
    /// A practitioner (an account id) at a Unix time.
    Staff { account: i64, at: i64 },
}

const CONVERSATION_COLUMNS: &str = "id, state, nickname, under_18, started_on, last_message_on, \
     waiting_since, assigned_to, locale";

/// Whole days from `from` to `to` (stored YYYY-MM-DD days; 0 if either
/// cannot be read).
fn days_between(from: &str, to: &str) -> i64 {
    match (from.parse::<Date>(), to.parse::<Date>()) {
        (Ok(a), Ok(b)) => (b - a).get_days().into(),
        _ => 0,
    }
}

impl Store {
    /// Starts a conversation with its first message, unless `max_open`
    /// conversations are already open (then `None`, nothing stored): one
    /// group of one (the site groups them through `starts::Starter`).
    pub async fn start_conversation(
        &self,
        new: &super::starts::NewConversation,
        today: Date,
    ) -> Result<Option<i64>, DbError> {
        let mut conn = self.hold().await?;
        Ok(conn
            .start_conversations(&[new], today)
            .await?
            .pop()
            .flatten())
    }

    /// The conversation whose code hashes to one of `code_hashes` (one per
    /// data key, current first).
    pub async fn conversation_by_code(
        &self,
        code_hashes: &[String],
    ) -> Result<Option<Conversation>, DbError> {
        for hash in code_hashes {
            let sql =
                format!("SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE code_hash = $1");
            let found = with_pool!(self, pool => sqlx::query_as::<_, Conversation>(sqlx::AssertSqlSafe(sql))
                .bind(hash).fetch_optional(pool).await?);
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    }

    /// A conversation by its id (the staff area).
    pub async fn conversation(&self, id: i64) -> Result<Option<Conversation>, DbError> {
        let sql = format!("SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE id = $1");
        Ok(
            with_pool!(self, pool => sqlx::query_as::<_, Conversation>(sqlx::AssertSqlSafe(sql))
            .bind(id).fetch_optional(pool).await?),
        )
    }

    /// A conversation's messages, oldest first.
    pub async fn conversation_messages(&self, id: i64) -> Result<Vec<Message>, DbError> {
        Ok(with_pool!(self, pool => sqlx::query_as::<_, Message>(
            "SELECT seq, from_staff, by_staff, sent_on, sent_at, body FROM conversation_messages \
             WHERE conversation_id = $1 ORDER BY seq")
            .bind(id).fetch_all(pool).await?))
    }

    /// Adds a message from the writer or a practitioner, and moves the
    /// conversation to its next state.
    pub async fn add_message(
        &self,
        id: i64,
        author: Author,
        body: &str,
        today: Date,
    ) -> Result<Added, DbError> {
        let today = day(today);
        with_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            // Numbering the message locks the conversation's row (and on
            // SQLite the database) until the commit.
            let taken: Option<(i64, String, Option<String>, String)> = sqlx::query_as(
                "UPDATE conversations SET message_count = message_count + 1 WHERE id = $1 \
                 RETURNING message_count, state, first_reply_on, started_on")
                .bind(id).fetch_optional(&mut *tx).await?;
            let Some((seq, state, first_reply, started_on)) = taken else {
                return Ok(Added::Gone);
            };
            let state = State::parse(&state).unwrap_or(State::New);
            let (next, waiting, staff, at) = match author {
                Author::Writer { per_day } => {
                    let (sent,): (i64,) = sqlx::query_as(
                        "SELECT COUNT(*) FROM conversation_messages \
                         WHERE conversation_id = $1 AND by_staff = 0 AND sent_on = $2")
                        .bind(id).bind(&today).fetch_one(&mut *tx).await?;
                    if sent >= per_day {
                        tx.rollback().await?;
                        return Ok(Added::TooManyToday);
                    }
                    if state == State::Closed {
                        sqlx::query("UPDATE conversation_open SET open = open + 1 WHERE id = 1")
                            .execute(&mut *tx).await?;
                    }
                    (state.after_writer(), Some(today.clone()), None, None)
                }
                Author::Staff { account, at } => (state.after_reply(), None, Some(account), Some(at)),
            };
            sqlx::query(
                "INSERT INTO conversation_messages \
                 (conversation_id, seq, from_staff, by_staff, sent_on, sent_at, body) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(id).bind(seq).bind(staff).bind(i64::from(staff.is_some()))
                .bind(&today).bind(at).bind(body)
                .execute(&mut *tx).await?;
            // The writer's message keeps the earliest unanswered day; a
            // reply clears it and, the first time, records the day.
            sqlx::query(
                "UPDATE conversations SET state = $1, last_message_on = $2, \
                 waiting_since = CASE WHEN $3 = 1 THEN COALESCE(waiting_since, $2) ELSE NULL END, \
                 first_reply_on = CASE WHEN $3 = 1 THEN first_reply_on ELSE COALESCE(first_reply_on, $2) END \
                 WHERE id = $4")
                .bind(next.name()).bind(&today).bind(i64::from(waiting.is_some())).bind(id)
                .execute(&mut *tx).await?;
            if staff.is_some() && first_reply.is_none() {
                sqlx::query(
                    "INSERT INTO conversation_months (month, started, answered) VALUES ($1, 0, 1) \
                     ON CONFLICT (month) DO UPDATE SET answered = conversation_months.answered + 1")
                    .bind(&today[..7]).execute(&mut *tx).await?;
                sqlx::query(
                    "INSERT INTO conversation_reply_days (month, days, n) VALUES ($1, $2, 1) \
                     ON CONFLICT (month, days) DO UPDATE SET n = conversation_reply_days.n + 1")
                    .bind(&today[..7]).bind(days_between(&started_on, &today))
                    .execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(Added::Stored(seq))
        })
    }

    /// Deletes a conversation and every message in it; false if it was
    /// already gone.
    pub async fn delete_conversation(&self, id: i64) -> Result<bool, DbError> {
        let n = with_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            for table in ["conversation_messages", "conversation_notes", "conversation_concerns"] {
                sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE conversation_id = $1")))
                    .bind(id).execute(&mut *tx).await?;
            }
            let gone: Option<(String,)> = sqlx::query_as(
                "DELETE FROM conversations WHERE id = $1 RETURNING state")
                .bind(id).fetch_optional(&mut *tx).await?;
            let n = u64::from(gone.is_some());
            if gone.is_some_and(|(state,)| state != State::Closed.name()) {
                sqlx::query("UPDATE conversation_open SET open = open - 1 WHERE id = 1")
                    .execute(&mut *tx).await?;
            }
            tx.commit().await?;
            n
        });
        Ok(n == 1)
    }

    /// Deletes every conversation whose last message was before `before`,
    /// and every closed one whose last message was before `closed_before`;
    /// returns how many.
    pub async fn purge_conversations(
        &self,
        before: Date,
        closed_before: Date,
    ) -> Result<u64, DbError> {
        let (before, closed_before) = (day(before), day(closed_before));
        const GONE: &str = "SELECT id FROM conversations WHERE last_message_on < $1 \
             OR (state = 'closed' AND last_message_on < $2)";
        Ok(with_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            for table in ["conversation_messages", "conversation_notes", "conversation_concerns"] {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DELETE FROM {table} WHERE conversation_id IN ({GONE})")))
                    .bind(&before).bind(&closed_before).execute(&mut *tx).await?;
            }
            let states: Vec<(String,)> = sqlx::query_as(
                "DELETE FROM conversations WHERE last_message_on < $1 \
                 OR (state = 'closed' AND last_message_on < $2) RETURNING state")
                .bind(&before).bind(&closed_before).fetch_all(&mut *tx).await?;
            let open = states.iter().filter(|(s,)| s != State::Closed.name()).count();
            sqlx::query("UPDATE conversation_open SET open = open - $1 WHERE id = 1")
                .bind(i64::try_from(open).unwrap_or(i64::MAX)).execute(&mut *tx).await?;
            let n = states.len() as u64;
            tx.commit().await?;
            n
        }))
    }

    /// Open conversations for the inbox: those the helpline owes a reply
    /// first, longest wait first, then the rest, newest message first.
    pub async fn open_conversations(&self, limit: i64) -> Result<Vec<Conversation>, DbError> {
        let sql = format!(
            "SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE state <> 'closed' \
             ORDER BY waiting_since IS NULL, waiting_since, last_message_on DESC, id LIMIT $1"
        );
        Ok(
            with_pool!(self, pool => sqlx::query_as::<_, Conversation>(sqlx::AssertSqlSafe(sql))
            .bind(limit).fetch_all(pool).await?),
        )
    }

    /// Days to a first reply, by the month of the reply: (month, days,
    /// conversations).
    pub async fn conversation_reply_days(&self) -> Result<Vec<(String, i64, i64)>, DbError> {
        Ok(with_pool!(self, pool => sqlx::query_as(
            "SELECT month, days, n FROM conversation_reply_days ORDER BY month, days")
            .fetch_all(pool).await?))
    }

    /// Monthly counts: (month, conversations started, first answered).
    pub async fn conversation_months(&self) -> Result<Vec<(String, i64, i64)>, DbError> {
        Ok(with_pool!(self, pool => sqlx::query_as(
            "SELECT month, started, answered FROM conversation_months ORDER BY month")
            .fetch_all(pool).await?))
    }
}
