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
    /// The language it was given in (a tag such as `cy`).
    pub locale: String,
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
pub fn columns<'r>(
    survey: &Survey,
    responses: impl IntoIterator<Item = &'r StoredResponse>,
) -> Vec<Column> {
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
        .into_iter()
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

const FIXED: [&str; 6] = [
    "response",
    "version",
    "submitted_on",
    "locale",
    "content_version",
    "series",
];

/// The key of one export's `series` column: a fresh random key per export
/// (from the caller; the core has no randomness), so that the column links
/// a baseline to its follow-up inside one export, but a code found on a
/// device cannot be matched against any export, and two exports cannot be
/// joined on it.
#[derive(Clone)]
pub struct SeriesKey([u8; 32]);

impl SeriesKey {
    pub fn new(key: [u8; 32]) -> Self {
        Self(key)
    }

    /// A fresh random key (for one export).
    pub fn fresh() -> Result<Self, super::code::NoRandomness> {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).map_err(|e| super::code::NoRandomness(e.to_string()))?;
        Ok(Self(key))
    }

    /// HMAC-SHA-256 of a stored series hash, in hex (first 128 bits).
    fn mark(&self, series_hash: &str) -> String {
        use hmac::Mac;
        let Ok(mut mac) = hmac::Hmac::<sha2::Sha256>::new_from_slice(&self.0) else {
            return String::new();
        };
        mac.update(series_hash.as_bytes());
        mac.finalize().into_bytes()[..16]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

impl std::fmt::Debug for SeriesKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SeriesKey(..)")
    }
}

fn cells(survey: &Survey, columns: &[Column], key: &SeriesKey, r: &StoredResponse) -> Vec<String> {
    let mut row = vec![
        r.id.to_string(),
        r.version.to_string(),
        r.submitted_on.clone(),
        r.locale.clone(),
        r.content_hash.clone(),
        r.series_code_hash
            .as_deref()
            .map(|h| key.mark(h))
            .unwrap_or_default(),
    ];
    // One index of the response's answers, so that each column is a lookup.
    let by_cell: std::collections::HashMap<(&str, &str), &str> = r
        .answers
        .iter()
        .map(|(q, i, v)| ((q.as_str(), i.as_str()), v.as_str()))
        .collect();
    let answered: BTreeSet<&str> = r.answers.iter().map(|(q, _, _)| q.as_str()).collect();
    for c in columns.iter().filter(|c| !c.score) {
        let stored = by_cell.get(&(c.question.as_str(), c.item.as_str()));
        let multiple = matches!(
            survey.question(&c.question).map(|q| &q.kind),
            Some(QuestionKind::Multiple { .. })
        ) && c.item != "other";
        row.push(match stored {
            Some(v) => (*v).to_string(),
            None if multiple && answered.contains(c.question.as_str()) => "0".into(),
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

/// A CSV cell that a spreadsheet would run as a formula (it starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return, and is not a plain
/// number) gets a leading apostrophe, so it is shown as text.
pub fn neutralise(cell: String) -> String {
    let risky = cell
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    if risky && cell.trim().parse::<f64>().is_err() {
        format!("'{cell}")
    } else {
        cell
    }
}

/// A CSV export written in pieces (so that a large one can be streamed):
/// the header, then any number of chunks of rows.
pub struct CsvExport<'a> {
    survey: &'a Survey,
    columns: Vec<Column>,
    key: SeriesKey,
}

impl<'a> CsvExport<'a> {
    /// The export of `responses` (their columns) under `key`.
    pub fn new<'r>(
        survey: &'a Survey,
        responses: impl IntoIterator<Item = &'r StoredResponse>,
        key: SeriesKey,
    ) -> Self {
        Self {
            survey,
            columns: columns(survey, responses),
            key,
        }
    }

    pub fn header(&self) -> Result<Vec<u8>, csv::Error> {
        let header = FIXED
            .iter()
            .map(|s| s.to_string())
            .chain(self.columns.iter().map(Column::name))
            .map(neutralise);
        write_records(std::iter::once(header.collect()))
    }

    /// The rows of `responses`, as CSV.
    pub fn rows<'r>(
        &self,
        responses: impl IntoIterator<Item = &'r StoredResponse>,
    ) -> Result<Vec<u8>, csv::Error> {
        write_records(responses.into_iter().map(|r| {
            cells(self.survey, &self.columns, &self.key, r)
                .into_iter()
                .map(neutralise)
                .collect()
        }))
    }
}

fn write_records(records: impl Iterator<Item = Vec<String>>) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in records {
        w.write_record(&r)?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// CSV: a header, then one row per response.
pub fn to_csv(
    survey: &Survey,
    responses: &[StoredResponse],
    key: SeriesKey,
) -> Result<String, csv::Error> {
    let export = CsvExport::new(survey, responses, key);
    let mut bytes = export.header()?;
    bytes.extend(export.rows(responses)?);
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// JSON: an array of objects keyed like the CSV header.
pub fn to_json(survey: &Survey, responses: &[StoredResponse], key: &SeriesKey) -> Json {
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
                    .zip(
                        cells(survey, &columns, key, r)
                            .into_iter()
                            .map(Json::String),
                    )
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
        "fixed_columns": {"response": "response number", "version": "survey version answered", "submitted_on": "date only (no time of day)", "locale": "the language the survey was answered in (a BCP 47 tag, such as cy for Welsh); the questions and codes are the same in every language", "content_version": "hash of the programme the person followed", "series": "links a baseline to its follow-up within this export only (keyed afresh for each export)"},
        "questions": questions,
        "scores": scores,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_formulas_are_neutralised_but_numbers_kept() {
        for (cell, out) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("-5", "-5"),
            ("2.5", "2.5"),
            ("Talking helped", "Talking helped"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell.to_string()), out, "{cell:?}");
        }
    }

    #[test]
    fn the_series_column_is_keyed_per_export() {
        let a = SeriesKey::new([1; 32]);
        let b = SeriesKey::new([2; 32]);
        let h = "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8";
        assert_eq!(a.mark(h), a.mark(h), "linked within one export");
        assert_ne!(a.mark(h), b.mark(h), "not across exports");
        assert!(!a.mark(h).contains(&h[..16]));
        assert_eq!(a.mark(h).len(), 32);
    }
}
