//! `pathway typeset TEMPLATE [--font PATH]...`: the child process the
//! server runs for each PDF (see `services::pdf::typesetter`). It reads the
//! document's data from standard input, writes the PDF to standard output
//! and exits; on failure it writes one line to standard error. It makes no
//! core file, and a panic's message (which could quote an answer) is not
//! written.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::services::pdf::{Template, engine_with};

/// More document data than any module or worksheet has.
const MAX_INPUT: u64 = 64 * 1024 * 1024;

/// Typesets one document, or with `check` only loads the fonts.
pub fn typeset(template: Option<&str>, fonts: &[PathBuf], check: bool) -> ExitCode {
    super::hygiene::harden();
    match run(template, fonts, check) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn run(template: Option<&str>, fonts: &[PathBuf], check: bool) -> Result<(), String> {
    let dir = fonts
        .first()
        .and_then(|f| f.parent())
        .unwrap_or(Path::new("fonts"));
    let engine = engine_with(fonts, dir).map_err(|e| e.to_string())?;
    if check {
        return Ok(());
    }
    let name = template.unwrap_or_default();
    let template = Template::named(name)
        .ok_or_else(|| format!("no template {name:?}: use module, worksheet, card or steps"))?;
    let mut json = Vec::new();
    std::io::stdin()
        .take(MAX_INPUT)
        .read_to_end(&mut json)
        .map_err(|e| format!("cannot read the document data: {e}"))?;
    let pdf = engine
        .render_json(template, json)
        .map_err(|e| e.to_string())?;
    let mut out = std::io::stdout().lock();
    out.write_all(&pdf)
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write the PDF: {e}"))
}
