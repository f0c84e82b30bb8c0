//! Translated modules: `<locale>/modules/` for each language `site.toml`
//! lists in `translations`. A translation keeps its module's structure
//! (slug, order, anchors, worksheets); a difference is an error with the
//! file and line, a module with no translation is a warning.

mod common;

use std::path::Path;

use common::*;
use pathway::content::Severity;

const MODULE_2: &str = "02-sexual-communication-online.md";

/// A copy of the sample with `translations = ["cy"]` and `cy/modules/`
/// holding `files` (name, text).
fn sample_with_welsh(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    copy_dir(&sample_content(), dir.path());
    let site = dir.path().join("site.toml");
    let text = std::fs::read_to_string(&site).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&site, format!("translations = [\"cy\"]\n{text}"))
        .unwrap_or_else(|e| panic!("{e}"));
    let modules = dir.path().join("cy/modules");
    std::fs::create_dir_all(&modules).unwrap_or_else(|e| panic!("{e}"));
    for (name, text) in files {
        std::fs::write(modules.join(name), text).unwrap_or_else(|e| panic!("{e}"));
    }
    dir
}

fn module_2() -> String {
    std::fs::read_to_string(sample_content().join("modules").join(MODULE_2))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Only the words change: the title, and a heading keeping its anchor.
fn translated() -> String {
    module_2()
        .replace(
            "title = \"Sexual communication with children online\"",
            "title = \"Cyfathrebu rhywiol â phlant ar-lein\"",
        )
        .replace(
            "## What the law says {#the-law}",
            "## Beth mae'r gyfraith yn ei ddweud {#the-law}",
        )
}

fn found(dir: &Path) -> (bool, Vec<pathway::content::Diagnostic>) {
    let loaded = pathway::content::load(dir, today());
    let loaded_ok = loaded.programme.is_some();
    (loaded_ok, loaded.diagnostics.sorted())
}

#[test]
fn a_translation_that_keeps_the_structure_loads_and_the_rest_fall_back() {
    let dir = sample_with_welsh(&[(MODULE_2, translated())]);
    let loaded = pathway::content::load(dir.path(), today());
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let Some(p) = loaded.programme else {
        panic!("loads");
    };
    let cy = &p.translations[0];
    assert_eq!(cy.locale, "cy");
    let m = cy
        .module("sexual-communication-online")
        .unwrap_or_else(|| panic!("translated"));
    assert_eq!(m.front.title, "Cyfathrebu rhywiol â phlant ar-lein");
    assert_eq!(m.number, 2, "numbered as the default");
    assert_eq!(cy.missing.len(), p.modules.len() - 1);
    let warnings: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning && d.message.contains("no `cy` translation"))
        .collect();
    assert_eq!(
        warnings.len(),
        p.modules.len() - 1,
        "one per missing module"
    );
    assert!(warnings[0].help.contains("cy/modules/"), "{}", warnings[0]);
}

#[test]
fn a_translation_that_changes_the_structure_is_an_error_with_its_line() {
    let moved = translated().replace("order = 2", "order = 9");
    let renamed = translated().replace("{#the-law}", "{#y-gyfraith}");
    let unknown = translated().replace(
        "slug = \"sexual-communication-online\"",
        "slug = \"cyfathrebu\"",
    );
    for (what, text, want, line) in [
        ("order", moved, "order or draft differs", 5),
        ("anchor", renamed, "anchors differ", 30),
        ("slug", unknown, "is not a published module", 1),
    ] {
        let dir = sample_with_welsh(&[(MODULE_2, text)]);
        let (ok, diags) = found(dir.path());
        assert!(!ok, "{what}");
        let e = diags
            .iter()
            .find(|d| d.severity == Severity::Error)
            .unwrap_or_else(|| panic!("{what}: {diags:?}"));
        assert!(e.message.contains(want), "{what}: {e}");
        assert!(
            e.file.ends_with(format!("cy/modules/{MODULE_2}")),
            "{what}: {e}"
        );
        assert_eq!(e.line, line, "{what}: {e}");
    }
}

#[test]
fn a_listed_language_needs_its_folder_and_a_real_tag() {
    for (list, want) in [
        ("\"cy\", \"Welsh!\"", "`Welsh!` is not a language tag"),
        ("\"en-GB\"", "`en-GB` is not a language tag"),
        ("\"cy\"", "no cy/modules folder"),
    ] {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        copy_dir(&sample_content(), dir.path());
        let site = dir.path().join("site.toml");
        let text = std::fs::read_to_string(&site).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&site, format!("translations = [{list}]\n{text}"))
            .unwrap_or_else(|e| panic!("{e}"));
        let (ok, diags) = found(dir.path());
        assert!(!ok, "{list}");
        let e = diags
            .iter()
            .find(|d| d.message.contains(want))
            .unwrap_or_else(|| panic!("{list}: {diags:?}"));
        assert!(e.file.ends_with("site.toml") && e.line == 1, "{e}");
    }
}
