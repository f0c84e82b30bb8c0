//! Scored scales: the sum or mean of chosen items, with reverse-scored
//! items turned round on their own scale. A response that did not answer
//! every item of a score has no score (left empty, never guessed).

use super::export::StoredResponse;
use super::{QuestionKind, Score, ScoreMethod, Survey};

/// The lowest and highest stored value of an item (`question` or
/// `question.item`), when it can be scored.
fn range(survey: &Survey, item: &str) -> Option<(f64, f64)> {
    let question = item.split('.').next().unwrap_or(item);
    match &survey.question(question)?.kind {
        // Likert points and matrix cells are stored 1-based.
        QuestionKind::Likert { labels } | QuestionKind::Matrix { labels, .. } => {
            Some((1.0, labels.len() as f64))
        }
        QuestionKind::Scale { .. } => Some((0.0, 10.0)),
        QuestionKind::Number { min, max } => Some((*min as f64, *max as f64)),
        // A single choice counts 1, 2, 3… in the order its options are written.
        QuestionKind::Single { options } => Some((1.0, options.len() as f64)),
        _ => None,
    }
}

/// The stored value of `item` in `r`: a number, or for a single choice the
/// 1-based position of the chosen option.
fn value(survey: &Survey, r: &StoredResponse, item: &str) -> Option<f64> {
    let (question, part) = item.split_once('.').unwrap_or((item, ""));
    let stored = r
        .answers
        .iter()
        .find(|(q, i, _)| q == question && i == part)
        .map(|(_, _, v)| v.as_str())?;
    match survey.question(question).map(|q| &q.kind) {
        Some(QuestionKind::Single { options }) => options
            .iter()
            .position(|o| o.id == stored)
            .map(|p| (p + 1) as f64),
        _ => stored.parse().ok(),
    }
}

/// `score` of response `r`, or `None` if an item is unanswered.
pub fn score(survey: &Survey, score: &Score, r: &StoredResponse) -> Option<f64> {
    let mut total = 0.0;
    for item in &score.items {
        let v = value(survey, r, item)?;
        let (low, high) = range(survey, item)?;
        total += if score.reverse.contains(item) {
            low + high - v
        } else {
            v
        };
    }
    Some(match score.method {
        ScoreMethod::Sum => total,
        ScoreMethod::Mean => total / score.items.len().max(1) as f64,
    })
}

/// A score as written in the export: whole numbers without decimals, others
/// to two places.
pub fn format(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}
