//! `pathway pdf SLUG [-o FILE]` and `pathway pdf --all DIR` (translated
//! modules too, as `module-N-<locale>.pdf`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::load_content;
use crate::clock::Clock;
use crate::content::{Module, Programme};
use crate::services::pdf::Engine;

/// `pathway pdf`: writes one module's PDF, or every module's into a folder.
pub fn write_pdfs(
    content: &Path,
    slug: Option<&str>,
    out: Option<PathBuf>,
    all: Option<PathBuf>,
    repeat: usize,
    clock: Clock,
) -> ExitCode {
    let programme = match load_content(content, clock) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let t = crate::i18n::I18n::new(&programme.locale);
    let engine = match crate::services::pdf::engine_for(content) {
        Ok(engine) => engine,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let Some(modules) = chosen(&programme, slug, all.is_some()) else {
        return ExitCode::FAILURE;
    };
    if let Some(dir) = &all
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!("error: cannot create {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    let mut failed = false;
    for m in modules {
        let path = match (&all, &out) {
            (Some(dir), _) => dir.join(format!("module-{}.pdf", m.number)),
            (None, Some(path)) => path.clone(),
            (None, None) => PathBuf::from(format!("module-{}.pdf", m.number)),
        };
        failed |= !write_one(&engine, &programme, m, &t, &path, repeat);
    }
    // With --all, each translated module too, typeset in its language.
    if let Some(dir) = &all {
        for tr in &programme.translations {
            let (lp, t) = (programme.localized(tr), crate::i18n::I18n::new(&tr.locale));
            for m in &tr.modules {
                let path = dir.join(format!("module-{}-{}.pdf", m.number, tr.locale));
                failed |= !write_one(&engine, &lp, m, &t, &path, repeat);
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The modules asked for: all of them, or the one named (an error line
/// when it does not exist or none is named).
fn chosen<'a>(programme: &'a Programme, slug: Option<&str>, all: bool) -> Option<Vec<&'a Module>> {
    if all {
        return Some(programme.modules.iter().collect());
    }
    let Some(slug) = slug else {
        eprintln!("error: name a module (pathway pdf SLUG) or use --all DIR");
        return None;
    };
    if let Some(m) = programme.module(slug) {
        return Some(vec![m]);
    }
    let known: Vec<&str> = programme
        .modules
        .iter()
        .map(|m| m.front.slug.as_str())
        .collect();
    eprintln!(
        "error: no module `{slug}`; use one of: {}",
        known.join(", ")
    );
    None
}

/// Renders module `m` (`repeat` times, for the median) and writes it to
/// `path`; false (with an error line) when that fails.
fn write_one(
    engine: &Engine,
    programme: &Programme,
    m: &Module,
    t: &crate::i18n::I18n,
    path: &Path,
    repeat: usize,
) -> bool {
    let doc = crate::services::pdf::document::module_doc(programme, m, t);
    let mut times = Vec::new();
    for _ in 1..repeat.max(1) {
        let started = std::time::Instant::now();
        if engine.render(&doc).is_ok() {
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
    }
    let started = std::time::Instant::now();
    let rendered = engine.render(&doc);
    times.push(started.elapsed().as_secs_f64() * 1000.0);
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    match rendered.map(|bytes| (std::fs::write(path, &bytes), bytes.len())) {
        Ok((Ok(()), size)) => {
            println!(
                "{}: {} ({size} bytes; render median {median:.1} ms of {})",
                m.front.slug,
                path.display(),
                times.len()
            );
            true
        }
        Ok((Err(e), _)) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            false
        }
        Err(e) => {
            eprintln!("error: module {} ({}): {e}", m.number, m.front.slug);
            false
        }
    }
}
