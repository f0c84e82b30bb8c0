//! The staff area's words live in `locales/en-GB/staff.ftl`: every key the
//! templates and the code ask for is there (a typo would show a
//! "[missing text: …]" marker), none is left unused, and the public
//! strings file holds none of them.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;

fn keys_of(file: &Path) -> BTreeSet<String> {
    ftl_keys_of(file)
}

/// Every `"staff-…"` string literal in the files under `dir` ending in
/// `ext`, except CSS classes (`class="staff-nav"`).
fn asked_for(dir: &Path, ext: &str, found: &mut BTreeSet<String>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            asked_for(&path, ext, found);
            continue;
        }
        if path.extension().and_then(|e| e.to_str()) != Some(ext) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for (at, _) in text.match_indices("\"staff-") {
            if text[..at].ends_with("class=") {
                continue;
            }
            let key: String = text[at + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            // `"staff-"` alone is the prefix, not a key.
            if !key.ends_with('-') {
                found.insert(key);
            }
        }
    }
}

#[test]
fn every_staff_string_asked_for_is_defined_and_every_one_defined_is_used() {
    let defined = keys_of(&root().join("locales/en-GB/staff.ftl"));
    assert!(defined.len() > 150, "{}", defined.len());
    assert!(defined.iter().all(|k| k.starts_with("staff-")));
    let mut used = BTreeSet::new();
    asked_for(&root().join("templates"), "html", &mut used);
    asked_for(&root().join("src"), "rs", &mut used);
    let missing: Vec<&String> = used.difference(&defined).collect();
    assert!(missing.is_empty(), "not in staff.ftl: {missing:?}");
    let unused: Vec<&String> = defined.difference(&used).collect();
    assert!(unused.is_empty(), "in staff.ftl but never used: {unused:?}");
    let public = keys_of(&root().join("locales/en-GB/main.ftl"));
    assert!(!public.iter().any(|k| k.starts_with("staff-")));
}

/// The staff templates hold no English of their own: each text node is a
/// value, a string from staff.ftl, or punctuation.
#[test]
fn the_staff_templates_have_no_words_outside_fluent() {
    let dir = root().join("templates");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with("staff") || name == "report.html"
        })
        .collect();
    files.sort();
    assert!(files.len() >= 8, "{files:?}");
    for file in files {
        let mut text = std::fs::read_to_string(&file).unwrap_or_default();
        // The offline report's style sheet is not text.
        if let (Some(a), Some(b)) = (text.find("<style>"), text.find("</style>")) {
            text.replace_range(a..b, "");
        }
        // Drop template code and tags; what is left is text.
        let mut plain = String::new();
        let mut depth = 0usize;
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            if two == "{{" || two == "{%" {
                depth += 1;
                i += 2;
                continue;
            }
            if (two == "}}" || two == "%}") && depth > 0 {
                depth -= 1;
                i += 2;
                continue;
            }
            if depth == 0 && chars[i] == '<' {
                while i < chars.len() && chars[i] != '>' {
                    i += 1;
                }
                i += 1;
                plain.push(' ');
                continue;
            }
            if depth == 0 {
                plain.push(chars[i]);
            }
            i += 1;
        }
        let words: Vec<&str> = plain
            .split_whitespace()
            // Entities such as &lsaquo; are punctuation.
            .filter(|w| !(w.starts_with('&') && w.ends_with(';')))
            .flat_map(|w| w.split(|c: char| !c.is_alphabetic()))
            .filter(|w| w.len() > 1)
            .collect();
        assert!(
            words.is_empty(),
            "{}: words outside Fluent: {words:?}",
            file.display()
        );
    }
}
