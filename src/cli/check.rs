//! `pathway check [DIR]`: every problem in a content folder, with file,
//! line and fix.

use std::path::Path;
use std::process::ExitCode;

use super::report;
use crate::clock::Clock;
use crate::content::{Diagnostics, Programme, load};
use crate::services::pdf::Engine;

/// `pathway check [DIR]`.
pub fn check(dir: &Path, clock: Clock) -> ExitCode {
    let mut loaded = load(dir, clock.today());
    let fonts = dir.join("fonts");
    match crate::services::pdf::engine_for(dir) {
        Ok(engine) => {
            if let Some(p) = &loaded.programme {
                letters_without_a_font(&engine, p, &mut loaded.diagnostics);
            }
        }
        Err(e) => loaded.diagnostics.error(
            &fonts,
            1,
            e.to_string(),
            "fonts/ holds TrueType or OpenType files (.ttf, .otf, .ttc, .otc) and their licences",
        ),
    }
    report(&loaded.diagnostics);
    match loaded.programme {
        Some(p) if !loaded.diagnostics.has_errors() => {
            println!(
                "{}: {} published module(s), {} draft(s), {} survey(s): no errors",
                dir.display(),
                p.modules.len(),
                p.drafts.len(),
                p.surveys.len()
            );
            ExitCode::SUCCESS
        }
        _ => ExitCode::FAILURE,
    }
}

/// A warning for each module, in any language, with letters that no PDF
/// font has: its PDF would show them as empty boxes.
fn letters_without_a_font(engine: &Engine, p: &Programme, diags: &mut Diagnostics) {
    let modules = p
        .modules
        .iter()
        .chain(p.translations.iter().flat_map(|t| t.modules.iter()));
    for m in modules {
        let Ok(text) = std::fs::read_to_string(&m.file) else {
            continue;
        };
        let missing = engine.uncovered(&text);
        if missing.is_empty() {
            continue;
        }
        let shown: String = missing.iter().take(20).collect();
        diags.warning(
            &m.file,
            1,
            format!(
                "the PDF fonts have no letters for {} character(s) here ({shown}): the PDF shows empty boxes for them",
                missing.len()
            ),
            "add a font that has them to the content folder's fonts/ (docs/content.md, \"Fonts for other scripts\")",
        );
    }
}
