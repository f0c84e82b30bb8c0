//! The `::: exercise` block: a worksheet written as TOML, checked field by
//! field with lines.
//!
//! ```text
//! ::: exercise "My warning signs" {#warning-signs}
//! intro = "Write down what you notice."
//!
//! [[field]]
//! id = "signs"
//! type = "text"            # or "checklist" (with options) or "scale"
//! label = "My warning signs"
//! :::
//! ```

use std::collections::BTreeSet;
use std::path::Path;

use serde::Deserialize;

use super::diag::{Diagnostics, parse_toml};
use super::model::{Field, FieldKind, Md};
use super::site::is_identifier;

/// Longest answer a text field accepts unless it says otherwise.
pub const DEFAULT_MAX_CHARS: usize = 2000;
/// Limits that keep a worksheet printable and its form small.
pub const MAX_FIELDS: usize = 20;
pub const MAX_OPTIONS: usize = 20;
pub const MAX_CHARS_LIMIT: usize = 5000;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExercise {
    #[serde(default)]
    intro: Option<String>,
    #[serde(default, rename = "field")]
    fields: Vec<RawField>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    label: String,
    #[serde(default)]
    help: String,
    #[serde(default)]
    options: Vec<String>,
    #[serde(default)]
    min_label: Option<String>,
    #[serde(default)]
    max_label: Option<String>,
    #[serde(default)]
    max_chars: Option<usize>,
}

/// Parses the TOML body of an exercise block; problems go to `diags`.
pub fn parse(
    file: &Path,
    body: &Md,
    diags: &mut Diagnostics,
) -> Option<(Option<String>, Vec<Field>)> {
    let raw: RawExercise = parse_toml(
        file,
        &body.text,
        body.line,
        diags,
        "the exercise is not valid: ",
        "write each field as a [[field]] table with id, type (text, checklist or scale) and label; see docs/content.md",
    )?;
    let before = diags.error_count();
    let at = |id: &str| {
        let needle = format!("\"{id}\"");
        body.text
            .lines()
            .position(|l| l.contains(&needle))
            .map_or(body.line, |i| body.line + i)
    };
    if raw.fields.is_empty() || raw.fields.len() > MAX_FIELDS {
        diags.error(
            file,
            body.line,
            format!(
                "an exercise needs between 1 and {MAX_FIELDS} fields, this one has {}",
                raw.fields.len()
            ),
            "add [[field]] tables with id, type and label",
        );
    }
    let mut ids = BTreeSet::new();
    let mut fields = Vec::new();
    for f in raw.fields {
        let line = at(&f.id);
        if !is_identifier(&f.id) {
            diags.error(
                file,
                line,
                format!("field id `{}` is not valid", f.id),
                "use lower-case letters, digits and dashes",
            );
        }
        if !ids.insert(f.id.clone()) {
            diags.error(
                file,
                line,
                format!("field id `{}` is used twice", f.id),
                "give every field its own id",
            );
        }
        if f.label.trim().is_empty() {
            diags.error(
                file,
                line,
                format!("field `{}` has no label", f.id),
                "write the question as `label = \"...\"`",
            );
        }
        if let Some(kind) = field_kind(file, line, &f, diags) {
            fields.push(Field {
                id: f.id,
                label: f.label.trim().to_string(),
                help: f.help.trim().to_string(),
                kind,
            });
        }
    }
    (diags.error_count() == before).then_some((raw.intro, fields))
}

fn field_kind(
    file: &Path,
    line: usize,
    f: &RawField,
    diags: &mut Diagnostics,
) -> Option<FieldKind> {
    match f.kind.as_str() {
        "text" => {
            if !f.options.is_empty() {
                misplaced(file, line, f, diags, "options");
            }
            let max_chars = f.max_chars.unwrap_or(DEFAULT_MAX_CHARS);
            if max_chars == 0 || max_chars > MAX_CHARS_LIMIT {
                diags.error(
                    file,
                    line,
                    format!("max_chars = {max_chars} is out of range"),
                    format!("use a number from 1 to {MAX_CHARS_LIMIT}"),
                );
                return None;
            }
            Some(FieldKind::Text { max_chars })
        }
        "checklist" => checklist_kind(file, line, f, diags),
        "scale" => scale_kind(file, line, f, diags),
        other => {
            diags.error(
                file,
                line,
                format!("field `{}` has unknown type `{other}`", f.id),
                "use type = \"text\", \"checklist\" or \"scale\"",
            );
            None
        }
    }
}

/// A key that the field's type does not take.
fn misplaced(file: &Path, line: usize, f: &RawField, diags: &mut Diagnostics, key: &str) {
    diags.error(
        file,
        line,
        format!(
            "field `{}` is a {} field and cannot have `{key}`",
            f.id, f.kind
        ),
        format!("remove `{key}`, or change the type"),
    )
}

fn checklist_kind(
    file: &Path,
    line: usize,
    f: &RawField,
    diags: &mut Diagnostics,
) -> Option<FieldKind> {
    let options: Vec<String> = f.options.iter().map(|o| o.trim().to_string()).collect();
    if options.is_empty() || options.len() > MAX_OPTIONS || options.iter().any(String::is_empty) {
        diags.error(
            file,
            line,
            format!(
                "checklist `{}` needs between 1 and {MAX_OPTIONS} non-empty options",
                f.id
            ),
            "write them as options = [\"...\", \"...\"]",
        );
        return None;
    }
    if f.max_chars.is_some() {
        misplaced(file, line, f, diags, "max_chars");
    }
    Some(FieldKind::Checklist { options })
}

fn scale_kind(
    file: &Path,
    line: usize,
    f: &RawField,
    diags: &mut Diagnostics,
) -> Option<FieldKind> {
    if !f.options.is_empty() {
        misplaced(file, line, f, diags, "options");
    }
    match (&f.min_label, &f.max_label) {
        (Some(min), Some(max)) if !min.trim().is_empty() && !max.trim().is_empty() => {
            Some(FieldKind::Scale {
                min_label: min.trim().to_string(),
                max_label: max.trim().to_string(),
            })
        }
        _ => {
            diags.error(
                file,
                line,
                format!("scale `{}` needs min_label and max_label", f.id),
                "label both ends of the 0 to 10 scale, such as min_label = \"Not at all\" and max_label = \"Completely\"",
            );
            None
        }
    }
}
