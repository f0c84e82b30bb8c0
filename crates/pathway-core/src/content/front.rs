//! Module front matter: split from the body, checked key by key so that
//! every problem is reported with its line.

use std::path::Path;

use super::diag::{Diagnostics, line_of_key, line_of_offset};
use super::model::FrontMatter;
use super::site::is_identifier;

const KEYS: &[&str] = &[
    "title",
    "slug",
    "summary",
    "order",
    "minutes",
    "aims",
    "draft",
    "sample",
    "reviewed_by",
    "review_due",
    "current_behaviour",
    "audience",
];

/// Front matter text, and where the body starts.
pub struct Split<'a> {
    pub front: &'a str,
    /// Line of the first front-matter line (after the opening `+++`).
    pub front_line: usize,
    pub body: &'a str,
    /// Line of the first body line.
    pub body_line: usize,
}

/// Splits `+++`-fenced TOML front matter from the Markdown body.
pub fn split<'a>(file: &Path, text: &'a str, diags: &mut Diagnostics) -> Option<Split<'a>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
    else {
        diags.error(
            file,
            1,
            "the module does not start with front matter",
            "begin the file with a line `+++`, the TOML front matter (title, slug, ...), and another line `+++`",
        );
        return None;
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let front_lines = front.matches('\n').count();
            return Some(Split {
                front,
                front_line: 2,
                body,
                body_line: front_lines + 3,
            });
        }
        offset += line.len();
    }
    diags.error(
        file,
        1,
        "the front matter is not closed",
        "add a line `+++` after the last front-matter key",
    );
    None
}

/// Parses and validates the front matter; all problems go to `diags`.
pub fn parse(file: &Path, split: &Split<'_>, diags: &mut Diagnostics) -> Option<FrontMatter> {
    let text = split.front;
    let at = |key: &str| split.front_line - 1 + line_of_key(text, key).unwrap_or(1);
    let table: toml::Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            let line = e.span().map(|s| line_of_offset(text, s.start)).unwrap_or(1);
            diags.error(
                file,
                split.front_line - 1 + line,
                format!("front matter is not valid TOML: {}", e.message()),
                "write each key as `key = value`, with text in double quotes",
            );
            return None;
        }
    };
    let before = diags.error_count();
    for key in table.keys() {
        if !KEYS.contains(&key.as_str()) {
            diags.error(
                file,
                at(key),
                format!("unknown front-matter key `{key}`"),
                format!("remove it, or use one of: {}", KEYS.join(", ")),
            );
        }
    }
    let mut r = Reader {
        file,
        table: &table,
        diags,
        at: &at,
    };
    let title = r.text("title", true);
    let slug = r.text("slug", true);
    let summary = r.text("summary", true);
    let order = r.int("order", true);
    let minutes = r.int("minutes", true);
    let aims = r.aims();
    let draft = r.boolean("draft");
    let sample = r.boolean("sample");
    let reviewed_by = r.text("reviewed_by", false);
    let review_due = r.date("review_due");
    let current_behaviour = r.boolean("current_behaviour");
    let audience = audience(&mut r);
    check_values(&mut r, slug.as_deref(), minutes);
    if r.diags.error_count() > before {
        return None;
    }
    Some(FrontMatter {
        title: title?,
        slug: slug?,
        summary: summary?,
        order: order?,
        minutes: u32::try_from(minutes?).ok()?,
        aims: aims?,
        draft,
        sample,
        reviewed_by,
        review_due,
        current_behaviour,
        audience,
    })
}

/// `audience`: "self" (the default) or "someone-else".
fn audience<F: Fn(&str) -> usize>(r: &mut Reader<'_, F>) -> super::model::Audience {
    use super::model::Audience;
    match r.text("audience", false).as_deref() {
        None | Some("self") => Audience::Own,
        Some("someone-else") => Audience::SomeoneElse,
        Some(other) => {
            r.diags.error(
                r.file,
                (r.at)("audience"),
                format!("audience `{other}` is not known"),
                "write audience = \"self\" (the default) or audience = \"someone-else\" (pages for family and friends)",
            );
            Audience::Own
        }
    }
}

/// A slug that is not an identifier, and a reading time out of range.
fn check_values<F: Fn(&str) -> usize>(
    r: &mut Reader<'_, F>,
    slug: Option<&str>,
    minutes: Option<i64>,
) {
    if let Some(slug) = slug
        && !is_identifier(slug)
    {
        r.diags.error(
            r.file,
            (r.at)("slug"),
            format!("slug `{slug}` is not valid"),
            "use lower-case letters, digits and dashes, such as `managing-urges`",
        );
    }
    if let Some(m) = minutes
        && !(1..=600).contains(&m)
    {
        r.diags.error(
            r.file,
            (r.at)("minutes"),
            format!("minutes = {m} is not a sensible reading time"),
            "give the estimated time in minutes, between 1 and 600",
        );
    }
}

struct Reader<'a, F: Fn(&str) -> usize> {
    file: &'a Path,
    table: &'a toml::Table,
    diags: &'a mut Diagnostics,
    at: &'a F,
}

impl<F: Fn(&str) -> usize> Reader<'_, F> {
    fn missing(&mut self, key: &str, example: &str) {
        self.diags.error(
            self.file,
            1,
            format!("the front matter has no `{key}`"),
            format!("add `{key} = {example}` between the +++ lines"),
        );
    }

    fn wrong_type(&mut self, key: &str, what: &str) {
        self.diags.error(
            self.file,
            (self.at)(key),
            format!("`{key}` must be {what}"),
            format!("write `{key}` as {what}"),
        );
    }

    fn text(&mut self, key: &str, required: bool) -> Option<String> {
        match self.table.get(key) {
            None if required => {
                self.missing(key, "\"...\"");
                None
            }
            None => None,
            Some(toml::Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(toml::Value::String(_)) => {
                self.diags.error(
                    self.file,
                    (self.at)(key),
                    format!("`{key}` is empty"),
                    format!("write some text for `{key}`"),
                );
                None
            }
            Some(_) => {
                self.wrong_type(key, "text in double quotes");
                None
            }
        }
    }

    fn int(&mut self, key: &str, required: bool) -> Option<i64> {
        match self.table.get(key) {
            None if required => {
                self.missing(key, "1");
                None
            }
            None => None,
            Some(toml::Value::Integer(i)) => Some(*i),
            Some(_) => {
                self.wrong_type(key, "a whole number");
                None
            }
        }
    }

    fn boolean(&mut self, key: &str) -> bool {
        match self.table.get(key) {
            None => false,
            Some(toml::Value::Boolean(b)) => *b,
            Some(_) => {
                self.wrong_type(key, "true or false");
                false
            }
        }
    }

    fn aims(&mut self) -> Option<Vec<String>> {
        match self.table.get("aims") {
            None => {
                self.missing("aims", "[\"...\", \"...\"]");
                None
            }
            Some(toml::Value::Array(items)) => {
                let aims: Vec<String> = items
                    .iter()
                    .filter_map(|v| v.as_str())
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
                if aims.is_empty() || aims.len() != items.len() {
                    self.wrong_type(
                        "aims",
                        "a list of non-empty texts, such as [\"...\", \"...\"]",
                    );
                    return None;
                }
                Some(aims)
            }
            Some(_) => {
                self.wrong_type("aims", "a list of texts, such as [\"...\", \"...\"]");
                None
            }
        }
    }

    fn date(&mut self, key: &str) -> Option<jiff::civil::Date> {
        let value = self.table.get(key)?;
        let text = match value {
            toml::Value::Datetime(d) if d.time.is_none() => d.to_string(),
            toml::Value::String(s) => s.clone(),
            _ => String::new(),
        };
        match text.parse() {
            Ok(date) => Some(date),
            Err(_) => {
                self.wrong_type(key, "a date such as 2027-06-30");
                None
            }
        }
    }
}
