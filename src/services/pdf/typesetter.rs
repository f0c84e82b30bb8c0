//! Where PDFs are typeset. The server runs typst in a short-lived process
//! of its own binary, one per PDF (`pathway typeset`): typst's code, its
//! standard library and the fonts are then never part of the server's
//! memory, which stays small however many PDFs it has made (BENCHMARKS.md,
//! "Issue 20, third part"). Commands and tests typeset in their own
//! process.
//!
//! What a child process is given: the template's name and the added fonts'
//! paths on its command line, and the document's data (which may hold a
//! person's worksheet answers) on its standard input only, never in its
//! arguments or environment. Its environment is empty, so nothing of the
//! server's configuration reaches it; it makes no core file; it writes
//! the PDF to its standard output and exits.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

use pathway_pdf::{CardDoc, Engine, ModuleDoc, PdfError, StepsDoc, Template, WorksheetDoc};
use serde::Serialize;

use super::fonts::{FontsError, added_font_paths};

/// Typesets in this process, or in a child process per PDF.
#[derive(Clone)]
pub enum Typesetter {
    /// typst in this process (commands and tests).
    Here(Arc<Engine>),
    /// `pathway typeset` in a child process (the server).
    Child(ChildTypesetter),
}

/// The binary to run and the fonts it adds.
#[derive(Debug, Clone)]
pub struct ChildTypesetter {
    exe: PathBuf,
    fonts: Vec<PathBuf>,
}

/// The typesetting process could not be started at all.
#[derive(Debug, thiserror::Error)]
pub enum ChildError {
    #[error(transparent)]
    Fonts(#[from] FontsError),
    #[error("cannot run the typesetting process {}: {reason}", .exe.display())]
    Start { exe: PathBuf, reason: String },
    /// The process ran and could not load the fonts.
    #[error("PDFs cannot be typeset: {0}")]
    Check(String),
}

impl From<Engine> for Typesetter {
    fn from(engine: Engine) -> Self {
        Typesetter::Here(Arc::new(engine))
    }
}

impl Typesetter {
    /// Child processes of `exe` with the fonts in `content/fonts/` (their
    /// list is read now, as the in-process engine reads them at start).
    /// One child is run at once to check the fonts and that it can run:
    /// a server that could make no PDF says so before it starts.
    pub fn child(exe: PathBuf, content: &Path) -> Result<Self, ChildError> {
        let fonts = added_font_paths(&content.join("fonts"))?;
        let child = ChildTypesetter { exe, fonts };
        let start = |reason: String| ChildError::Start {
            exe: child.exe.clone(),
            reason,
        };
        let out = child
            .command(None)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| start(e.to_string()))?;
        if !out.status.success() {
            return Err(ChildError::Check(error_text(&out)));
        }
        Ok(Typesetter::Child(child))
    }

    /// The running binary, for the server: on Linux `/proc/self/exe`, which
    /// stays this binary even when a package upgrade replaces the file.
    pub fn own_binary() -> Result<PathBuf, std::io::Error> {
        let proc_exe = Path::new("/proc/self/exe");
        if cfg!(target_os = "linux") && proc_exe.exists() {
            return Ok(proc_exe.to_path_buf());
        }
        std::env::current_exe()
    }

    /// The PDF of a module.
    pub fn module(&self, doc: &ModuleDoc) -> Result<Vec<u8>, PdfError> {
        self.render(Template::Module, doc)
    }

    /// The PDF of a filled-in worksheet.
    pub fn worksheet(&self, doc: &WorksheetDoc) -> Result<Vec<u8>, PdfError> {
        self.render(Template::Worksheet, doc)
    }

    /// The PDF of a coping card.
    pub fn card(&self, doc: &CardDoc) -> Result<Vec<u8>, PdfError> {
        self.render(Template::Card, doc)
    }

    /// The PDF of "Where do I start?"'s result.
    pub fn steps(&self, doc: &StepsDoc) -> Result<Vec<u8>, PdfError> {
        self.render(Template::Steps, doc)
    }

    fn render(&self, template: Template, data: &impl Serialize) -> Result<Vec<u8>, PdfError> {
        let json = Template::encode(data)?;
        match self {
            Typesetter::Here(engine) => engine.render_json(template, json),
            Typesetter::Child(child) => child.render(template, &json),
        }
    }
}

impl ChildTypesetter {
    /// `pathway typeset [TEMPLATE] --font PATH...`, with an empty
    /// environment and every stream piped.
    fn command(&self, template: Option<Template>) -> Command {
        let mut command = Command::new(&self.exe);
        command.arg("typeset");
        match template {
            Some(t) => command.arg(t.name()),
            None => command.arg("--check"),
        };
        for font in &self.fonts {
            command.arg("--font").arg(font);
        }
        command
            .env_clear()
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command
    }

    /// Runs one child: the data in, the PDF out. The child reads all its
    /// input before it writes anything, so writing first cannot block.
    fn render(&self, template: Template, json: &[u8]) -> Result<Vec<u8>, PdfError> {
        let failed = |what: String| PdfError::Typeset(format!("the typesetting process {what}"));
        let mut child = self
            .command(Some(template))
            .spawn()
            .map_err(|e| failed(format!("could not start: {e}")))?;
        // A child that fails early closes its input; its error says why.
        let written = child.stdin.take().map(|mut input| input.write_all(json));
        let out = child
            .wait_with_output()
            .map_err(|e| failed(format!("could not be read: {e}")))?;
        if out.status.success() && out.stdout.starts_with(b"%PDF-") {
            return Ok(out.stdout);
        }
        let mut reason = error_text(&out);
        if let Some(Err(e)) = written {
            reason = format!("{reason} (its input: {e})");
        }
        Err(failed(format!("failed: {reason}")))
    }
}

/// The child's last line on standard error, or how it ended.
fn error_text(out: &std::process::Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr);
    match stderr.lines().rev().find(|l| !l.trim().is_empty()) {
        Some(line) => line.trim().to_string(),
        None => format!("it ended with {}", out.status),
    }
}
