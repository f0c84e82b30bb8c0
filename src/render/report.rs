//! The survey report: responses per day and a chart and a table for each
//! question, every count under the small-count rule. From the command line
//! it is one self-contained HTML file (inline style and SVG, nothing
//! fetched); in the staff area it links the site's style sheets (the CSP
//! allows no inline style) and adds filters, downloads and free-text links.

use crate::render::st;
use std::collections::BTreeMap;

use askama::Template;

use super::charts;
use crate::survey::Survey;
use crate::survey::export::StoredResponse;
use crate::survey::results::{Breakdown, Results, shown};

pub struct DayRow {
    pub day: String,
    pub started: String,
    pub completed: String,
    pub abandoned: String,
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

/// One score's change within pairs, as shown (small counts hidden).
pub struct PairedRow {
    pub label: String,
    pub pairs: String,
    /// Empty when there are fewer pairs than the threshold.
    pub before: String,
    pub after: String,
    pub change: String,
    pub interval: String,
    pub higher: String,
    pub same: String,
    pub lower: String,
}

/// Baseline against follow-up, for the scores both surveys define.
pub struct PairedSection {
    pub baseline_id: String,
    pub baseline_title: String,
    pub follow_up_id: String,
    pub follow_up_title: String,
    pub rows: Vec<PairedRow>,
}

/// The paired change of `follow_up`'s responses in `after` against
/// `baseline`'s in `base`, under the small-count rule: a score whose pairs
/// are fewer than `threshold` shows no figures but that.
pub fn paired_section(
    (baseline, base): (&Survey, &[&StoredResponse]),
    (follow_up, after): (&Survey, &[&StoredResponse]),
    threshold: i64,
) -> PairedSection {
    let f = crate::survey::scores::format;
    let rows = crate::survey::paired::paired(baseline, base, follow_up, after)
        .into_iter()
        .map(|p| {
            let shown_ok = p.pairs >= threshold;
            let figure = |v: f64| if shown_ok { f(v) } else { String::new() };
            PairedRow {
                label: p.label,
                pairs: shown(p.pairs, threshold),
                before: figure(p.before),
                after: figure(p.after),
                change: figure(p.change),
                interval: match p.margin {
                    Some(m) if shown_ok => st::a2(
                        "staff-report-interval-range",
                        "low",
                        f(p.change - m),
                        "high",
                        f(p.change + m),
                    ),
                    _ => String::new(),
                },
                higher: shown(p.higher, threshold),
                same: shown(p.same, threshold),
                lower: shown(p.lower, threshold),
            }
        })
        .collect();
    PairedSection {
        baseline_id: baseline.id.clone(),
        baseline_title: baseline.title.clone(),
        follow_up_id: follow_up.id.clone(),
        follow_up_title: follow_up.title.clone(),
        rows,
    }
}

/// What the staff area adds to the report.
#[derive(Debug, Clone, Default)]
pub struct StaffReport {
    pub assets: &'static str,
    pub from: String,
    pub to: String,
    /// The version filter, empty for every version.
    pub version: String,
    /// Every version that has responses or is current, newest first.
    pub versions: Vec<i64>,
    /// The language filter (a tag), empty for every language.
    pub locale: String,
    /// The site's languages as (tag, name), when it has more than one.
    pub locales: Vec<(String, String)>,
    /// Responses per language as (name, count shown under the small-count
    /// rule), over the other filters.
    pub by_language: Vec<(String, String)>,
    /// The filters as a query string (`?from=…`), empty when none.
    pub query: String,
    /// `query` followed by `&`, or `?`: for links that add a parameter.
    pub query_question_prefix: String,
}

/// The responses (and counters) a report or export covers.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter<'a> {
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub version: Option<i64>,
    /// Only responses given in this language (a tag such as `cy`).
    pub locale: Option<&'a str>,
}

impl Filter<'_> {
    /// Whether a day (`YYYY-MM-DD`) falls in the range.
    pub fn has_day(&self, day: &str) -> bool {
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
    }

    /// The responses that pass every filter.
    pub fn responses<'r>(&self, responses: &'r [StoredResponse]) -> Vec<&'r StoredResponse> {
        crate::survey::results::in_range(responses, self.from, self.to)
            .into_iter()
            .filter(|r| self.version.is_none_or(|v| r.version == v))
            .filter(|r| self.locale.is_none_or(|l| r.locale == l))
            .collect()
    }
}

#[derive(Template)]
#[template(path = "report.html")]
pub struct Report {
    pub scores: Vec<ScoreRow>,
    /// Baseline against follow-up, on either survey of a series.
    pub paired: Option<PairedSection>,
    pub title: String,
    pub survey_id: String,
    pub version_text: String,
    pub style: &'static str,
    pub staff: Option<StaffReport>,
    pub range: String,
    pub made_on: String,
    pub threshold: i64,
    pub total: String,
    pub days: Vec<DayRow>,
    pub questions: Vec<QuestionView>,
}

/// A day and a count.
pub type DayCount = (String, i64);

/// Counters per (day, subject, count), as the usage figures hold them.
pub use pathway_core::usage::DayCounts;

/// The report of `responses` to `survey` that pass `filter`, with the
/// usage counters `survey-started` and `survey-abandoned` over the same
/// days. Returns the report and how many responses it covers.
pub fn for_range(
    survey: &Survey,
    responses: &[StoredResponse],
    (started, abandoned): (DayCounts, DayCounts),
    filter: Filter<'_>,
    threshold: i64,
    today: String,
) -> (Report, usize) {
    let chosen = filter.responses(responses);
    let of_survey = |rows: DayCounts| -> Vec<(String, i64)> {
        rows.into_iter()
            .filter(|(day, subject, _)| subject == &survey.id && filter.has_day(day))
            .map(|(day, _, n)| (day, n))
            .collect()
    };
    let results = crate::survey::results::results(survey, &chosen);
    let range = match (filter.from, filter.to) {
        (Some(f), Some(t)) => st::a2("staff-report-range-between", "from", f, "to", t),
        (Some(f), None) => st::a("staff-report-range-from", "from", f),
        (None, Some(t)) => st::a("staff-report-range-to", "to", t),
        (None, None) => st::t("staff-report-range-every"),
    };
    let mut report = report(
        survey,
        &results,
        (&of_survey(started), &of_survey(abandoned)),
        threshold,
        range,
        today,
    );
    report.version_text = match filter.version {
        Some(v) => st::a("staff-report-version-only", "n", v),
        None => st::a("staff-report-version-every", "n", survey.version),
    };
    if let Some(l) = filter.locale {
        report
            .version_text
            .push_str(&st::a("staff-report-language-only", "locale", l));
    }
    (report, chosen.len())
}

/// The report of `results`; `started` and `abandoned` are the survey's
/// counters per day (from the usage figures).
pub fn report(
    survey: &Survey,
    results: &Results,
    (started, abandoned): (&[DayCount], &[DayCount]),
    threshold: i64,
    range: String,
    made_on: String,
) -> Report {
    let mut days: BTreeMap<&str, (i64, i64, i64)> = BTreeMap::new();
    for (day, n) in started {
        days.entry(day.as_str()).or_default().0 += n;
    }
    for (day, n) in &results.per_day {
        days.entry(day.as_str()).or_default().1 += n;
    }
    for (day, n) in abandoned {
        days.entry(day.as_str()).or_default().2 += n;
    }
    Report {
        paired: None,
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
        version_text: st::a("staff-report-version-one", "n", survey.version),
        style: crate::render::pages::STAFF_STYLE,
        staff: None,
        range,
        made_on,
        threshold,
        total: shown(results.total, threshold),
        days: days
            .into_iter()
            .map(|(day, (s, c, a))| DayRow {
                day: day.to_string(),
                started: shown(s, threshold),
                completed: shown(c, threshold),
                abandoned: shown(a, threshold),
            })
            .collect(),
        questions: results
            .questions
            .iter()
            .map(|q| question_view(q, threshold))
            .collect(),
    }
}

/// One question's chart and data table, small counts hidden.
fn question_view(q: &crate::survey::results::QuestionResult, threshold: i64) -> QuestionView {
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
            v.head = vec![st::t("staff-report-answers")];
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
}
