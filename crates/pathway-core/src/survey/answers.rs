//! Answers to a survey page: decoded from a form, checked against the
//! definition (types, ranges, options, required, show-if), pure.

use std::collections::BTreeMap;

use super::{Choice, Question, QuestionKind, Survey};

/// One question's answer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "t", content = "v")]
pub enum Value {
    /// Single choice: the option id.
    Choice(String),
    /// Multiple choice: option ids, and the "other" text if given.
    Choices {
        ids: Vec<String>,
        other: Option<String>,
    },
    /// Likert: the 0-based point; scale: 0 to 10.
    Point(u8),
    Number(i64),
    Text(String),
    /// Matrix: item id to 0-based label index.
    Matrix(BTreeMap<String, u8>),
}

pub type Answers = BTreeMap<String, Value>;

/// A problem with one answer, as a Fluent key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerError {
    pub question: Option<String>,
    pub key: &'static str,
}

/// The form name of a question (and of a matrix item or "other" text).
pub fn field_name(question: &str) -> String {
    format!("q-{question}")
}

/// Whether `q` is shown, given the answers so far.
pub fn visible(q: &Question, answers: &Answers) -> bool {
    visible_over(q, answers, &Answers::new())
}

/// Whether `q` is shown, given `first` and then, for questions `first`
/// does not answer, `then` (without merging the two).
fn visible_over(q: &Question, first: &Answers, then: &Answers) -> bool {
    let Some(rule) = &q.show_if else { return true };
    let answer = first
        .get(&rule.question)
        .or_else(|| then.get(&rule.question));
    match answer {
        Some(Value::Choice(id)) => rule.any_of.contains(id),
        Some(Value::Choices { ids, .. }) => ids.iter().any(|id| rule.any_of.contains(id)),
        _ => false,
    }
}

/// Decodes and checks the answers to page `page` from form `pairs`
/// (already UTF-8 decoded). `earlier` holds the answers to earlier pages,
/// for show-if. Every readable answer is returned, even with errors.
pub fn check_page(
    survey: &Survey,
    page: usize,
    pairs: &[(String, String)],
    earlier: &Answers,
) -> (Answers, Vec<AnswerError>) {
    let mut out = Answers::new();
    let mut errors = Vec::new();
    let Some(page) = survey.pages.get(page) else {
        errors.push(AnswerError {
            question: None,
            key: "survey-error-page",
        });
        return (out, errors);
    };
    let mut fields: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (name, value) in pairs {
        fields
            .entry(name.as_str())
            .or_default()
            .push(value.as_str());
    }
    let mut known = Vec::new();
    for q in &page.questions {
        let name = field_name(&q.id);
        known.push(name.clone());
        if let QuestionKind::Matrix { items, .. } = &q.kind {
            known.extend(items.iter().map(|i| format!("{name}-{}", i.id)));
        }
        if let QuestionKind::Multiple { other: true, .. } = q.kind {
            known.push(format!("{name}-other"));
        }
        if !visible_over(q, &out, earlier) {
            continue;
        }
        match read(q, &name, &fields) {
            Ok(Some(v)) => {
                out.insert(q.id.clone(), v);
            }
            Ok(None) if q.required => errors.push(AnswerError {
                question: Some(q.id.clone()),
                key: "survey-error-required",
            }),
            Ok(None) => {}
            Err(key) => errors.push(AnswerError {
                question: Some(q.id.clone()),
                key,
            }),
        }
    }
    let control = ["token", "action", "page", "csrf", "website"];
    if fields
        .keys()
        .any(|k| !known.iter().any(|n| n == k) && !control.contains(k))
    {
        errors.push(AnswerError {
            question: None,
            key: "survey-error-unknown-field",
        });
    }
    (out, errors)
}

fn single<'a>(
    fields: &BTreeMap<&str, Vec<&'a str>>,
    name: &str,
) -> Result<Option<&'a str>, &'static str> {
    match fields.get(name).map(Vec::as_slice) {
        None | Some([]) => Ok(None),
        Some([v]) if v.trim().is_empty() => Ok(None),
        Some([v]) => Ok(Some(v)),
        Some(_) => Err("survey-error-repeated"),
    }
}

fn read(
    q: &Question,
    name: &str,
    fields: &BTreeMap<&str, Vec<&str>>,
) -> Result<Option<Value>, &'static str> {
    match &q.kind {
        QuestionKind::Single { options } => match single(fields, name)? {
            None => Ok(None),
            Some(v) if options.iter().any(|o| o.id == v) => Ok(Some(Value::Choice(v.to_string()))),
            Some(_) => Err("survey-error-option"),
        },
        QuestionKind::Multiple { options, other } => read_multiple(options, *other, name, fields),
        QuestionKind::Likert { labels } => point(
            single(fields, name)?,
            u8::try_from(labels.len())
                .unwrap_or(u8::MAX)
                .saturating_sub(1),
        ),
        QuestionKind::Scale { .. } => point(single(fields, name)?, 10),
        QuestionKind::Number { min, max } => match single(fields, name)? {
            None => Ok(None),
            Some(v) => match v.trim().parse::<i64>() {
                Ok(n) if (*min..=*max).contains(&n) => Ok(Some(Value::Number(n))),
                _ => Err("survey-error-number"),
            },
        },
        QuestionKind::ShortText { max_chars } | QuestionKind::LongText { max_chars } => {
            match single(fields, name)? {
                None => Ok(None),
                Some(v) if v.chars().count() > *max_chars => Err("survey-error-too-long"),
                // Contact details are removed as the answer is read, so
                // that they never reach a draft or a response.
                Some(v) => Ok(Some(Value::Text(super::scrub::scrub(
                    &v.replace("\r\n", "\n"),
                )))),
            }
        }
        QuestionKind::Matrix { items, labels } => read_matrix(items, labels.len(), name, fields),
    }
}

fn read_multiple(
    options: &[Choice],
    other: bool,
    name: &str,
    fields: &BTreeMap<&str, Vec<&str>>,
) -> Result<Option<Value>, &'static str> {
    let ids: Vec<String> = fields
        .get(name)
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(str::to_string)
        .collect();
    if ids.iter().any(|id| !options.iter().any(|o| &o.id == id)) {
        return Err("survey-error-option");
    }
    // An option given twice is not an answer a browser sends.
    let distinct: std::collections::BTreeSet<&String> = ids.iter().collect();
    if distinct.len() != ids.len() {
        return Err("survey-error-repeated");
    }
    let other_text = if other {
        single(fields, &format!("{name}-other"))?.map(super::scrub::scrub)
    } else {
        None
    };
    if other_text.as_ref().is_some_and(|t| t.chars().count() > 200) {
        return Err("survey-error-too-long");
    }
    Ok(
        (!ids.is_empty() || other_text.is_some()).then_some(Value::Choices {
            ids,
            other: other_text,
        }),
    )
}

fn read_matrix(
    items: &[Choice],
    label_count: usize,
    name: &str,
    fields: &BTreeMap<&str, Vec<&str>>,
) -> Result<Option<Value>, &'static str> {
    let mut rows = BTreeMap::new();
    for item in items {
        if let Some(v) = single(fields, &format!("{name}-{}", item.id))? {
            match v.parse::<u8>() {
                Ok(n) if usize::from(n) < label_count => {
                    rows.insert(item.id.clone(), n);
                }
                _ => return Err("survey-error-option"),
            }
        }
    }
    Ok((!rows.is_empty()).then_some(Value::Matrix(rows)))
}

fn point(v: Option<&str>, max: u8) -> Result<Option<Value>, &'static str> {
    match v {
        None => Ok(None),
        Some(v) => match v.parse::<u8>() {
            Ok(n) if n <= max => Ok(Some(Value::Point(n))),
            _ => Err("survey-error-option"),
        },
    }
}
