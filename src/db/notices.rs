//! Staff e-mail notices: the last one sent of each kind, claimed by
//! compare-and-set so that instances sharing a database send one between
//! them.

use super::{DbError, Store};

/// The last notice of a kind: when (Unix seconds) and the count it gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LastNotice {
    pub sent_at: i64,
    pub waiting: i64,
}

impl Store {
    /// The last "messages waiting" notice.
    pub async fn last_message_notice(&self) -> Result<LastNotice, DbError> {
        let (sent_at, waiting): (i64, i64) = with_pool!(self, pool => sqlx::query_as(
            "SELECT sent_at, waiting FROM staff_notices WHERE kind = 'messages'")
            .fetch_one(pool).await?);
        Ok(LastNotice { sent_at, waiting })
    }

    /// Records `next` as the last notice if the row still holds `seen`;
    /// false when another instance claimed it first.
    pub async fn claim_message_notice(
        &self,
        seen: LastNotice,
        next: LastNotice,
    ) -> Result<bool, DbError> {
        let changed = with_pool!(self, pool => sqlx::query(
            "UPDATE staff_notices SET sent_at = $1, waiting = $2 \
             WHERE kind = 'messages' AND sent_at = $3 AND waiting = $4")
            .bind(next.sent_at).bind(next.waiting)
            .bind(seen.sent_at).bind(seen.waiting)
            .execute(pool).await?.rows_affected());
        Ok(changed == 1)
    }
}
