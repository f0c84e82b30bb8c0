//! Survey results for the people who read them: responses per day and, for
//! each question, how the answers fell. Pure: the caller brings the stored
//! responses. Every count passes through the small-count rule when shown
//! (see [`shown`]), so that small groups cannot be singled out.

use std::collections::BTreeMap;

use super::export::StoredResponse;
use super::{QuestionKind, Survey};

/// One bar: a label and how many answers chose it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub count: i64,
}

/// How a question's answers are shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Breakdown {
    /// A bar per option, point or range of numbers.
    Bars(Vec<Bar>),
    /// A matrix: a stacked bar per item over the same scale.
    Stacked {
        scale: Vec<String>,
        rows: Vec<(String, Vec<i64>)>,
    },
    /// Free text is not charted: it is read in the export, behind the
    /// organisation's safeguarding procedure.
    FreeText,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionResult {
    pub id: String,
    pub text: String,
    /// Responses that answered this question.
    pub answered: i64,
    pub breakdown: Breakdown,
}

/// A scored scale over the chosen responses.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreResult {
    pub id: String,
    pub label: String,
    /// Responses that answered every item of the score.
    pub count: i64,
    pub mean: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub total: i64,
    /// Completed responses per day (dates only), oldest first.
    pub per_day: Vec<(String, i64)>,
    pub questions: Vec<QuestionResult>,
    pub scores: Vec<ScoreResult>,
}

/// A count as it may be shown: under `threshold` it is only "<threshold".
pub fn shown(n: i64, threshold: i64) -> String {
    if n < threshold {
        format!("<{threshold}")
    } else {
        n.to_string()
    }
}

/// Responses whose `submitted_on` falls in `from..=to` (dates, either open).
pub fn in_range<'a>(
    responses: &'a [StoredResponse],
    from: Option<&str>,
    to: Option<&str>,
) -> Vec<&'a StoredResponse> {
    responses
        .iter()
        .filter(|r| from.is_none_or(|f| r.submitted_on.as_str() >= f))
        .filter(|r| to.is_none_or(|t| r.submitted_on.as_str() <= t))
        .collect()
}

/// One free-text answer, as staff read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeText {
    pub response: i64,
    pub submitted_on: String,
    pub question: String,
    pub question_text: String,
    pub text: String,
}

/// Every free-text answer (short and long text, and "other, please say")
/// in `responses`, newest response first; only `question` when given, and
/// only answers containing `search` (ignoring case) when it is not empty.
pub fn free_text(
    survey: &Survey,
    responses: &[&StoredResponse],
    question: Option<&str>,
    search: &str,
) -> Vec<FreeText> {
    let search = search.trim().to_lowercase();
    let mut out = Vec::new();
    for r in responses.iter().rev() {
        for (qid, item, value) in &r.answers {
            let Some(q) = survey.question(qid) else {
                continue;
            };
            let is_text = match q.kind {
                QuestionKind::ShortText { .. } | QuestionKind::LongText { .. } => true,
                QuestionKind::Multiple { .. } => item == "other",
                _ => false,
            };
            if !is_text
                || value.trim().is_empty()
                || question.is_some_and(|id| id != qid)
                || !(search.is_empty() || value.to_lowercase().contains(&search))
            {
                continue;
            }
            out.push(FreeText {
                response: r.id,
                submitted_on: r.submitted_on.clone(),
                question: qid.clone(),
                question_text: q.text.clone(),
                text: value.clone(),
            });
        }
    }
    out
}

/// The results of `responses` to `survey`.
pub fn results(survey: &Survey, responses: &[&StoredResponse]) -> Results {
    let mut per_day: BTreeMap<String, i64> = BTreeMap::new();
    for r in responses {
        *per_day.entry(r.submitted_on.clone()).or_default() += 1;
    }
    let scores = survey
        .scores
        .iter()
        .map(|sc| {
            let values: Vec<f64> = responses
                .iter()
                .filter_map(|r| super::scores::score(survey, sc, r))
                .collect();
            ScoreResult {
                id: sc.id.clone(),
                label: sc.label.clone(),
                count: values.len() as i64,
                mean: (!values.is_empty())
                    .then(|| values.iter().sum::<f64>() / values.len() as f64),
            }
        })
        .collect();
    Results {
        scores,
        total: responses.len() as i64,
        per_day: per_day.into_iter().collect(),
        questions: {
            let by_question = by_question(responses);
            survey
                .questions()
                .map(|q| {
                    let (answers, answered) = by_question
                        .get(q.id.as_str())
                        .map(|(a, n)| (a.as_slice(), *n))
                        .unwrap_or((&[], 0));
                    QuestionResult {
                        id: q.id.clone(),
                        text: q.text.clone(),
                        answered,
                        breakdown: breakdown(&q.kind, answers),
                    }
                })
                .collect()
        },
    }
}

/// Every answer grouped by question, with how many responses answered
/// it, in one pass over the answers.
type ByQuestion<'a> = std::collections::HashMap<&'a str, (Vec<(&'a str, &'a str)>, i64)>;

fn by_question<'a>(responses: &[&'a StoredResponse]) -> ByQuestion<'a> {
    let mut out: ByQuestion<'a> = std::collections::HashMap::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for r in responses {
        seen.clear();
        for (id, item, value) in &r.answers {
            let entry = out.entry(id.as_str()).or_default();
            entry.0.push((item.as_str(), value.as_str()));
            if seen.insert(id.as_str()) {
                entry.1 += 1;
            }
        }
    }
    out
}

fn count(answers: &[(&str, &str)], keep: impl Fn(&str, &str) -> bool) -> i64 {
    answers.iter().filter(|(i, v)| keep(i, v)).count() as i64
}

fn breakdown(kind: &QuestionKind, answers: &[(&str, &str)]) -> Breakdown {
    let bar = |label: &str, n: i64| Bar {
        label: label.to_string(),
        count: n,
    };
    match kind {
        QuestionKind::Single { options } => Breakdown::Bars(
            options
                .iter()
                .map(|o| bar(&o.label, count(answers, |_, v| v == o.id)))
                .collect(),
        ),
        QuestionKind::Multiple { options, other } => {
            let mut bars: Vec<Bar> = options
                .iter()
                .map(|o| bar(&o.label, count(answers, |i, _| i == o.id)))
                .collect();
            if *other {
                bars.push(bar("Other", count(answers, |i, _| i == "other")));
            }
            Breakdown::Bars(bars)
        }
        // Stored 1-based.
        QuestionKind::Likert { labels } => Breakdown::Bars(
            labels
                .iter()
                .enumerate()
                .map(|(n, l)| bar(l, count(answers, |_, v| v == (n + 1).to_string())))
                .collect(),
        ),
        QuestionKind::Scale { .. } => Breakdown::Bars(
            (0..=10)
                .map(|n| bar(&n.to_string(), count(answers, |_, v| v == n.to_string())))
                .collect(),
        ),
        QuestionKind::Number { min, max } => Breakdown::Bars(number_bins(*min, *max, answers)),
        QuestionKind::ShortText { .. } | QuestionKind::LongText { .. } => Breakdown::FreeText,
        QuestionKind::Matrix { items, labels } => Breakdown::Stacked {
            scale: labels.clone(),
            rows: items
                .iter()
                .map(|item| {
                    let counts = (1..=labels.len())
                        .map(|n| count(answers, |i, v| i == item.id && v == n.to_string()))
                        .collect();
                    (item.label.clone(), counts)
                })
                .collect(),
        },
    }
}

/// Up to ten ranges of equal width over `min..=max`.
fn number_bins(min: i64, max: i64, answers: &[(&str, &str)]) -> Vec<Bar> {
    let span = (max - min + 1).max(1);
    let width = (span + 9) / 10;
    let mut bars = Vec::new();
    let mut low = min;
    while low <= max {
        let high = (low + width - 1).min(max);
        let n = count(answers, |_, v| {
            v.parse::<i64>().is_ok_and(|x| x >= low && x <= high)
        });
        let label = if low == high {
            low.to_string()
        } else {
            format!("{low}–{high}")
        };
        bars.push(Bar { label, count: n });
        low = high + 1;
    }
    bars
}
