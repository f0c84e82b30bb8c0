//! Usage figures for analysts and admins: each counter over a chosen date
//! range as an SVG chart with a data table (by day, or by month for long
//! ranges), totals per module and per survey, and a CSV export (audited).
//! Every count shown passes the small-count rule; the CSV holds the
//! counts as stored, like the survey export holds every answer.

use crate::render::st;
use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::ToSpan;
use jiff::civil::Date;

use super::{ReadsResults, Staff, download, html_page};
use crate::http::error::AppError;
use crate::http::state::AppState;
use crate::services::usage::Event;
use crate::survey::results::{Bar, shown};

/// The range shown when none is chosen: the last 30 days.
const DEFAULT_DAYS: i64 = 30;
/// Longer ranges are shown by month.
const MAX_DAYS_BY_DAY: i32 = 62;
/// The longest range (about ten years).
const MAX_DAYS: i32 = 3660;

#[derive(serde::Deserialize, Default)]
pub struct RangeQuery {
    from: Option<String>,
    to: Option<String>,
}

/// The chosen range, or the default and a message saying why.
fn range(q: &RangeQuery, today: Date) -> (Date, Date, String) {
    let default = (today - (DEFAULT_DAYS - 1).days(), today);
    let parse = |t: &Option<String>| {
        t.as_deref()
            .filter(|t| !t.is_empty())
            .map(|t| t.parse::<Date>())
    };
    match (parse(&q.from), parse(&q.to)) {
        (None, None) => (default.0, default.1, String::new()),
        (Some(Err(_)), _) | (_, Some(Err(_))) => {
            (default.0, default.1, st::t("staff-usage-bad-date"))
        }
        (from, to) => {
            let to = to.and_then(Result::ok).unwrap_or(today);
            let from = from
                .and_then(Result::ok)
                .unwrap_or(to - (DEFAULT_DAYS - 1).days());
            if from > to {
                (default.0, default.1, st::t("staff-usage-start-after-end"))
            } else if days_between(from, to) > MAX_DAYS {
                (
                    to - (MAX_DAYS - 1).days(),
                    to,
                    st::t("staff-usage-too-long"),
                )
            } else {
                (from, to, String::new())
            }
        }
    }
}

fn days_between(from: Date, to: Date) -> i32 {
    from.until(to).map_or(0, |s| s.get_days()) + 1
}

/// Every period (day `YYYY-MM-DD`, or month `YYYY-MM`) from `from` to `to`.
fn periods(from: Date, to: Date, by_month: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut d = from;
    while d <= to {
        let p = period(&d.to_string(), by_month);
        if out.last() != Some(&p) {
            out.push(p);
        }
        match d.tomorrow() {
            Ok(next) => d = next,
            Err(_) => break,
        }
    }
    out
}

fn period(day: &str, by_month: bool) -> String {
    if by_month {
        day.chars().take(7).collect()
    } else {
        day.to_string()
    }
}

pub struct CounterView {
    pub id: String,
    pub label: String,
    pub total: String,
    pub chart: String,
    /// (period, count as shown).
    pub rows: Vec<(String, String)>,
}

pub struct SubjectRow {
    pub label: String,
    /// One count as shown per column.
    pub cells: Vec<String>,
}

#[derive(Template)]
#[template(path = "staff_usage.html")]
struct UsagePage {
    heading: String,
    assets: &'static str,
    nav: bool,
    from: String,
    to: String,
    note: String,
    by_month: bool,
    threshold: i64,
    counters: Vec<CounterView>,
    modules: Vec<SubjectRow>,
    surveys: Vec<SubjectRow>,
}

type Rows = Vec<(String, String, String, i64)>;

/// Sum of `counter` per key chosen by `key` from (day, subject).
fn sums(rows: &Rows, counter: &str, key: impl Fn(&str, &str) -> String) -> BTreeMap<String, i64> {
    let mut out = BTreeMap::new();
    for (day, c, subject, n) in rows {
        if c == counter {
            *out.entry(key(day, subject)).or_default() += n;
        }
    }
    out
}

fn counter_view(
    rows: &Rows,
    event: Event,
    label: String,
    periods: &[String],
    by_month: bool,
    threshold: i64,
) -> CounterView {
    let per = sums(rows, event.name(), |day, _| period(day, by_month));
    let bars: Vec<Bar> = periods
        .iter()
        .map(|p| Bar {
            label: p.clone(),
            count: per.get(p).copied().unwrap_or(0),
        })
        .collect();
    let total: i64 = per.values().sum();
    CounterView {
        id: event.name().to_string(),
        chart: crate::render::charts::bars(
            &format!("chart-{}", event.name()),
            &label,
            &bars,
            threshold,
        ),
        label,
        total: shown(total, threshold),
        rows: bars
            .iter()
            .map(|b| (b.label.clone(), shown(b.count, threshold)))
            .collect(),
    }
}

/// One row per subject (module or survey), one column per event.
fn subject_rows(
    rows: &Rows,
    events: &[Event],
    subjects: &[(String, String)],
    threshold: i64,
) -> Vec<SubjectRow> {
    let per: Vec<BTreeMap<String, i64>> = events
        .iter()
        .map(|e| sums(rows, e.name(), |_, subject| subject.to_string()))
        .collect();
    subjects
        .iter()
        .map(|(id, label)| SubjectRow {
            label: label.clone(),
            cells: per
                .iter()
                .map(|m| shown(m.get(id).copied().unwrap_or(0), threshold))
                .collect(),
        })
        .collect()
}

type Counted = (Date, Date, String, Rows);

/// The chosen range (and why it differs from the one asked for, if it
/// does) and every count in it.
async fn counts(state: &AppState, q: &RangeQuery) -> Result<Counted, AppError> {
    let (from, to, note) = range(q, state.clock.today());
    let rows = state
        .store
        .usage_between(&from.to_string(), &to.to_string())
        .await?;
    Ok((from, to, note, rows))
}

/// `GET /staff/usage?from=&to=`.
pub async fn usage(
    _: Staff<ReadsResults>,
    State(state): State<AppState>,
    Query(q): Query<RangeQuery>,
) -> Result<Response, AppError> {
    let (from, to, note, rows) = counts(&state, &q).await?;
    let pages = state.pages();
    let programme = pages.programme();
    let t = pages.i18n();
    let threshold = state.http.small_count_threshold;
    let by_month = days_between(from, to) > MAX_DAYS_BY_DAY;
    let periods = periods(from, to, by_month);
    let counters = Event::ALL
        .iter()
        .map(|e| {
            let label = t.t(&format!("usage-{}", e.name()));
            counter_view(&rows, *e, label, &periods, by_month, threshold)
        })
        .collect();
    let modules: Vec<(String, String)> = programme
        .modules
        .iter()
        .map(|m| {
            (
                m.front.slug.clone(),
                format!("{}. {}", m.number, m.front.title),
            )
        })
        .chain(programme.translations.iter().flat_map(|tr| {
            // Views of each translation, counted as `<locale>/<slug>`.
            programme.modules.iter().map(move |m| {
                (
                    format!("{}/{}", tr.locale, m.front.slug),
                    format!("{}. {} ({})", m.number, m.front.title, tr.locale),
                )
            })
        }))
        .collect();
    let surveys: Vec<(String, String)> = programme
        .surveys
        .iter()
        .map(|s| (s.id.clone(), s.title.clone()))
        .collect();
    let view = UsagePage {
        heading: st::t("staff-usage"),
        assets: crate::render::pages::asset_version(),
        nav: true,
        from: from.to_string(),
        to: to.to_string(),
        note,
        by_month,
        threshold,
        counters,
        modules: subject_rows(
            &rows,
            &[Event::ModuleView, Event::ModulePdf],
            &modules,
            threshold,
        ),
        surveys: subject_rows(
            &rows,
            &[
                Event::SurveyStarted,
                Event::SurveyCompleted,
                Event::SurveyAbandoned,
            ],
            &surveys,
            threshold,
        ),
    };
    html_page(StatusCode::OK, &view)
}

/// `GET /staff/usage.csv?from=&to=`: day, counter, subject, count (audited).
pub async fn usage_csv(
    s: Staff<ReadsResults>,
    State(state): State<AppState>,
    Query(q): Query<RangeQuery>,
) -> Result<Response, AppError> {
    let (from, to, _, rows) = counts(&state, &q).await?;
    let bytes = usage_csv_bytes(&rows)
        .map_err(|e| AppError::Internal(format!("the usage CSV failed: {e}").into()))?;
    // No export without its audit entry.
    state
        .store
        .audit(
            state.clock.now(),
            &s.account.name,
            "usage exported",
            &format!("{from} to {to}"),
        )
        .await?;
    Ok(download(
        String::from_utf8_lossy(&bytes).into_owned(),
        "text/csv; charset=utf-8",
        "usage.csv",
    ))
}

fn usage_csv_bytes(rows: &Rows) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["day", "counter", "subject", "count"])?;
    for (day, counter, subject, n) in rows {
        w.write_record([day.as_str(), counter, subject, &n.to_string()])?;
    }
    Ok(w.into_inner().map_err(|e| e.to_string())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(from: &str, to: &str) -> RangeQuery {
        RangeQuery {
            from: Some(from.into()),
            to: Some(to.into()),
        }
    }

    #[test]
    fn ranges_default_to_the_last_30_days_and_explain_a_bad_one() {
        let today = jiff::civil::date(2026, 11, 26);
        let (f, t, note) = range(&RangeQuery::default(), today);
        assert_eq!(
            (f.to_string(), t.to_string()),
            ("2026-10-28".into(), "2026-11-26".into())
        );
        assert!(note.is_empty());
        let (f, _, note) = range(&q("2026-12-01", "2026-11-01"), today);
        assert_eq!(f.to_string(), "2026-10-28");
        assert!(note.contains("after the end date"));
        let (_, _, note) = range(&q("yesterday", ""), today);
        assert!(note.contains("YYYY-MM-DD"));
        let (f, t, note) = range(&q("2026-01-01", "2026-01-31"), today);
        assert_eq!(
            (f.to_string(), t.to_string(), note),
            ("2026-01-01".into(), "2026-01-31".into(), String::new())
        );
    }

    #[test]
    fn long_ranges_are_shown_by_month() {
        let from = jiff::civil::date(2026, 1, 30);
        let to = jiff::civil::date(2026, 3, 2);
        assert_eq!(periods(from, to, true), ["2026-01", "2026-02", "2026-03"]);
        assert_eq!(periods(from, to, false).len(), 32);
    }
}
