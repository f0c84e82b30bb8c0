//! Parsing and checking a survey definition, every problem with its line.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::Spanned;

use super::rules;
use super::{Choice, Page, Question, QuestionKind, Series, ShowIf, Survey};
use crate::content::diag::{Diagnostics, line_of_offset, parse_toml};
use crate::content::site::is_identifier;

const DEFAULT_SHORT: usize = 200;
const DEFAULT_LONG: usize = 4000;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSurvey {
    id: Spanned<String>,
    title: String,
    version: u32,
    introduction: String,
    consent: String,
    #[serde(default)]
    minutes: Option<u32>,
    #[serde(default)]
    quick: bool,
    #[serde(default)]
    baseline: bool,
    #[serde(default)]
    follow_up_of: Option<Spanned<String>>,
    #[serde(default)]
    follow_up_weeks: Option<u32>,
    #[serde(default, rename = "page")]
    pages: Vec<RawPage>,
    #[serde(default, rename = "score")]
    scores: Vec<RawScore>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPage {
    title: String,
    #[serde(default, rename = "question")]
    questions: Vec<RawQuestion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    id: String,
    label: String,
    #[serde(default)]
    under_18: bool,
    #[serde(default)]
    safety: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawShowIf {
    question: String,
    any_of: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    #[serde(rename = "type")]
    kind: String,
    text: String,
    #[serde(default)]
    help: String,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    options: Vec<RawChoice>,
    #[serde(default)]
    other: bool,
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    items: Vec<RawChoice>,
    #[serde(default)]
    min_label: Option<String>,
    #[serde(default)]
    max_label: Option<String>,
    #[serde(default)]
    min: Option<i64>,
    #[serde(default)]
    max: Option<i64>,
    #[serde(default)]
    max_chars: Option<usize>,
    #[serde(default)]
    show_if: Option<Spanned<RawShowIf>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScore {
    pub(super) id: Spanned<String>,
    pub(super) label: String,
    pub(super) method: String,
    pub(super) items: Vec<String>,
    #[serde(default)]
    pub(super) reverse: Vec<String>,
}

struct Ctx<'a> {
    file: &'a Path,
    text: &'a str,
}

impl Ctx<'_> {
    fn line<T>(&self, s: &Spanned<T>) -> usize {
        line_of_offset(self.text, s.span().start)
    }
}

/// Parses and checks one survey file.
pub fn parse_survey(file: &Path, text: &str, diags: &mut Diagnostics) -> Option<Survey> {
    let raw: RawSurvey = parse_toml(
        file,
        text,
        1,
        diags,
        "",
        "see docs/content.md for every key a survey takes",
    )?;
    let cx = Ctx { file, text };
    let before = diags.error_count();
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if raw.id.get_ref() != stem || !is_identifier(raw.id.get_ref()) {
        diags.error(
            file,
            cx.line(&raw.id),
            format!(
                "survey id `{}` does not match its file name `{stem}.toml`",
                raw.id.get_ref()
            ),
            "use lower-case letters, digits and dashes, and name the file after the id",
        );
    }
    let series = series(&cx, &raw, diags);
    let mut seen: BTreeMap<String, QuestionKind> = BTreeMap::new();
    let pages = pages(&cx, raw.pages, &mut seen, diags);
    if pages.is_empty() {
        diags.error(
            file,
            1,
            "the survey has no pages",
            "add [[page]] tables with [[page.question]] inside",
        );
    }
    if !raw.quick {
        rules::check_age_band(file, &pages, diags);
    }
    rules::check_safety_flags(file, &pages, diags);
    rules::check_minutes(file, raw.minutes, &pages, diags);
    let scores = raw
        .scores
        .into_iter()
        .filter_map(|s| {
            let line = cx.line(&s.id);
            rules::score(file, line, s, &seen, diags)
        })
        .collect();
    if diags.error_count() > before {
        return None;
    }
    Some(Survey {
        id: raw.id.into_inner(),
        title: raw.title,
        version: raw.version,
        introduction: raw.introduction,
        consent: raw.consent,
        minutes: raw.minutes,
        quick: raw.quick,
        series,
        pages,
        scores,
        file: file.to_path_buf(),
        hash: format!("{:x}", Sha256::digest(text.as_bytes())),
    })
}

/// The pages and their questions; `seen` gathers every question's kind.
fn pages(
    cx: &Ctx<'_>,
    raw: Vec<RawPage>,
    seen: &mut BTreeMap<String, QuestionKind>,
    diags: &mut Diagnostics,
) -> Vec<Page> {
    let mut pages = Vec::new();
    for page in raw {
        let mut questions = Vec::new();
        for q in page.questions {
            if let Some(q) = question(cx, q, seen, diags) {
                seen.insert(q.id.clone(), q.kind.clone());
                questions.push(q);
            }
        }
        if questions.is_empty() {
            diags.error(
                cx.file,
                1,
                format!("the page `{}` has no questions", page.title),
                "add [[page.question]] tables, or remove the page",
            );
        }
        pages.push(Page {
            title: page.title,
            questions,
        });
    }
    pages
}

fn series(cx: &Ctx<'_>, raw: &RawSurvey, diags: &mut Diagnostics) -> Option<Series> {
    match (&raw.follow_up_of, raw.follow_up_weeks, raw.baseline) {
        (None, None, false) => None,
        (None, None, true) => Some(Series::Baseline),
        (Some(of), Some(weeks), false) if weeks > 0 => Some(Series::FollowUp {
            of: of.get_ref().clone(),
            after_weeks: weeks,
        }),
        _ => {
            diags.error(
                cx.file,
                raw.follow_up_of.as_ref().map_or(1, |s| cx.line(s)),
                "the survey's series is not clear",
                "write either baseline = true, or follow_up_of = \"baseline-id\" with follow_up_weeks = N (N > 0)",
            );
            None
        }
    }
}

fn choices(
    cx: &Ctx<'_>,
    line: usize,
    qid: &str,
    raw: Vec<RawChoice>,
    what: &str,
    diags: &mut Diagnostics,
) -> Vec<Choice> {
    if raw.is_empty() {
        diags.error(
            cx.file,
            line,
            format!("question `{qid}` has no {what}"),
            format!("list its {what} as {{ id = \"...\", label = \"...\" }}"),
        );
    }
    let mut ids = BTreeSet::new();
    raw.into_iter()
        .filter_map(|c| {
            if !is_identifier(&c.id) || c.label.trim().is_empty() {
                diags.error(
                    cx.file,
                    line,
                    format!(
                        "question `{qid}` has an option without a valid id and label (`{}`)",
                        c.id
                    ),
                    "give every option an id of lower-case letters, digits and dashes, and a label",
                );
                return None;
            }
            if !ids.insert(c.id.clone()) {
                diags.error(
                    cx.file,
                    line,
                    format!("question `{qid}` has the option id `{}` twice", c.id),
                    "give every option its own id",
                );
                return None;
            }
            Some(Choice {
                id: c.id,
                label: c.label,
                under_18: c.under_18,
                safety: c.safety,
            })
        })
        .collect()
}

fn question(
    cx: &Ctx<'_>,
    mut q: RawQuestion,
    seen: &BTreeMap<String, QuestionKind>,
    diags: &mut Diagnostics,
) -> Option<Question> {
    let line = cx.line(&q.id);
    let id = q.id.get_ref().clone();
    let before = diags.error_count();
    if !is_identifier(&id) {
        diags.error(
            cx.file,
            line,
            format!("question id `{id}` is not valid"),
            "use lower-case letters, digits and dashes",
        );
    }
    if seen.contains_key(&id) {
        diags.error(
            cx.file,
            line,
            format!("question id `{id}` is used twice"),
            "give every question its own id",
        );
    }
    let kind = question_kind(cx, line, &id, &mut q, diags)?;
    let show_if = q.show_if.and_then(|s| show_if(cx, &id, s, seen, diags));
    (diags.error_count() == before).then_some(Question {
        id,
        text: q.text,
        help: q.help,
        required: q.required,
        kind,
        show_if,
        line,
    })
}

/// A scale (0 to 10 with labelled ends) or a number (with a range).
fn ends(
    cx: &Ctx<'_>,
    line: usize,
    id: &str,
    q: &mut RawQuestion,
    diags: &mut Diagnostics,
) -> Option<QuestionKind> {
    let kind = match q.kind.as_str() {
        "scale" => match (q.min_label.take(), q.max_label.take()) {
            (Some(min_label), Some(max_label)) => QuestionKind::Scale {
                min_label,
                max_label,
            },
            _ => {
                diags.error(
                    cx.file,
                    line,
                    format!("scale question `{id}` needs min_label and max_label"),
                    "label both ends of the 0 to 10 scale",
                );
                return None;
            }
        },
        "number" => match (q.min, q.max) {
            (Some(min), Some(max)) if min < max => QuestionKind::Number { min, max },
            _ => {
                diags.error(
                    cx.file,
                    line,
                    format!("number question `{id}` needs min < max"),
                    "write min = ... and max = ..., with min smaller",
                );
                return None;
            }
        },
        _ => return None,
    };
    Some(kind)
}

/// The question's type and what it needs.
fn question_kind(
    cx: &Ctx<'_>,
    line: usize,
    id: &str,
    q: &mut RawQuestion,
    diags: &mut Diagnostics,
) -> Option<QuestionKind> {
    let kind = match q.kind.as_str() {
        "single" => QuestionKind::Single {
            options: choices(
                cx,
                line,
                id,
                std::mem::take(&mut q.options),
                "options",
                diags,
            ),
        },
        "multiple" => QuestionKind::Multiple {
            options: choices(
                cx,
                line,
                id,
                std::mem::take(&mut q.options),
                "options",
                diags,
            ),
            other: q.other,
        },
        "likert" => {
            if q.labels.len() != 5 && q.labels.len() != 7 {
                diags.error(
                    cx.file,
                    line,
                    format!("likert question `{id}` has {} labels", q.labels.len()),
                    "label every point of a 5- or 7-point scale",
                );
            }
            QuestionKind::Likert {
                labels: std::mem::take(&mut q.labels),
            }
        }
        "scale" | "number" => return ends(cx, line, id, q, diags),
        "short-text" => QuestionKind::ShortText {
            max_chars: q.max_chars.unwrap_or(DEFAULT_SHORT),
        },
        "long-text" => QuestionKind::LongText {
            max_chars: q.max_chars.unwrap_or(DEFAULT_LONG),
        },
        "matrix" => {
            if q.labels.len() < 2 {
                diags.error(
                    cx.file,
                    line,
                    format!("matrix question `{id}` needs at least two scale labels"),
                    "write labels = [\"...\", \"...\"]",
                );
            }
            QuestionKind::Matrix {
                items: choices(cx, line, id, std::mem::take(&mut q.items), "items", diags),
                labels: std::mem::take(&mut q.labels),
            }
        }
        other => {
            diags.error(
                cx.file,
                line,
                format!("question `{id}` has unknown type `{other}`"),
                "use single, multiple, likert, scale, number, short-text, long-text or matrix",
            );
            return None;
        }
    };
    Some(kind)
}

fn show_if(
    cx: &Ctx<'_>,
    id: &str,
    s: Spanned<RawShowIf>,
    seen: &BTreeMap<String, QuestionKind>,
    diags: &mut Diagnostics,
) -> Option<ShowIf> {
    let line = cx.line(&s);
    let s = s.into_inner();
    let options = match seen.get(&s.question) {
        Some(QuestionKind::Single { options } | QuestionKind::Multiple { options, .. }) => options,
        Some(_) => {
            diags.error(
                cx.file,
                line,
                format!(
                    "`{id}` depends on `{}`, which is not a choice question",
                    s.question
                ),
                "show_if can only depend on a single or multiple choice question",
            );
            return None;
        }
        None => {
            diags.error(
                cx.file,
                line,
                format!(
                    "`{id}` depends on `{}`, which is not an earlier question",
                    s.question
                ),
                "show_if must name a question that comes before this one",
            );
            return None;
        }
    };
    for o in &s.any_of {
        if !options.iter().any(|c| &c.id == o) {
            diags.error(
                cx.file,
                line,
                format!(
                    "`{id}` depends on option `{o}`, which `{}` does not have",
                    s.question
                ),
                "use one of that question's option ids",
            );
        }
    }
    if s.any_of.is_empty() {
        diags.error(
            cx.file,
            line,
            format!("`{id}` has show_if without any_of"),
            "list the options that show this question",
        );
    }
    Some(ShowIf {
        question: s.question,
        any_of: s.any_of,
    })
}
