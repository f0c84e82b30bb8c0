//! Usage counters in the database: each flush adds to the day's totals
//! (several instances add their own increments; none overwrites another).

use super::{DbError, Store};
use pathway_core::usage::{Count, DayCounts, Event};

/// A month's total of one counter, over every subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthTotal {
    /// `YYYY-MM`.
    pub month: String,
    pub counter: String,
    pub total: i64,
}

/// Adds a count to a day's total: (day, counter, subject, n).
pub(super) const ADD_COUNT: &str = "INSERT INTO usage_counts (day, counter, subject, count) \
     VALUES ($1, $2, $3, $4) \
     ON CONFLICT (day, counter, subject) DO UPDATE SET count = usage_counts.count + excluded.count";

impl Store {
    /// Adds `counts` to the totals of `day`, in one transaction.
    pub async fn add_usage(&self, day: &str, counts: &[Count]) -> Result<(), DbError> {
        let sql = ADD_COUNT;
        with_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            for c in counts {
                sqlx::query(sql)
                    .bind(day)
                    .bind(c.event)
                    .bind(&c.subject)
                    .bind(c.n)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Monthly totals per counter for whole months before `month_start`
    /// (`YYYY-MM-01`), oldest first. The current month is left out so that
    /// a total never changes once shown.
    pub async fn usage_by_month(&self, month_start: &str) -> Result<Vec<MonthTotal>, DbError> {
        let sql = "SELECT substr(day, 1, 7) AS month, counter, CAST(SUM(count) AS BIGINT) \
                   FROM usage_counts WHERE day < $1 GROUP BY substr(day, 1, 7), counter \
                   ORDER BY month, counter";
        let rows: Vec<(String, String, i64)> = match self {
            Store::Sqlite(pool) => {
                sqlx::query_as(sql)
                    .bind(month_start)
                    .fetch_all(pool)
                    .await?
            }
            Store::Postgres(pool) => {
                sqlx::query_as(sql)
                    .bind(month_start)
                    .fetch_all(pool)
                    .await?
            }
        };
        Ok(rows
            .into_iter()
            .map(|(month, counter, total)| MonthTotal {
                month,
                counter,
                total,
            })
            .collect())
    }

    /// Every day's count of `counter`, per subject, oldest first.
    pub async fn usage_days(&self, counter: &str) -> Result<Vec<(String, String, i64)>, DbError> {
        let sql =
            "SELECT day, subject, count FROM usage_counts WHERE counter = $1 ORDER BY day, subject";
        Ok(with_pool!(self, pool => sqlx::query_as(sql).bind(counter).fetch_all(pool).await?))
    }

    /// The survey counters `survey-started` and `survey-abandoned`, per
    /// (day, survey, count).
    pub async fn survey_counters(&self) -> Result<(DayCounts, DayCounts), DbError> {
        Ok((
            self.usage_days(Event::SurveyStarted.name()).await?,
            self.usage_days(Event::SurveyAbandoned.name()).await?,
        ))
    }

    /// Every count of every counter from `from` to `to` (dates, inclusive),
    /// as (day, counter, subject, count), oldest first.
    pub async fn usage_between(
        &self,
        from: &str,
        to: &str,
    ) -> Result<Vec<(String, String, String, i64)>, DbError> {
        let sql = "SELECT day, counter, subject, count FROM usage_counts \
                   WHERE day >= $1 AND day <= $2 ORDER BY day, counter, subject";
        Ok(with_pool!(self, pool => sqlx::query_as(sql).bind(from).bind(to).fetch_all(pool).await?))
    }
}
