//! Every column that holds text sealed with the data key, outside the staff
//! secrets: message bodies, nicknames, notes, concerns and their reviews.
//! Start-up reseals any value under an older key, so that an old key can be
//! dropped once its conversations have gone.

use super::{DbError, Store};

/// A sealed column of the messages tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealedColumn {
    MessageBody,
    Nickname,
    NoteBody,
    ConcernReason,
    ConcernOutcome,
}

impl SealedColumn {
    pub const ALL: [SealedColumn; 5] = [
        SealedColumn::MessageBody,
        SealedColumn::Nickname,
        SealedColumn::NoteBody,
        SealedColumn::ConcernReason,
        SealedColumn::ConcernOutcome,
    ];

    /// (table, first key column, second key column or a constant, column).
    fn parts(self) -> (&'static str, &'static str, &'static str, &'static str) {
        match self {
            SealedColumn::MessageBody => {
                ("conversation_messages", "conversation_id", "seq", "body")
            }
            SealedColumn::Nickname => ("conversations", "id", "0", "nickname"),
            SealedColumn::NoteBody => ("conversation_notes", "id", "0", "body"),
            SealedColumn::ConcernReason => ("conversation_concerns", "id", "0", "reason"),
            SealedColumn::ConcernOutcome => ("conversation_concerns", "id", "0", "outcome"),
        }
    }
}

impl Store {
    /// The values of `column` that do not start with `current_prefix` (the
    /// current key's): (first key, second key, stored value).
    pub async fn sealed_elsewhere(
        &self,
        column: SealedColumn,
        current_prefix: &str,
    ) -> Result<Vec<(i64, i64, String)>, DbError> {
        let (table, k1, k2, col) = column.parts();
        let sql = format!(
            "SELECT {k1}, CAST({k2} AS BIGINT), {col} FROM {table} \
             WHERE {col} IS NOT NULL AND SUBSTR({col}, 1, CAST($2 AS INTEGER)) <> $1"
        );
        let width = i64::try_from(current_prefix.len()).unwrap_or(i64::MAX);
        Ok(
            with_pool!(self, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(current_prefix).bind(width).fetch_all(pool).await?),
        )
    }

    /// Replaces a sealed value `old` with `new`, unless it changed meanwhile.
    pub async fn replace_sealed(
        &self,
        column: SealedColumn,
        key: (i64, i64),
        old: &str,
        new: &str,
    ) -> Result<(), DbError> {
        let (table, k1, k2, col) = column.parts();
        let sql =
            format!("UPDATE {table} SET {col} = $1 WHERE {k1} = $2 AND {k2} = $3 AND {col} = $4");
        with_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(new).bind(key.0).bind(key.1).bind(old).execute(pool).await?.rows_affected());
        Ok(())
    }

    /// Gives a conversation found by an older key's code hash the current
    /// key's hash of the same code.
    pub async fn rehash_code(&self, id: i64, code_hash: &str) -> Result<(), DbError> {
        with_pool!(self, pool => sqlx::query(
            "UPDATE conversations SET code_hash = $1 WHERE id = $2")
            .bind(code_hash).bind(id).execute(pool).await?.rows_affected());
        Ok(())
    }
}
