//! `pathway check [DIR]`: every problem in a content folder, with file,
//! line and fix.

use std::path::Path;
use std::process::ExitCode;

use super::report;
use crate::clock::Clock;
use crate::content::load;

/// `pathway check [DIR]`.
pub fn check(dir: &Path, clock: Clock) -> ExitCode {
    let loaded = load(dir, clock.today());
    report(&loaded.diagnostics);
    match loaded.programme {
        Some(p) => {
            println!(
                "{}: {} published module(s), {} draft(s), {} survey(s): no errors",
                dir.display(),
                p.modules.len(),
                p.drafts.len(),
                p.surveys.len()
            );
            ExitCode::SUCCESS
        }
        None => ExitCode::FAILURE,
    }
}
