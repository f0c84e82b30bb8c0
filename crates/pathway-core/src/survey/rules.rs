//! Checks of a survey definition beyond its shape: the age band, where the
//! safety flag may go, the stated time against the survey's length, and
//! scored scales.

use std::collections::BTreeMap;
use std::path::Path;

use super::parse::RawScore;
use super::{Page, Question, QuestionKind, Score, ScoreMethod};
use crate::content::diag::Diagnostics;

/// Seconds an answer takes, for the stated time: a choice, a point on a
/// scale, a number or a matrix row.
pub const SECONDS_PER_ANSWER: u32 = 20;
/// Seconds a free-text answer takes (it is optional, but people write).
pub const SECONDS_PER_TEXT: u32 = 60;

/// About how long `pages` take to answer, in seconds: every question, and
/// every matrix row as a question of its own.
pub fn estimated_seconds(pages: &[Page]) -> u32 {
    pages
        .iter()
        .flat_map(|p| p.questions.iter())
        .map(|q| match &q.kind {
            QuestionKind::Matrix { items, .. } => {
                SECONDS_PER_ANSWER * u32::try_from(items.len()).unwrap_or(u32::MAX / 100)
            }
            QuestionKind::LongText { .. } | QuestionKind::ShortText { .. } => SECONDS_PER_TEXT,
            _ => SECONDS_PER_ANSWER,
        })
        .sum()
}

/// The whole minutes `pages` take, rounded to the nearest and at least one.
pub fn estimated_minutes(pages: &[Page]) -> u32 {
    ((estimated_seconds(pages) + 30) / 60).max(1)
}

/// A stated time must be near the estimate: at least two thirds of it and
/// at most one and a half times it (rounded to whole minutes).
pub fn check_minutes(file: &Path, minutes: Option<u32>, pages: &[Page], diags: &mut Diagnostics) {
    let Some(stated) = minutes else { return };
    let estimate = estimated_minutes(pages);
    let low = (estimate * 2 / 3).max(1);
    let high = (estimate * 3).div_ceil(2).max(2);
    if stated < low || stated > high {
        diags.error(
            file,
            1,
            format!(
                "the survey says it takes about {stated} minutes, but its questions take about {estimate} ({SECONDS_PER_ANSWER} seconds an answer, {SECONDS_PER_TEXT} for free text)"
            ),
            format!("write minutes = {estimate}, or change the questions"),
        );
    }
}

pub fn check_age_band(file: &Path, pages: &[Page], diags: &mut Diagnostics) {
    let first = pages.first().and_then(|p| p.questions.first());
    let ok = matches!(first, Some(Question { kind: QuestionKind::Single { options }, required: true, .. })
        if options.iter().any(|o| o.under_18));
    if !ok {
        diags.error(
            file,
            first.map_or(1, |q| q.line),
            "the first question is not a required age band with an under-18 option",
            "start the survey with a required single-choice age question, marking the under-18 option with under_18 = true",
        );
    }
}

/// `safety = true` belongs on the options of a choice question, never on a
/// matrix row (a row is not an answer).
pub fn check_safety_flags(file: &Path, pages: &[Page], diags: &mut Diagnostics) {
    for q in pages.iter().flat_map(|p| p.questions.iter()) {
        if let QuestionKind::Matrix { items, .. } = &q.kind
            && items.iter().any(|i| i.safety || i.under_18)
        {
            diags.error(
                file,
                q.line,
                format!("matrix question `{}` marks an item with safety or under_18", q.id),
                "put safety = true or under_18 = true on an option of a single or multiple choice question",
            );
        }
    }
}

/// Whether `item` (a question id, or `matrix.item`) can be scored.
fn numeric(seen: &BTreeMap<String, QuestionKind>, item: &str) -> bool {
    match item.split_once('.') {
        Some((q, it)) => {
            matches!(seen.get(q), Some(QuestionKind::Matrix { items, .. }) if items.iter().any(|c| c.id == it))
        }
        None => matches!(
            seen.get(item),
            Some(
                QuestionKind::Likert { .. }
                    | QuestionKind::Scale { .. }
                    | QuestionKind::Number { .. }
                    | QuestionKind::Single { .. }
            )
        ),
    }
}

pub fn score(
    file: &Path,
    line: usize,
    s: RawScore,
    seen: &BTreeMap<String, QuestionKind>,
    diags: &mut Diagnostics,
) -> Option<Score> {
    let method = match s.method.as_str() {
        "sum" => ScoreMethod::Sum,
        "mean" => ScoreMethod::Mean,
        other => {
            diags.error(
                file,
                line,
                format!("score method `{other}` is unknown"),
                "use method = \"sum\" or \"mean\"",
            );
            return None;
        }
    };
    let id = s.id.get_ref();
    let mut ok = true;
    for item in s.items.iter().filter(|i| !numeric(seen, i)) {
        ok = false;
        diags.error(
            file,
            line,
            format!("score `{id}` uses `{item}`, which is not a scored question"),
            "use likert, scale, number or single-choice question ids (options count 1, 2, 3… in order), or matrix items as question.item",
        );
    }
    for r in s.reverse.iter().filter(|r| !s.items.contains(r)) {
        ok = false;
        diags.error(
            file,
            line,
            format!("score `{id}` reverses `{r}`, which is not one of its items"),
            "list reversed items in items too",
        );
    }
    if s.items.is_empty() {
        ok = false;
        diags.error(
            file,
            line,
            format!("score `{id}` has no items"),
            "list the items it adds up",
        );
    }
    ok.then(|| Score {
        id: s.id.into_inner(),
        label: s.label,
        method,
        items: s.items,
        reverse: s.reverse,
    })
}
