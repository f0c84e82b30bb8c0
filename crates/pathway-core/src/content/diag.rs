//! Diagnostics: every content problem with its file, line and what to fix.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a content problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The site refuses to start until it is fixed.
    Error,
    /// Reported by `check`, but the site still starts.
    Warning,
}

/// One problem in a content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    /// 1-based line number.
    pub line: usize,
    pub message: String,
    /// What the author should do about it.
    pub help: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}: {kind}: {}\n    fix: {}",
            self.file.display(),
            self.line,
            self.message,
            self.help
        )
    }
}

/// Collects every problem found while loading content, so that all are
/// reported at once.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn error(
        &mut self,
        file: &Path,
        line: usize,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(Severity::Error, file, line, message.into(), help.into());
    }

    pub fn warning(
        &mut self,
        file: &Path,
        line: usize,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(Severity::Warning, file, line, message.into(), help.into());
    }

    fn push(
        &mut self,
        severity: Severity,
        file: &Path,
        line: usize,
        message: String,
        help: String,
    ) {
        let line = line.max(1);
        if self
            .items
            .iter()
            .any(|d| d.line == line && d.message == message && d.file == file)
        {
            return;
        }
        self.items.push(Diagnostic {
            severity,
            file: file.to_path_buf(),
            line,
            message,
            help,
        });
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, then line, so the report reads top to bottom.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items
            .sort_by(|a, b| (&a.file, a.line, a.severity).cmp(&(&b.file, b.line, b.severity)));
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

/// The 1-based line of a byte offset in `text`.
pub fn line_of_offset(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The 1-based line on which `key = ...` first appears in TOML `text`,
/// searching from `from_line`; 1 when it cannot be found.
pub fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let t = l.trim_start();
            t.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

/// Deserialises TOML `text` that starts on line `first_line` of `file`; a
/// syntax or type error goes to `diags` with its line, `prefix` before the
/// parser's message and `help` as the fix.
pub fn parse_toml<T: serde::de::DeserializeOwned>(
    file: &Path,
    text: &str,
    first_line: usize,
    diags: &mut Diagnostics,
    prefix: &str,
    help: &str,
) -> Option<T> {
    match toml::from_str(text) {
        Ok(value) => Some(value),
        Err(e) => {
            let line = e.span().map(|s| line_of_offset(text, s.start)).unwrap_or(1);
            diags.error(
                file,
                first_line + line - 1,
                format!("{prefix}{}", e.message()),
                help,
            );
            None
        }
    }
}
