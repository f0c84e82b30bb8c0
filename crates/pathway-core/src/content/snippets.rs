//! `snippets.toml`: a small library of reply snippets practitioners start
//! their replies from (optional). Checked like the rest of the content:
//! every problem with its file, line and fix.

use std::path::Path;

use serde::Deserialize;

use super::diag::{Diagnostics, parse_toml};
use super::site::is_identifier;
use crate::message::MAX_MESSAGE_CHARS;

/// One reply snippet.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Snippet {
    pub id: String,
    /// What practitioners pick it by.
    pub title: String,
    /// The text put in the reply box (practitioners edit it before sending).
    pub text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSnippets {
    #[serde(default)]
    snippet: Vec<Snippet>,
}

/// Parses and checks `snippets.toml`; snippets with problems are left out
/// and each problem goes to `diags`.
pub fn parse_snippets(file: &Path, text: &str, diags: &mut Diagnostics) -> Vec<Snippet> {
    let Some(raw) = parse_toml::<RawSnippets>(
        file,
        text,
        1,
        diags,
        "",
        "each snippet is a [[snippet]] table with id, title and text (see docs/content.md)",
    ) else {
        return Vec::new();
    };
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    let id_lines = id_lines(text);
    for (i, s) in raw.snippet.into_iter().enumerate() {
        let line = id_lines.get(i).copied().unwrap_or(1);
        let problem = if !is_identifier(&s.id) {
            Some((
                format!("snippet id `{}` is not a valid id", s.id),
                "use lower-case letters, digits and dashes, such as `first-reply`",
            ))
        } else if !seen.insert(s.id.clone()) {
            Some((
                format!("snippet `{}` is declared twice", s.id),
                "give each snippet its own id",
            ))
        } else if s.title.trim().is_empty() || s.text.trim().is_empty() {
            Some((
                format!("snippet `{}` has an empty title or text", s.id),
                "write both a title and the text",
            ))
        } else if s.text.chars().count() > MAX_MESSAGE_CHARS {
            Some((
                format!(
                    "snippet `{}` is longer than a reply may be ({MAX_MESSAGE_CHARS} characters)",
                    s.id
                ),
                "shorten it",
            ))
        } else {
            None
        };
        match problem {
            Some((msg, help)) => diags.error(file, line, msg, help),
            None => out.push(s),
        }
    }
    out
}

/// The line of each snippet's `id = ...`, in order (one per snippet).
fn id_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            l.trim_start()
                .strip_prefix("id")
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|(i, _)| i + 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_snippets_load_and_each_problem_has_its_line() {
        let text = "[[snippet]]\nid = \"hello\"\ntitle = \"Hello\"\ntext = \"Thank you for writing.\"\n\n\
                    [[snippet]]\nid = \"Bad Id\"\ntitle = \"X\"\ntext = \"Y\"\n\n\
                    [[snippet]]\nid = \"hello\"\ntitle = \"Again\"\ntext = \"Z\"\n\n\
                    [[snippet]]\nid = \"empty\"\ntitle = \"\"\ntext = \"Z\"\n";
        let mut diags = Diagnostics::new();
        let got = parse_snippets(Path::new("snippets.toml"), text, &mut diags);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].id, "hello");
        let lines: Vec<usize> = diags.iter().map(|d| d.line).collect();
        assert_eq!(lines, [7, 12, 17], "{diags:?}");
        let mut diags = Diagnostics::new();
        assert!(parse_snippets(Path::new("s.toml"), "[[snipet]]\n", &mut diags).is_empty());
        assert!(diags.has_errors());
    }
}
