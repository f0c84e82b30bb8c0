//! Storage encoding of answers, and the export: one row per response, one
//! column per question (per option for multiple choice, per item for a
//! matrix), with a codebook. Old versions export correctly because answers
//! are stored per question, not per position.

use std::collections::BTreeSet;

use serde_json::{Value as Json, json};

use super::answers::{Answers, Value};
use super::scrub::scrub;
use super::{QuestionKind, Survey};

/// A stored response, as the export reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    pub id: i64,
    pub version: i64,
    pub content_hash: String,
    pub series_code_hash: Option<String>,
    pub submitted_on: String,
    /// (question, item, value)
    pub answers: Vec<(String, String, String)>,
}

/// Answers as stored rows (question, item, value). Free text is scrubbed of
/// contact details here, before it can reach the store.
pub fn rows(survey: &Survey, answers: &Answers) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for q in survey.questions() {
        let Some(v) = answers.get(&q.id) else {
            continue;
        };
        let id = q.id.clone();
        match (v, &q.kind) {
            (Value::Choice(c), _) => out.push((id, String::new(), c.clone())),
            (Value::Choices { ids, other }, _) => {
                for o in ids {
                    out.push((id.clone(), o.clone(), "1".into()));
                }
                if let Some(text) = other {
                    out.push((id, "other".into(), scrub(text)));
                }
            }
            // Likert points are stored 1-based, as analysts expect.
            (Value::Point(n), QuestionKind::Likert { .. }) => {
                out.push((id, String::new(), (n + 1).to_string()))
            }
            (Value::Point(n), _) => out.push((id, String::new(), n.to_string())),
            (Value::Number(n), _) => out.push((id, String::new(), n.to_string())),
            (Value::Text(t), _) => out.push((id, String::new(), scrub(t))),
            (Value::Matrix(m), _) => {
                for (item, n) in m {
                    out.push((id.clone(), item.clone(), (n + 1).to_string()));
                }
            }
        }
    }
    out
}

/// An export column: `question` or `question.item`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Column {
    pub question: String,
    pub item: String,
    /// A computed score (`question` is "score", `item` the score's id).
    pub score: bool,
}

impl Column {
    pub fn name(&self) -> String {
        if self.item.is_empty() {
            self.question.clone()
        } else {
            format!("{}.{}", self.question, self.item)
        }
    }
}

/// Columns of the current definition, then any that only older versions
/// stored.
pub fn columns(survey: &Survey, responses: &[StoredResponse]) -> Vec<Column> {
    let col = |q: &str, i: &str| Column {
        question: q.to_string(),
        item: i.to_string(),
        score: false,
    };
    let mut out = Vec::new();
    for q in survey.questions() {
        match &q.kind {
            QuestionKind::Multiple { options, other } => {
                out.extend(options.iter().map(|o| col(&q.id, &o.id)));
                if *other {
                    out.push(col(&q.id, "other"));
                }
            }
            QuestionKind::Matrix { items, .. } => {
                out.extend(items.iter().map(|i| col(&q.id, &i.id)))
            }
            _ => out.push(col(&q.id, "")),
        }
    }
    let known: BTreeSet<Column> = out.iter().cloned().collect();
    let extra: BTreeSet<Column> = responses
        .iter()
        .flat_map(|r| r.answers.iter().map(|(q, i, _)| col(q, i)))
        .filter(|c| !known.contains(c))
        .collect();
    out.extend(extra);
    // Scores last, computed from the answers (see `scores`).
    out.extend(survey.scores.iter().map(|s| Column {
        question: "score".into(),
        item: s.id.clone(),
        score: true,
    }));
    out
}

const FIXED: [&str; 5] = [
    "response",
    "version",
    "submitted_on",
    "content_version",
    "series",
];

fn cells(survey: &Survey, columns: &[Column], r: &StoredResponse) -> Vec<String> {
    let mut row = vec![
        r.id.to_string(),
        r.version.to_string(),
        r.submitted_on.clone(),
        r.content_hash.clone(),
        r.series_code_hash.clone().unwrap_or_default(),
    ];
    for c in columns.iter().filter(|c| !c.score) {
        let stored = r
            .answers
            .iter()
            .find(|(q, i, _)| q == &c.question && i == &c.item);
        let multiple = matches!(
            survey.question(&c.question).map(|q| &q.kind),
            Some(QuestionKind::Multiple { .. })
        ) && c.item != "other";
        let answered = r.answers.iter().any(|(q, _, _)| q == &c.question);
        row.push(match stored {
            Some((_, _, v)) => v.clone(),
            None if multiple && answered => "0".into(),
            None => String::new(),
        });
    }
    for s in &survey.scores {
        row.push(
            super::scores::score(survey, s, r)
                .map(super::scores::format)
                .unwrap_or_default(),
        );
    }
    row
}

/// CSV: a header, then one row per response.
pub fn to_csv(survey: &Survey, responses: &[StoredResponse]) -> Result<String, csv::Error> {
    let columns = columns(survey, responses);
    let mut w = csv::Writer::from_writer(Vec::new());
    let header: Vec<String> = FIXED
        .iter()
        .map(|s| s.to_string())
        .chain(columns.iter().map(Column::name))
        .collect();
    w.write_record(&header)?;
    for r in responses {
        w.write_record(cells(survey, &columns, r))?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// JSON: an array of objects keyed like the CSV header.
pub fn to_json(survey: &Survey, responses: &[StoredResponse]) -> Json {
    let columns = columns(survey, responses);
    let names: Vec<String> = FIXED
        .iter()
        .map(|s| s.to_string())
        .chain(columns.iter().map(Column::name))
        .collect();
    Json::Array(
        responses
            .iter()
            .map(|r| {
                let map = names
                    .iter()
                    .cloned()
                    .zip(cells(survey, &columns, r).into_iter().map(Json::String))
                    .collect();
                Json::Object(map)
            })
            .collect(),
    )
}

/// What every column means: question texts, codes and the version.
pub fn codebook(survey: &Survey) -> Json {
    let questions: Vec<Json> = survey
        .questions()
        .map(|q| {
            let (kind, codes) = match &q.kind {
                QuestionKind::Single { options } => ("single", json!(options.iter().map(|o| (o.id.clone(), o.label.clone())).collect::<std::collections::BTreeMap<_, _>>())),
                QuestionKind::Multiple { options, other } => ("multiple (1 = ticked, 0 = not ticked)", json!({"options": options.iter().map(|o| (o.id.clone(), o.label.clone())).collect::<std::collections::BTreeMap<_, _>>(), "other": other})),
                QuestionKind::Likert { labels } => ("likert (1-based)", json!(labels.iter().enumerate().map(|(i, l)| ((i + 1).to_string(), l.clone())).collect::<std::collections::BTreeMap<_, _>>())),
                QuestionKind::Scale { min_label, max_label } => ("scale 0-10", json!({"0": min_label, "10": max_label})),
                QuestionKind::Number { min, max } => ("number", json!({"min": min, "max": max})),
                QuestionKind::ShortText { .. } => ("short text (contact details removed)", Json::Null),
                QuestionKind::LongText { .. } => ("long text (contact details removed)", Json::Null),
                QuestionKind::Matrix { items, labels } => ("matrix (1-based)", json!({"items": items.iter().map(|o| (o.id.clone(), o.label.clone())).collect::<std::collections::BTreeMap<_, _>>(), "labels": labels.iter().enumerate().map(|(i, l)| ((i + 1).to_string(), l.clone())).collect::<std::collections::BTreeMap<_, _>>()})),
            };
            json!({"id": q.id, "text": q.text, "type": kind, "codes": codes, "required": q.required, "show_if": q.show_if.as_ref().map(|s| json!({"question": s.question, "any_of": s.any_of}))})
        })
        .collect();
    let scores: Vec<Json> = survey
        .scores
        .iter()
        .map(|s| json!({"id": s.id, "column": format!("score.{}", s.id), "when_missing": "empty if any item is unanswered", "label": s.label, "method": match s.method { super::ScoreMethod::Sum => "sum", super::ScoreMethod::Mean => "mean" }, "items": s.items, "reverse": s.reverse}))
        .collect();
    json!({
        "survey": survey.id,
        "title": survey.title,
        "version": survey.version,
        "definition_sha256": survey.hash,
        "fixed_columns": {"response": "response number", "version": "survey version answered", "submitted_on": "date only (no time of day)", "content_version": "hash of the programme the person followed", "series": "hash of the person's own series code, linking a baseline to its follow-up"},
        "questions": questions,
        "scores": scores,
    })
}
