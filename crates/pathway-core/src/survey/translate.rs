//! A survey in another language: `<locale>/surveys/<id>.toml` gives the
//! words (title, introduction, consent, page titles, and each question's
//! text, help, options, items and labels) keyed by the ids of the default
//! language's `surveys/<id>.toml`. The questions, their ids, kinds, order,
//! rules and scores stay the default's, so answers from every language
//! land in the same columns; and the translation is not part of the
//! version's hash, so a change of wording in one language never changes
//! the published version's questions.
//!
//! Anything the file leaves out is shown in the default language (one
//! warning lists what); an id the default does not have, or a list of
//! labels or page titles of another length, is an error.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{Choice, QuestionKind, Survey};
use crate::content::diag::{Diagnostics, line_of_key, line_of_offset, parse_toml};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTexts {
    /// The version of the default survey these words were written for.
    version: Spanned<u32>,
    title: Option<String>,
    introduction: Option<String>,
    consent: Option<String>,
    pages: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    questions: BTreeMap<String, Spanned<RawQuestion>>,
    #[serde(default)]
    scores: BTreeMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    text: Option<String>,
    help: Option<String>,
    #[serde(default)]
    options: BTreeMap<String, String>,
    #[serde(default)]
    items: BTreeMap<String, String>,
    labels: Option<Vec<String>>,
    min_label: Option<String>,
    max_label: Option<String>,
}

/// What one file reports against: its path and text.
struct Cx<'a> {
    file: &'a Path,
    text: &'a str,
    default: &'a Path,
}

impl Cx<'_> {
    fn line<T>(&self, s: &Spanned<T>) -> usize {
        line_of_offset(self.text, s.span().start)
    }

    fn error(&self, diags: &mut Diagnostics, line: usize, what: String, fix: String) {
        diags.error(self.file, line, what, fix);
    }
}

/// `default` in the words of the translation `text` (from `file`); every
/// problem goes to `diags`. Returns `default` unchanged when the file
/// cannot be parsed.
pub fn localize_survey(
    default: &Survey,
    file: &Path,
    text: &str,
    diags: &mut Diagnostics,
) -> Survey {
    let mut out = default.clone();
    let Some(raw) = parse_toml::<RawTexts>(
        file,
        text,
        1,
        diags,
        "",
        "a survey translation takes version, title, introduction, consent, pages, [questions.<id>] and [scores] (docs/content.md)",
    ) else {
        return out;
    };
    let cx = Cx {
        file,
        text,
        default: &default.file,
    };
    let mut missing = Vec::new();
    if *raw.version.get_ref() != default.version {
        diags.warning(
            file,
            cx.line(&raw.version),
            format!(
                "these words were written for version {} of the survey; it is now version {}",
                raw.version.get_ref(),
                default.version
            ),
            "compare the questions with the default language's file, then set version to the current one",
        );
    }
    put(&mut out.title, raw.title, "title", &mut missing);
    put(
        &mut out.introduction,
        raw.introduction,
        "introduction",
        &mut missing,
    );
    put(&mut out.consent, raw.consent, "consent", &mut missing);
    page_titles(&cx, &mut out, raw.pages, &mut missing, diags);
    questions(&cx, &mut out, raw.questions, &mut missing, diags);
    scores(&cx, &mut out, raw.scores, &mut missing, diags);
    if !missing.is_empty() {
        diags.warning(
            file,
            1,
            format!(
                "not translated, shown in the default language: {}",
                missing.join(", ")
            ),
            format!("add the words for each from {}", default.file.display()),
        );
    }
    out
}

/// Replaces `slot` with `value`, or notes `name` as missing.
fn put(slot: &mut String, value: Option<String>, name: &str, missing: &mut Vec<String>) {
    match value {
        Some(v) => *slot = v,
        None if !slot.is_empty() => missing.push(name.to_string()),
        None => {}
    }
}

fn page_titles(
    cx: &Cx<'_>,
    s: &mut Survey,
    titles: Option<Spanned<Vec<String>>>,
    missing: &mut Vec<String>,
    diags: &mut Diagnostics,
) {
    let Some(titles) = titles else {
        missing.push("pages".into());
        return;
    };
    if titles.get_ref().len() != s.pages.len() {
        cx.error(
            diags,
            cx.line(&titles),
            format!(
                "pages lists {} titles; the survey has {} pages",
                titles.get_ref().len(),
                s.pages.len()
            ),
            format!(
                "give one title per [[page]] of {}, in order",
                cx.default.display()
            ),
        );
        return;
    }
    for (page, title) in s.pages.iter_mut().zip(titles.into_inner()) {
        page.title = title;
    }
}

fn questions(
    cx: &Cx<'_>,
    s: &mut Survey,
    raw: BTreeMap<String, Spanned<RawQuestion>>,
    missing: &mut Vec<String>,
    diags: &mut Diagnostics,
) {
    let known: Vec<String> = s.questions().map(|q| q.id.clone()).collect();
    for id in raw.keys().filter(|id| !known.contains(id)) {
        let line = header_line(cx.text, id).unwrap_or(1);
        cx.error(
            diags,
            line,
            format!("question `{id}` is not in {}", cx.default.display()),
            format!("use the id of one of its questions: {}", known.join(", ")),
        );
    }
    let mut raw = raw;
    for q in s.pages.iter_mut().flat_map(|p| p.questions.iter_mut()) {
        let Some(words) = raw.remove(&q.id) else {
            missing.push(q.id.clone());
            continue;
        };
        let line = cx.line(&words);
        let mut words = words.into_inner();
        let before = missing.len();
        put(&mut q.text, words.text.take(), "text", missing);
        if let Some(help) = words.help.take() {
            q.help = help;
        }
        kind_words(cx, line, &q.id, &mut q.kind, words, missing, diags);
        // Name the question, not only the part, in the warning.
        for m in &mut missing[before..] {
            *m = format!("{}.{m}", q.id);
        }
    }
}

/// The line of `[questions.<id>]` in `text`.
fn header_line(text: &str, id: &str) -> Option<usize> {
    let header = format!("[questions.{id}]");
    let quoted = format!("[questions.\"{id}\"]");
    text.lines()
        .position(|l| {
            let t = l.trim();
            t == header || t == quoted
        })
        .map(|i| i + 1)
}

/// The words of a question's options, items and labels.
fn kind_words(
    cx: &Cx<'_>,
    line: usize,
    qid: &str,
    kind: &mut QuestionKind,
    words: RawQuestion,
    missing: &mut Vec<String>,
    diags: &mut Diagnostics,
) {
    let (options, items, labels) = match kind {
        QuestionKind::Single { options } | QuestionKind::Multiple { options, .. } => {
            (Some(options), None, None)
        }
        QuestionKind::Matrix { items, labels } => (None, Some(items), Some(labels)),
        QuestionKind::Likert { labels } => (None, None, Some(labels)),
        QuestionKind::Scale {
            min_label,
            max_label,
        } => {
            put(min_label, words.min_label, "min_label", missing);
            put(max_label, words.max_label, "max_label", missing);
            (None, None, None)
        }
        _ => (None, None, None),
    };
    choices(
        cx,
        line,
        qid,
        "options",
        options,
        words.options,
        missing,
        diags,
    );
    choices(cx, line, qid, "items", items, words.items, missing, diags);
    match (labels, words.labels) {
        (Some(have), Some(new)) if have.len() == new.len() => *have = new,
        (Some(have), Some(new)) => cx.error(
            diags,
            line,
            format!(
                "question `{qid}` has {} labels here and {} in the default language",
                new.len(),
                have.len()
            ),
            "translate each label, keeping their number and order".into(),
        ),
        (Some(_), None) => missing.push("labels".into()),
        (None, Some(_)) => cx.error(
            diags,
            line,
            format!("question `{qid}` has no labels to translate"),
            "remove labels from this question".into(),
        ),
        (None, None) => {}
    }
}

/// Gives each choice in `have` its word from `new` (by id); `what` is
/// "options" or "items".
#[allow(clippy::too_many_arguments)]
fn choices(
    cx: &Cx<'_>,
    line: usize,
    qid: &str,
    what: &str,
    have: Option<&mut Vec<Choice>>,
    mut new: BTreeMap<String, String>,
    missing: &mut Vec<String>,
    diags: &mut Diagnostics,
) {
    let mut none = Vec::new();
    let have = have.unwrap_or(&mut none);
    for c in have.iter_mut() {
        match new.remove(&c.id) {
            Some(label) => c.label = label,
            None => missing.push(format!("{what}.{}", c.id)),
        }
    }
    if !new.is_empty() {
        let ids: Vec<&str> = have.iter().map(|c| c.id.as_str()).collect();
        let unknown: Vec<&str> = new.keys().map(String::as_str).collect();
        cx.error(
            diags,
            line,
            format!("question `{qid}` has no {what} {}", unknown.join(", ")),
            if ids.is_empty() {
                format!("remove {what} from this question")
            } else {
                format!("use the default language's ids: {}", ids.join(", "))
            },
        );
    }
}

fn scores(
    cx: &Cx<'_>,
    s: &mut Survey,
    mut raw: BTreeMap<String, String>,
    missing: &mut Vec<String>,
    diags: &mut Diagnostics,
) {
    for score in &mut s.scores {
        match raw.remove(&score.id) {
            Some(label) => score.label = label,
            None => missing.push(format!("scores.{}", score.id)),
        }
    }
    for id in raw.keys() {
        let ids: Vec<&str> = s.scores.iter().map(|x| x.id.as_str()).collect();
        cx.error(
            diags,
            line_of_key(cx.text, id).unwrap_or(1),
            format!("score `{id}` is not in {}", cx.default.display()),
            format!("use one of the survey's score ids: {}", ids.join(", ")),
        );
    }
}
