//! The survey writer's and reader's statements (see `batch`): a group of
//! responses stored in one transaction with their drafts deleted, and a
//! group of drafts looked up by token in one query.
//!
//! On SQLite the rows travel as bound parameters (`rows::Shapes`); on
//! PostgreSQL, as one JSON parameter per list, which it takes apart
//! cheaply on its own side.

use std::collections::HashSet;
use std::sync::LazyLock;

use jiff::civil::Date;
use sqlx::pool::PoolConnection;
use sqlx::{Postgres, Sqlite};

use super::rows::Shapes;
use super::surveys::{DRAFT_COLUMNS, Draft, DraftRow, NewResponse, day, draft};
use super::{DbError, Held};

/// One `survey_responses` row, in its columns' order.
type ResponseRow<'a> = (
    i64,
    &'a str,
    i64,
    &'a str,
    Option<&'a str>,
    &'a str,
    &'a str,
    i64,
);
/// One `survey_answers` row: response id, question, item, value.
type AnswerRow<'a> = (i64, &'a str, &'a str, &'a str);

/// Columns of `survey_responses` as `ResponseRow` holds them.
const RESPONSE_COLUMNS: &str = "id, survey_id, version, content_hash, series_code_hash, \
     submitted_on, locale, series_by_id";

/// Spare rows are all NULL: the first column (an id) never is otherwise.
const SPARE_ROWS_LEFT_OUT: &str = ") WHERE column1 IS NOT NULL";

static DELETE_DRAFTS: LazyLock<Shapes> = LazyLock::new(|| {
    Shapes::new(
        "DELETE FROM survey_drafts WHERE token_hash IN (",
        1,
        ") RETURNING token_hash",
    )
});
static INSERT_RESPONSES: LazyLock<Shapes> = LazyLock::new(|| {
    let head = format!("INSERT INTO survey_responses ({RESPONSE_COLUMNS}) SELECT * FROM (VALUES ");
    Shapes::new(&head, 8, SPARE_ROWS_LEFT_OUT)
});
static INSERT_ANSWERS: LazyLock<Shapes> = LazyLock::new(|| {
    Shapes::new(
        "INSERT INTO survey_answers (response_id, question_id, item, value) \
         SELECT * FROM (VALUES ",
        4,
        SPARE_ROWS_LEFT_OUT,
    )
});
static DRAFTS_BY_TOKENS: LazyLock<Shapes> = LazyLock::new(|| {
    let head = format!(
        "SELECT {DRAFT_COLUMNS} FROM survey_drafts WHERE expires_on >= ? AND token_hash IN ("
    );
    Shapes::new(&head, 1, ")")
});

/// `list` and then its first item `spare` more times: an `IN` list made up
/// to its statement's size (a value twice in one changes nothing).
fn padded<T>(list: &[T], spare: usize) -> impl Iterator<Item = &T> {
    list.iter().chain(list.iter().take(1).cycle().take(spare))
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, DbError> {
    serde_json::to_string(value).map_err(|e| DbError::Encode(e.to_string()))
}

/// What one batch writes: which responses are stored (their drafts were
/// still there, each token once) under which ids, and their rows.
struct Plan<'a> {
    ids: Vec<Option<i64>>,
    responses: Vec<ResponseRow<'a>>,
    answers: Vec<AnswerRow<'a>>,
}

impl<'a> Plan<'a> {
    fn new(
        batch: &[(Option<&str>, &'a NewResponse)],
        live: Vec<(String,)>,
        take_ids: impl FnOnce(usize) -> Result<Vec<i64>, DbError>,
        today: &'a str,
    ) -> Result<Plan<'a>, DbError> {
        let mut live: HashSet<String> = live.into_iter().map(|(t,)| t).collect();
        let keep: Vec<bool> = batch
            .iter()
            .map(|(token, _)| token.is_none_or(|t| live.remove(t)))
            .collect();
        let stored = keep.iter().filter(|k| **k).count();
        let mut fresh = take_ids(stored)?.into_iter();
        let (mut ids, mut responses, mut answers) = (Vec::new(), Vec::new(), Vec::new());
        for ((_, r), keep) in batch.iter().zip(keep) {
            let id = if keep { fresh.next() } else { None };
            ids.push(id);
            let Some(id) = id else { continue };
            responses.push((
                id,
                r.survey_id.as_str(),
                r.version,
                r.content_hash.as_str(),
                r.series_code_hash.as_deref(),
                today,
                r.locale.as_str(),
                i64::from(r.series_by_id),
            ));
            answers.extend(
                r.answers
                    .iter()
                    .map(|(q, item, value)| (id, q.as_str(), item.as_str(), value.as_str())),
            );
        }
        if responses.len() != stored {
            return Err(DbError::Encode("fewer response ids than responses".into()));
        }
        Ok(Plan {
            ids,
            responses,
            answers,
        })
    }
}

impl Held {
    /// The drafts among `token_hashes` that exist and have not expired, in
    /// one query (see `batch::DraftReader`).
    pub async fn drafts_by_tokens(
        &mut self,
        token_hashes: &[&str],
        today: Date,
    ) -> Result<Vec<Draft>, DbError> {
        let today = day(today);
        let rows: Vec<DraftRow> = match self {
            Held::Sqlite(conn) => {
                // Each token once: the same one in two pieces would be
                // found twice.
                let mut seen = HashSet::with_capacity(token_hashes.len());
                let unique: Vec<&str> = token_hashes
                    .iter()
                    .copied()
                    .filter(|t| seen.insert(*t))
                    .collect();
                let mut rows = Vec::with_capacity(unique.len());
                for (range, sql, spare) in DRAFTS_BY_TOKENS.pieces(unique.len()) {
                    let mut q = sqlx::query_as(sql).bind(today.as_str());
                    for token in padded(unique.get(range).unwrap_or_default(), spare) {
                        q = q.bind(*token);
                    }
                    rows.extend(q.fetch_all(&mut **conn).await?);
                }
                rows
            }
            Held::Postgres(conn) => {
                let sql = format!(
                    "SELECT {DRAFT_COLUMNS} FROM survey_drafts WHERE token_hash IN \
                     (SELECT jsonb_array_elements_text($1::jsonb)) AND expires_on >= $2"
                );
                sqlx::query_as(sqlx::AssertSqlSafe(sql))
                    .bind(json(&token_hashes)?)
                    .bind(&today)
                    .fetch_all(&mut **conn)
                    .await?
            }
        };
        Ok(rows.into_iter().map(draft).collect())
    }

    /// Stores several responses in one transaction (one commit, so one
    /// flush to disk for all of them) and deletes their drafts. For each
    /// response: its id, or `None` when its draft was already gone. Each
    /// list is one statement (on SQLite, one per 256 rows: `rows::Shapes`).
    pub async fn submit_batch(
        &mut self,
        batch: &[(Option<&str>, &NewResponse)],
        today: Date,
    ) -> Result<Vec<Option<i64>>, DbError> {
        let tokens: Vec<&str> = batch.iter().filter_map(|(t, _)| *t).collect();
        let today = day(today);
        match self {
            Held::Sqlite(conn) => submit_sqlite(conn, batch, &tokens, &today).await,
            Held::Postgres(conn) => submit_postgres(conn, batch, &json(&tokens)?, &today).await,
        }
    }
}

/// `submit_batch` on SQLite.
async fn submit_sqlite(
    conn: &mut PoolConnection<Sqlite>,
    batch: &[(Option<&str>, &NewResponse)],
    tokens: &[&str],
    today: &str,
) -> Result<Vec<Option<i64>>, DbError> {
    // IMMEDIATE: the write lock is held from the start, so the
    // ids read below cannot be taken by another writer.
    let mut tx = sqlx::Connection::begin_with(&mut **conn, "BEGIN IMMEDIATE").await?;
    let mut live: Vec<(String,)> = Vec::with_capacity(tokens.len());
    for (range, sql, spare) in DELETE_DRAFTS.pieces(tokens.len()) {
        let mut q = sqlx::query_as(sql);
        for token in padded(tokens.get(range).unwrap_or_default(), spare) {
            q = q.bind(*token);
        }
        live.extend(q.fetch_all(&mut *tx).await?);
    }
    let (last,): (i64,) = sqlx::query_as(
        "SELECT COALESCE((SELECT seq FROM sqlite_sequence \
             WHERE name = 'survey_responses'), 0)",
    )
    .fetch_one(&mut *tx)
    .await?;
    let plan = Plan::new(
        batch,
        live,
        |n| Ok((1..=n as i64).map(|i| last + i).collect()),
        today,
    )?;
    for (range, sql, spare) in INSERT_RESPONSES.pieces(plan.responses.len()) {
        let mut q = sqlx::query(sql);
        for r in plan.responses.get(range).unwrap_or_default() {
            q = q.bind(r.0).bind(r.1).bind(r.2).bind(r.3);
            q = q.bind(r.4).bind(r.5).bind(r.6).bind(r.7);
        }
        for _ in 0..spare * 8 {
            q = q.bind(None::<i64>);
        }
        q.execute(&mut *tx).await?;
    }
    for (range, sql, spare) in INSERT_ANSWERS.pieces(plan.answers.len()) {
        let mut q = sqlx::query(sql);
        for a in plan.answers.get(range).unwrap_or_default() {
            q = q.bind(a.0).bind(a.1).bind(a.2).bind(a.3);
        }
        for _ in 0..spare * 4 {
            q = q.bind(None::<i64>);
        }
        q.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(plan.ids)
}

/// `submit_batch` on PostgreSQL.
async fn submit_postgres(
    conn: &mut PoolConnection<Postgres>,
    batch: &[(Option<&str>, &NewResponse)],
    tokens: &str,
    today: &str,
) -> Result<Vec<Option<i64>>, DbError> {
    let mut tx = sqlx::Connection::begin(&mut **conn).await?;
    let live: Vec<(String,)> = sqlx::query_as(
        "DELETE FROM survey_drafts WHERE token_hash IN \
             (SELECT jsonb_array_elements_text($1::jsonb)) RETURNING token_hash",
    )
    .bind(tokens)
    .fetch_all(&mut *tx)
    .await?;
    let wanted = batch.len() as i64;
    let ids: Vec<(i64,)> =
        sqlx::query_as("SELECT nextval('survey_responses_id_seq') FROM generate_series(1, $1)")
            .bind(wanted)
            .fetch_all(&mut *tx)
            .await?;
    let ids: Vec<i64> = ids.into_iter().map(|(id,)| id).collect();
    let plan = Plan::new(batch, live, |n| Ok(ids[..n.min(ids.len())].to_vec()), today)?;
    if !plan.responses.is_empty() {
        let sql = format!(
            "INSERT INTO survey_responses ({RESPONSE_COLUMNS}) \
             SELECT (e->>0)::bigint, e->>1, (e->>2)::bigint, e->>3, e->>4, e->>5, e->>6, \
             (e->>7)::bigint FROM jsonb_array_elements($1::jsonb) AS e"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(json(&plan.responses)?)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO survey_answers (response_id, question_id, item, value) \
                 SELECT (e->>0)::bigint, e->>1, e->>2, e->>3 \
                 FROM jsonb_array_elements($1::jsonb) AS e",
        )
        .bind(json(&plan.answers)?)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(plan.ids)
}
