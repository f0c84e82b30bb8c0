//! The practitioners' side of conversations: who has taken one, its state,
//! internal notes, safeguarding concerns and the inbox's summary. Notes,
//! reasons and outcomes arrive sealed; staff actions carry Unix seconds.

use pathway_core::message::State;

use super::messages::Conversation;
use super::{DbError, Store};

/// What became of "take this conversation".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    /// It is now this practitioner's.
    Yours,
    /// Someone else took it first (their account id).
    Theirs(i64),
    /// The conversation no longer exists.
    Gone,
}

/// An internal note, never shown to the writer.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Note {
    pub id: i64,
    pub by_staff: Option<i64>,
    pub written_at: i64,
    /// Sealed.
    pub body: String,
}

/// A safeguarding concern and, once reviewed, who reviewed it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Concern {
    pub id: i64,
    pub conversation_id: i64,
    pub raised_by: Option<i64>,
    pub raised_at: i64,
    /// Sealed.
    pub reason: String,
    pub reviewed_by: Option<i64>,
    pub reviewed_at: Option<i64>,
    /// Sealed.
    pub outcome: Option<String>,
}

/// What the staff home and the inbox show at the top.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InboxSummary {
    /// Conversations the helpline owes a reply.
    pub waiting: i64,
    /// The day the longest-waiting one has waited since.
    pub oldest_waiting_since: Option<String>,
    /// Open conversations in all.
    pub open: i64,
    /// Concerns nobody has reviewed yet.
    pub open_concerns: i64,
}

const CONCERN_COLUMNS: &str = "id, conversation_id, raised_by, raised_at, reason, reviewed_by, \
     reviewed_at, outcome";

impl Store {
    /// Assigns conversation `id` to `account` unless someone else holds it:
    /// one conditional UPDATE, so of two practitioners taking it at once
    /// (on any instance) exactly one wins.
    pub async fn take_conversation(&self, id: i64, account: i64) -> Result<Taken, DbError> {
        let n = with_pool!(self, pool => sqlx::query(
            "UPDATE conversations SET assigned_to = $1 \
             WHERE id = $2 AND (assigned_to IS NULL OR assigned_to = $1)")
            .bind(account).bind(id).execute(pool).await?.rows_affected());
        if n == 1 {
            return Ok(Taken::Yours);
        }
        Ok(match self.conversation(id).await? {
            Some(Conversation {
                assigned_to: Some(other),
                ..
            }) => Taken::Theirs(other),
            _ => Taken::Gone,
        })
    }

    /// Gives conversation `id` back to the inbox (from anyone: an admin
    /// may release a practitioner who has left); false if it is gone.
    pub async fn release_conversation(&self, id: i64) -> Result<bool, DbError> {
        let n = with_pool!(self, pool => sqlx::query(
            "UPDATE conversations SET assigned_to = NULL WHERE id = $1")
            .bind(id).execute(pool).await?.rows_affected());
        Ok(n == 1)
    }

    /// Closes conversation `id` (the writer can still read it, and a new
    /// message from them opens it again); false if it is gone.
    pub async fn close_conversation(&self, id: i64) -> Result<bool, DbError> {
        Ok(with_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let closed = sqlx::query(
                "UPDATE conversations SET state = $1, waiting_since = NULL \
                 WHERE id = $2 AND state <> $1")
                .bind(State::Closed.name()).bind(id).execute(&mut *tx).await?.rows_affected();
            if closed == 1 {
                sqlx::query("UPDATE conversation_open SET open = open - 1 WHERE id = 1")
                    .execute(&mut *tx).await?;
            }
            tx.commit().await?;
            closed == 1
        }) || self.conversation(id).await?.is_some())
    }

    /// Marks (or unmarks) the writer as under 18; false if it is gone.
    pub async fn mark_under_18(&self, id: i64, under_18: bool) -> Result<bool, DbError> {
        let n = with_pool!(self, pool => sqlx::query(
            "UPDATE conversations SET under_18 = $1 WHERE id = $2")
            .bind(i64::from(under_18)).bind(id).execute(pool).await?.rows_affected());
        Ok(n == 1)
    }

    /// Adds an internal note (sealed) by `account` at `at`.
    pub async fn add_note(
        &self,
        id: i64,
        account: i64,
        at: i64,
        body: &str,
    ) -> Result<bool, DbError> {
        let n = with_pool!(self, pool => sqlx::query(
            "INSERT INTO conversation_notes (conversation_id, by_staff, written_at, body) \
             SELECT id, $2, $3, $4 FROM conversations WHERE id = $1")
            .bind(id).bind(account).bind(at).bind(body).execute(pool).await?.rows_affected());
        Ok(n == 1)
    }

    /// A conversation's notes, oldest first.
    pub async fn notes(&self, id: i64) -> Result<Vec<Note>, DbError> {
        Ok(with_pool!(self, pool => sqlx::query_as::<_, Note>(
            "SELECT id, by_staff, written_at, body FROM conversation_notes \
             WHERE conversation_id = $1 ORDER BY id")
            .bind(id).fetch_all(pool).await?))
    }

    /// Raises a safeguarding concern (reason sealed); its id, or `None` if
    /// the conversation is gone.
    pub async fn raise_concern(
        &self,
        id: i64,
        account: i64,
        at: i64,
        reason: &str,
    ) -> Result<Option<i64>, DbError> {
        Ok(with_pool!(self, pool => sqlx::query_as::<_, (i64,)>(
            "INSERT INTO conversation_concerns (conversation_id, raised_by, raised_at, reason) \
             SELECT id, $2, $3, $4 FROM conversations WHERE id = $1 RETURNING id")
            .bind(id).bind(account).bind(at).bind(reason).fetch_optional(pool).await?)
        .map(|(c,)| c))
    }

    /// Records the review of concern `concern` by `account`, who must not
    /// be the person who raised it; false if that is not possible (already
    /// reviewed, raised by the same person, or gone).
    pub async fn review_concern(
        &self,
        concern: i64,
        account: i64,
        at: i64,
        outcome: &str,
    ) -> Result<bool, DbError> {
        let n = with_pool!(self, pool => sqlx::query(
            "UPDATE conversation_concerns SET reviewed_by = $1, reviewed_at = $2, outcome = $3 \
             WHERE id = $4 AND reviewed_at IS NULL \
             AND (raised_by IS NULL OR raised_by <> $1)")
            .bind(account).bind(at).bind(outcome).bind(concern)
            .execute(pool).await?.rows_affected());
        Ok(n == 1)
    }

    /// A conversation's concerns, oldest first.
    pub async fn concerns(&self, id: i64) -> Result<Vec<Concern>, DbError> {
        let sql = format!(
            "SELECT {CONCERN_COLUMNS} FROM conversation_concerns \
             WHERE conversation_id = $1 ORDER BY id"
        );
        Ok(
            with_pool!(self, pool => sqlx::query_as::<_, Concern>(sqlx::AssertSqlSafe(sql))
            .bind(id).fetch_all(pool).await?),
        )
    }

    /// The ids of conversations with a concern nobody has reviewed.
    pub async fn conversations_with_open_concerns(&self) -> Result<Vec<i64>, DbError> {
        let rows: Vec<(i64,)> = with_pool!(self, pool => sqlx::query_as(
            "SELECT DISTINCT conversation_id FROM conversation_concerns \
             WHERE reviewed_at IS NULL ORDER BY conversation_id")
            .fetch_all(pool).await?);
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }

    /// Counts for the staff home and the top of the inbox.
    pub async fn inbox_summary(&self) -> Result<InboxSummary, DbError> {
        let (waiting, oldest): (i64, Option<String>) = with_pool!(self, pool => sqlx::query_as(
            "SELECT COUNT(*), MIN(waiting_since) FROM conversations \
             WHERE waiting_since IS NOT NULL")
            .fetch_one(pool).await?);
        let (open,): (i64,) = with_pool!(self, pool => sqlx::query_as(
            "SELECT open FROM conversation_open WHERE id = 1")
            .fetch_one(pool).await?);
        let (open_concerns,): (i64,) = with_pool!(self, pool => sqlx::query_as(
            "SELECT COUNT(*) FROM conversation_concerns WHERE reviewed_at IS NULL")
            .fetch_one(pool).await?);
        Ok(InboxSummary {
            waiting,
            oldest_waiting_since: oldest,
            open,
            open_concerns,
        })
    }
}
