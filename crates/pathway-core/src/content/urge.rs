//! `urge.toml`: the page for when an urge is strong (optional). A delay
//! with a countdown, then sections in the service's own words (grounding,
//! things to do instead). Checked like the rest of the content: every
//! problem with its file, line and fix.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::diag::{Diagnostics, line_of_offset, parse_toml};

/// The delays the page can count down, in minutes (the style sheet has a
/// countdown for each).
pub const DELAYS: [u16; 5] = [5, 10, 15, 20, 30];

/// The validated page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrgePage {
    pub title: String,
    /// Markdown, shown first.
    pub intro: String,
    /// How long the countdown runs.
    pub delay_minutes: u16,
    /// Markdown beside the countdown: why waiting helps.
    pub delay: String,
    pub sections: Vec<UrgeSection>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UrgeSection {
    pub heading: String,
    /// Markdown.
    pub body: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUrge {
    title: Spanned<String>,
    intro: Spanned<String>,
    delay_minutes: Spanned<u16>,
    delay: Spanned<String>,
    #[serde(default, rename = "section")]
    sections: Vec<Spanned<UrgeSection>>,
}

/// Parses and checks `urge.toml`; with any problem there is no page, and
/// each problem goes to `diags`.
pub fn parse_urge(file: &Path, text: &str, diags: &mut Diagnostics) -> Option<UrgePage> {
    let raw: RawUrge = parse_toml(
        file,
        text,
        1,
        diags,
        "",
        "urge.toml takes title, intro, delay_minutes, delay and [[section]] tables with heading and body (see docs/content.md)",
    )?;
    let before = diags.error_count();
    let line = |start: usize| line_of_offset(text, start);
    for (value, what) in [
        (&raw.title, "title"),
        (&raw.intro, "intro"),
        (&raw.delay, "delay"),
    ] {
        if value.get_ref().trim().is_empty() {
            diags.error(
                file,
                line(value.span().start),
                format!("`{what}` is empty"),
                format!("write the {what}"),
            );
        }
    }
    let minutes = *raw.delay_minutes.get_ref();
    if !DELAYS.contains(&minutes) {
        diags.error(
            file,
            line(raw.delay_minutes.span().start),
            format!("delay_minutes is {minutes}"),
            format!("choose one of {DELAYS:?} minutes (15 is usual)"),
        );
    }
    if raw.sections.is_empty() {
        diags.error(
            file,
            1,
            "the page has no sections",
            "add [[section]] tables with heading and body, such as a grounding exercise and things to do instead",
        );
    }
    for s in &raw.sections {
        let v = s.get_ref();
        if v.heading.trim().is_empty() || v.body.trim().is_empty() {
            diags.error(
                file,
                line(s.span().start),
                "a section has an empty heading or body",
                "write both",
            );
        }
    }
    if diags.error_count() > before {
        return None;
    }
    Some(UrgePage {
        title: raw.title.into_inner(),
        intro: raw.intro.into_inner(),
        delay_minutes: minutes,
        delay: raw.delay.into_inner(),
        sections: raw.sections.into_iter().map(Spanned::into_inner).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "title = \"T\"\nintro = \"I\"\ndelay_minutes = 15\ndelay = \"D\"\n\n[[section]]\nheading = \"H\"\nbody = \"B\"\n";

    fn parse(text: &str) -> (Option<UrgePage>, Vec<(usize, String)>) {
        let mut d = Diagnostics::new();
        let page = parse_urge(Path::new("urge.toml"), text, &mut d);
        let errors = d
            .sorted()
            .into_iter()
            .map(|e| (e.line, e.message))
            .collect();
        (page, errors)
    }

    #[test]
    fn a_good_page_parses() {
        let (page, errors) = parse(GOOD);
        assert!(errors.is_empty(), "{errors:?}");
        let page = page.unwrap_or_else(|| panic!("page"));
        assert_eq!((page.delay_minutes, page.sections.len()), (15, 1));
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let text = GOOD
            .replace("delay_minutes = 15", "delay_minutes = 0")
            .replace("intro = \"I\"", "intro = \" \"")
            .replace("body = \"B\"", "body = \"\"");
        let (page, errors) = parse(&text);
        assert!(page.is_none());
        let lines: Vec<usize> = errors.iter().map(|e| e.0).collect();
        assert_eq!(lines.len(), 3, "{errors:?}");
        assert_eq!(lines[..2], [2, 3], "{errors:?}");
        assert!((6..=8).contains(&lines[2]), "the section: {errors:?}");
        let (_, errors) = parse("title = \"T\"\ncolour = 1\n");
        assert!(
            errors[0].1.contains("unknown field") || errors[0].1.contains("missing"),
            "{errors:?}"
        );
    }
}
