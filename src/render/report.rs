//! The survey report: a self-contained HTML file (inline style and SVG,
//! nothing fetched) with responses per day and a chart and a table for each
//! question, every count under the small-count rule.

use std::collections::BTreeMap;

use askama::Template;

use super::charts;
use crate::survey::Survey;
use crate::survey::results::{Breakdown, Results, shown};

pub struct DayRow {
    pub day: String,
    pub started: String,
    pub completed: String,
}

pub struct QuestionView {
    pub id: String,
    pub text: String,
    pub answered: String,
    /// Inline SVG (built with every label escaped), empty for free text.
    pub chart: String,
    pub head: Vec<String>,
    pub rows: Vec<(String, Vec<String>)>,
    pub free_text: bool,
}

pub struct ScoreRow {
    pub label: String,
    pub count: String,
    /// Empty when fewer responses than the threshold have the score.
    pub mean: String,
}

#[derive(Template)]
#[template(path = "report.html")]
pub struct Report {
    pub scores: Vec<ScoreRow>,
    pub title: String,
    pub survey_id: String,
    pub version: u32,
    pub range: String,
    pub made_on: String,
    pub threshold: i64,
    pub total: String,
    pub days: Vec<DayRow>,
    pub questions: Vec<QuestionView>,
}

/// The report of `responses` to `survey` submitted between `from` and `to`
/// (dates, either open), with `started`, the usage counter
/// `survey-started` as (day, subject, count) rows, filtered the same way.
/// Returns the report and how many responses it covers.
pub fn for_range(
    survey: &Survey,
    responses: &[crate::survey::export::StoredResponse],
    started: Vec<(String, String, i64)>,
    from: Option<&str>,
    to: Option<&str>,
    threshold: i64,
) -> (Report, usize) {
    let chosen = crate::survey::results::in_range(responses, from, to);
    let started: Vec<(String, i64)> = started
        .into_iter()
        .filter(|(day, subject, _)| {
            subject == &survey.id
                && from.is_none_or(|f| day.as_str() >= f)
                && to.is_none_or(|t| day.as_str() <= t)
        })
        .map(|(day, _, n)| (day, n))
        .collect();
    let results = crate::survey::results::results(survey, &chosen);
    let range = match (from, to) {
        (Some(f), Some(t)) => format!("from {f} to {t}"),
        (Some(f), None) => format!("from {f}"),
        (None, Some(t)) => format!("up to {t}"),
        (None, None) => "of every date".to_string(),
    };
    let made_on = crate::db::surveys::today();
    (
        report(survey, &results, &started, threshold, range, made_on),
        chosen.len(),
    )
}

/// The report of `results`; `started` is the survey's "started" counter per
/// day (from the usage figures).
pub fn report(
    survey: &Survey,
    results: &Results,
    started: &[(String, i64)],
    threshold: i64,
    range: String,
    made_on: String,
) -> Report {
    let mut days: BTreeMap<&str, (i64, i64)> = BTreeMap::new();
    for (day, n) in started {
        days.entry(day.as_str()).or_default().0 += n;
    }
    for (day, n) in &results.per_day {
        days.entry(day.as_str()).or_default().1 += n;
    }
    Report {
        scores: results
            .scores
            .iter()
            .map(|sc| ScoreRow {
                label: sc.label.clone(),
                count: shown(sc.count, threshold),
                mean: match sc.mean {
                    Some(m) if sc.count >= threshold => crate::survey::scores::format(m),
                    _ => String::new(),
                },
            })
            .collect(),
        title: survey.title.clone(),
        survey_id: survey.id.clone(),
        version: survey.version,
        range,
        made_on,
        threshold,
        total: shown(results.total, threshold),
        days: days
            .into_iter()
            .map(|(day, (s, c))| DayRow {
                day: day.to_string(),
                started: shown(s, threshold),
                completed: shown(c, threshold),
            })
            .collect(),
        questions: results
            .questions
            .iter()
            .map(|q| {
                let id = format!("chart-{}", q.id);
                let mut v = QuestionView {
                    id: q.id.clone(),
                    text: q.text.clone(),
                    answered: shown(q.answered, threshold),
                    chart: String::new(),
                    head: Vec::new(),
                    rows: Vec::new(),
                    free_text: false,
                };
                match &q.breakdown {
                    Breakdown::Bars(bars) => {
                        v.chart = charts::bars(&id, &q.text, bars, threshold);
                        v.head = vec!["Answers".into()];
                        v.rows = bars
                            .iter()
                            .map(|b| (b.label.clone(), vec![shown(b.count, threshold)]))
                            .collect();
                    }
                    Breakdown::Stacked { scale, rows } => {
                        v.chart = charts::stacked(&id, &q.text, scale, rows, threshold);
                        v.head = scale.clone();
                        v.rows = rows
                            .iter()
                            .map(|(label, counts)| {
                                let cells = counts.iter().map(|n| shown(*n, threshold)).collect();
                                (label.clone(), cells)
                            })
                            .collect();
                    }
                    Breakdown::FreeText => v.free_text = true,
                }
                v
            })
            .collect(),
    }
}
