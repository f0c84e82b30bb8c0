//! "Where do I start?" in another language: `<locale>/self-check.toml`
//! gives the words (title, intro, each question's text, hint and option
//! labels by id, and each rule's message in order). The questions, their
//! ids, the rules and the steps stay the default file's, so the same
//! answers give the same steps in every language.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::SelfCheck;
use crate::content::diag::{Diagnostics, line_of_offset, parse_toml};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWords {
    title: Option<String>,
    intro: Option<String>,
    /// One per `[[rule]]` of the default file, in order ("" for a rule
    /// without a message).
    messages: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    questions: BTreeMap<String, Spanned<RawQuestion>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    text: Option<String>,
    hint: Option<String>,
    #[serde(default)]
    options: BTreeMap<String, String>,
}

/// `default` in the words of `text` (from `file`); every problem goes to
/// `diags`, and whatever is missing stays in the default language (one
/// warning lists it).
pub fn localize_self_check(
    default: &SelfCheck,
    file: &Path,
    text: &str,
    diags: &mut Diagnostics,
) -> SelfCheck {
    let mut out = default.clone();
    let Some(raw) = parse_toml::<RawWords>(
        file,
        text,
        1,
        diags,
        "",
        "a translation of self-check.toml takes title, intro, messages and [questions.<id>] with text, hint and options (docs/content.md)",
    ) else {
        return out;
    };
    let mut missing = Vec::new();
    let mut put = |slot: &mut String, value: Option<String>, name: String| match value {
        Some(v) => *slot = v,
        None if !slot.is_empty() => missing.push(name),
        None => {}
    };
    put(&mut out.title, raw.title, "title".into());
    put(&mut out.intro, raw.intro, "intro".into());
    let mut questions = raw.questions;
    for q in &mut out.questions {
        let Some(words) = questions.remove(&q.id) else {
            put(&mut q.text, None, q.id.clone());
            continue;
        };
        let line = line_of_offset(text, words.span().start);
        let mut words = words.into_inner();
        put(&mut q.text, words.text.take(), format!("{}.text", q.id));
        put(&mut q.hint, words.hint.take(), format!("{}.hint", q.id));
        for o in &mut q.options {
            let label = words.options.remove(&o.id);
            put(&mut o.label, label, format!("{}.options.{}", q.id, o.id));
        }
        if !words.options.is_empty() {
            let ids: Vec<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
            let unknown: Vec<&str> = words.options.keys().map(String::as_str).collect();
            diags.error(
                file,
                line,
                format!("question `{}` has no options {}", q.id, unknown.join(", ")),
                format!("use the ids of self-check.toml: {}", ids.join(", ")),
            );
        }
    }
    let ids: Vec<&str> = default.questions.iter().map(|q| q.id.as_str()).collect();
    for id in questions.keys() {
        let line = text
            .lines()
            .position(|l| l.trim() == format!("[questions.{id}]"))
            .map_or(1, |i| i + 1);
        diags.error(
            file,
            line,
            format!("question `{id}` is not in self-check.toml"),
            format!("use the id of one of its questions: {}", ids.join(", ")),
        );
    }
    messages(file, text, &mut out, raw.messages, &mut missing, diags);
    if !missing.is_empty() {
        diags.warning(
            file,
            1,
            format!(
                "not translated, shown in the default language: {}",
                missing.join(", ")
            ),
            "add the words for each from self-check.toml",
        );
    }
    out
}

/// Each rule's message, in order.
fn messages(
    file: &Path,
    text: &str,
    out: &mut SelfCheck,
    raw: Option<Spanned<Vec<String>>>,
    missing: &mut Vec<String>,
    diags: &mut Diagnostics,
) {
    let Some(raw) = raw else {
        if out.rules.iter().any(|r| !r.message.is_empty()) {
            missing.push("messages".into());
        }
        return;
    };
    let line = line_of_offset(text, raw.span().start);
    let raw = raw.into_inner();
    if raw.len() != out.rules.len() {
        diags.error(
            file,
            line,
            format!(
                "messages lists {} texts; self-check.toml has {} rules",
                raw.len(),
                out.rules.len()
            ),
            "give one message per [[rule]] of self-check.toml, in order, with \"\" for a rule that has none",
        );
        return;
    }
    for (i, (rule, message)) in out.rules.iter_mut().zip(raw).enumerate() {
        match (rule.message.is_empty(), message.is_empty()) {
            (false, true) => missing.push(format!("messages[{i}]")),
            (true, false) => diags.error(
                file,
                line,
                format!(
                    "rule {} of self-check.toml has no message to translate",
                    i + 1
                ),
                "write \"\" in its place",
            ),
            _ => rule.message = message,
        }
    }
}
