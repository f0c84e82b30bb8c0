//! Survey storage: published definition hashes, drafts (found again by a
//! token or a resume code, both stored only as hashes) and responses.

use jiff::civil::Date;

use super::{DbError, Store};

/// What the store knew of a survey version's definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionCheck {
    /// First seen now.
    New,
    /// Published before with the same definition.
    Same,
    /// Published before with another definition: the survey was edited
    /// without a new version number.
    Changed { stored_hash: String },
}

/// A saved, unfinished response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub token_hash: String,
    pub survey_id: String,
    pub version: i64,
    pub page: i64,
    /// JSON of the answers so far.
    pub answers: String,
    pub series_code_hash: Option<String>,
    pub expires_on: String,
}

/// A finished response, one row per answer (`item` is "" except for matrix
/// items and "other" texts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewResponse {
    pub survey_id: String,
    pub version: i64,
    pub content_hash: String,
    pub series_code_hash: Option<String>,
    /// The series code shown for this response carries the response's id
    /// (`code::SeriesCode::WithId`): it is found by id, so its hash stays
    /// out of the index of series codes.
    pub series_by_id: bool,
    /// The language the response was given in (its tag, such as `cy`).
    pub locale: String,
    pub answers: Vec<(String, String, String)>,
}

/// A date as stored: the day only, never a time of day. Every date comes
/// from the caller (the one clock); the store never reads the time.
pub fn day(date: Date) -> String {
    date.to_string()
}

pub(super) type DraftRow = (String, String, i64, i64, String, Option<String>, String);

pub(super) fn draft(row: DraftRow) -> Draft {
    let (token_hash, survey_id, version, page, answers, series_code_hash, expires_on) = row;
    Draft {
        token_hash,
        survey_id,
        version,
        page,
        answers,
        series_code_hash,
        expires_on,
    }
}

pub(super) const DRAFT_COLUMNS: &str =
    "token_hash, survey_id, version, page, answers, series_code_hash, expires_on";

impl Store {
    /// Records a survey version's definition hash, or compares it with the
    /// one recorded when that version was first published.
    pub async fn check_survey_version(
        &self,
        id: &str,
        version: i64,
        hash: &str,
        today: Date,
    ) -> Result<VersionCheck, DbError> {
        let today = day(today);
        let inserted = with_pool!(self, pool => sqlx::query(
            "INSERT INTO survey_versions (survey_id, version, definition_hash, first_seen_on) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (survey_id, version) DO NOTHING")
            .bind(id).bind(version).bind(hash).bind(&today)
            .execute(pool).await?.rows_affected());
        if inserted == 1 {
            return Ok(VersionCheck::New);
        }
        let stored: (String,) = with_pool!(self, pool => sqlx::query_as(
            "SELECT definition_hash FROM survey_versions WHERE survey_id = $1 AND version = $2")
            .bind(id).bind(version).fetch_one(pool).await?);
        Ok(if stored.0 == hash {
            VersionCheck::Same
        } else {
            VersionCheck::Changed {
                stored_hash: stored.0,
            }
        })
    }

    /// Starts a draft that expires on `expires_on` (a date).
    pub async fn create_draft(
        &self,
        token_hash: &str,
        survey_id: &str,
        version: i64,
        expires_on: &str,
        today: Date,
    ) -> Result<(), DbError> {
        let today = day(today);
        with_pool!(self, pool => sqlx::query(
            "INSERT INTO survey_drafts (token_hash, survey_id, version, page, answers, created_on, expires_on) \
             VALUES ($1, $2, $3, 0, '{}', $4, $5)")
            .bind(token_hash).bind(survey_id).bind(version).bind(&today).bind(expires_on)
            .execute(pool).await?.rows_affected());
        Ok(())
    }

    /// Saves a draft's page and answers; false if the draft is gone.
    pub async fn save_draft(
        &self,
        token_hash: &str,
        page: i64,
        answers: &str,
    ) -> Result<bool, DbError> {
        let n = with_pool!(self, pool => sqlx::query(
            "UPDATE survey_drafts SET page = $1, answers = $2 WHERE token_hash = $3")
            .bind(page).bind(answers).bind(token_hash)
            .execute(pool).await?.rows_affected());
        Ok(n == 1)
    }

    /// Gives a draft its resume code (hash) and the series code (hash).
    pub async fn set_draft_codes(
        &self,
        token_hash: &str,
        code_hash: &str,
        series_code_hash: Option<&str>,
        expires_on: Date,
    ) -> Result<bool, DbError> {
        let expires_on = day(expires_on);
        let n = with_pool!(self, pool => sqlx::query(
            "UPDATE survey_drafts SET code_hash = $1, series_code_hash = COALESCE($2, series_code_hash), \
             expires_on = $3 WHERE token_hash = $4")
            .bind(code_hash).bind(series_code_hash).bind(&expires_on).bind(token_hash)
            .execute(pool).await?.rows_affected());
        Ok(n == 1)
    }

    /// Gives the draft saved under `code_hash` a new token (on resume: the
    /// old token is never known again). False if no such live draft.
    pub async fn rotate_draft_token(
        &self,
        code_hash: &str,
        new_token_hash: &str,
        today: Date,
    ) -> Result<bool, DbError> {
        let today = day(today);
        let n = with_pool!(self, pool => sqlx::query(
            "UPDATE survey_drafts SET token_hash = $1 WHERE code_hash = $2 AND expires_on >= $3")
            .bind(new_token_hash).bind(code_hash).bind(&today)
            .execute(pool).await?.rows_affected());
        Ok(n == 1)
    }

    /// Links a draft to a series (a follow-up to its baseline) by the hash
    /// of the person's series code.
    pub async fn set_draft_series(
        &self,
        token_hash: &str,
        series_code_hash: &str,
    ) -> Result<bool, DbError> {
        let n = with_pool!(self, pool => sqlx::query(
            "UPDATE survey_drafts SET series_code_hash = $1 WHERE token_hash = $2")
            .bind(series_code_hash).bind(token_hash)
            .execute(pool).await?.rows_affected());
        Ok(n == 1)
    }

    /// The date of the first response to `survey_id` in the series whose
    /// code hash is `series_code_hash`, if there is one, among responses
    /// found by that hash: follow-ups, and baselines whose code carries no
    /// id (see `series_baseline_on` for the others).
    pub async fn series_answered_on(
        &self,
        survey_id: &str,
        series_code_hash: &str,
    ) -> Result<Option<String>, DbError> {
        // `series_by_id = 0` lets both databases use the partial index.
        let row: (Option<String>,) = with_pool!(self, pool => sqlx::query_as(
            "SELECT MIN(submitted_on) FROM survey_responses \
             WHERE series_code_hash = $1 AND survey_id = $2 AND series_by_id = 0")
            .bind(series_code_hash).bind(survey_id).fetch_one(pool).await?);
        Ok(row.0)
    }

    /// The date of response `id` to `survey_id` if its series code hash is
    /// `series_code_hash`: a baseline found by the id its code carries.
    pub async fn series_baseline_on(
        &self,
        survey_id: &str,
        id: i64,
        series_code_hash: &str,
    ) -> Result<Option<String>, DbError> {
        let row: Option<(String,)> = with_pool!(self, pool => sqlx::query_as(
            "SELECT submitted_on FROM survey_responses \
             WHERE id = $1 AND survey_id = $2 AND series_code_hash = $3")
            .bind(id).bind(survey_id).bind(series_code_hash).fetch_optional(pool).await?);
        Ok(row.map(|(d,)| d))
    }

    /// Deletes a draft (for example when the person turns out to be under 18).
    pub async fn delete_draft(&self, token_hash: &str) -> Result<(), DbError> {
        with_pool!(self, pool => sqlx::query("DELETE FROM survey_drafts WHERE token_hash = $1")
            .bind(token_hash).execute(pool).await?.rows_affected());
        Ok(())
    }

    /// A draft by its token, unless it has expired.
    pub async fn draft_by_token(
        &self,
        token_hash: &str,
        today: Date,
    ) -> Result<Option<Draft>, DbError> {
        let sql = format!(
            "SELECT {DRAFT_COLUMNS} FROM survey_drafts WHERE token_hash = $1 AND expires_on >= $2"
        );
        let today = day(today);
        let row: Option<DraftRow> = with_pool!(self, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(token_hash).bind(&today).fetch_optional(pool).await?);
        Ok(row.map(draft))
    }

    /// A draft by its resume code, unless it has expired.
    pub async fn draft_by_code(
        &self,
        code_hash: &str,
        today: Date,
    ) -> Result<Option<Draft>, DbError> {
        let sql = format!(
            "SELECT {DRAFT_COLUMNS} FROM survey_drafts WHERE code_hash = $1 AND expires_on >= $2"
        );
        let today = day(today);
        let row: Option<DraftRow> = with_pool!(self, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(code_hash).bind(&today).fetch_optional(pool).await?);
        Ok(row.map(draft))
    }

    /// Drafts not yet expired (for the global cap).
    pub async fn open_drafts(&self, today: Date) -> Result<i64, DbError> {
        let today = day(today);
        let n: (i64,) = with_pool!(self, pool => sqlx::query_as(
            "SELECT COUNT(*) FROM survey_drafts WHERE expires_on >= $1")
            .bind(&today).fetch_one(pool).await?);
        Ok(n.0)
    }

    /// Deletes drafts that expired before `today` and, in the same
    /// transaction, adds them to today's `survey-abandoned` counter per
    /// survey; returns how many.
    pub async fn purge_expired_drafts(&self, today: &str) -> Result<u64, DbError> {
        let counter = pathway_core::usage::Event::SurveyAbandoned.name();
        with_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let gone: Vec<(String,)> = sqlx::query_as(
                "DELETE FROM survey_drafts WHERE expires_on < $1 RETURNING survey_id")
                .bind(today).fetch_all(&mut *tx).await?;
            let mut per_survey: std::collections::BTreeMap<String, i64> = Default::default();
            for (survey,) in &gone {
                *per_survey.entry(survey.clone()).or_default() += 1;
            }
            for (survey, n) in &per_survey {
                sqlx::query(super::usage::ADD_COUNT)
                    .bind(today).bind(counter).bind(survey).bind(n)
                    .execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(gone.len() as u64)
        })
    }

    /// Stores a response and deletes its draft in one transaction; the
    /// response is durable when this returns. `None` when the draft was
    /// already gone (sent twice, or expired and purged): nothing is stored.
    pub async fn submit_response(
        &self,
        draft_token_hash: Option<&str>,
        r: &NewResponse,
        today: Date,
    ) -> Result<Option<i64>, DbError> {
        let mut ids = self.submit_batch(&[(draft_token_hash, r)], today).await?;
        Ok(ids.pop().flatten())
    }

    /// Stores several responses in one transaction (see `Held::submit_batch`).
    pub async fn submit_batch(
        &self,
        batch: &[(Option<&str>, &NewResponse)],
        today: Date,
    ) -> Result<Vec<Option<i64>>, DbError> {
        self.hold().await?.submit_batch(batch, today).await
    }

    /// The stored answers of a response, ordered by question and item.
    pub async fn response_answers(
        &self,
        id: i64,
    ) -> Result<Vec<(String, String, String)>, DbError> {
        Ok(with_pool!(self, pool => sqlx::query_as(
            "SELECT question_id, item, value FROM survey_answers WHERE response_id = $1 ORDER BY question_id, item")
            .bind(id).fetch_all(pool).await?))
    }
}

impl Store {
    /// Every response to a survey with its answers, oldest first. A
    /// response stored before languages were recorded was given in the
    /// site's `default_locale`.
    pub async fn survey_responses(
        &self,
        survey_id: &str,
        default_locale: &str,
    ) -> Result<Vec<crate::survey::export::StoredResponse>, DbError> {
        type Row = (i64, i64, String, Option<String>, String, String);
        let rows: Vec<Row> = with_pool!(self, pool => sqlx::query_as(
            "SELECT id, version, content_hash, series_code_hash, submitted_on, \
             COALESCE(locale, $2) \
             FROM survey_responses WHERE survey_id = $1 ORDER BY id")
            .bind(survey_id).bind(default_locale).fetch_all(pool).await?);
        let answers: Vec<(i64, String, String, String)> = with_pool!(self, pool => sqlx::query_as(
            "SELECT a.response_id, a.question_id, a.item, a.value FROM survey_answers a \
             JOIN survey_responses r ON r.id = a.response_id WHERE r.survey_id = $1 \
             ORDER BY a.response_id, a.question_id, a.item")
            .bind(survey_id).fetch_all(pool).await?);
        // Both lists are in response order: one pass hands each response
        // its answers.
        let mut answers = answers.into_iter().peekable();
        Ok(rows
            .into_iter()
            .map(
                |(id, version, content_hash, series_code_hash, submitted_on, locale)| {
                    let mut own = Vec::new();
                    while let Some(a) = answers.next_if(|a| a.0 <= id) {
                        if a.0 == id {
                            own.push((a.1, a.2, a.3));
                        }
                    }
                    crate::survey::export::StoredResponse {
                        id,
                        version,
                        content_hash,
                        series_code_hash,
                        submitted_on,
                        locale,
                        answers: own,
                    }
                },
            )
            .collect())
    }
}
