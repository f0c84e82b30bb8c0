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
//! the PDF to its standard output and exits. A child still running after
//! [`DEADLINE`] is killed and its PDF refused, so a document that makes
//! typst loop cannot hold a worksheet slot (or the module queue) for ever.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use pathway_pdf::{Document, Engine, PdfError, Template};

use super::fonts::{FontsError, added_font_paths};

/// Typesets in this process, or in a child process per PDF.
#[derive(Clone)]
pub enum Typesetter {
    /// typst in this process (commands and tests).
    Here(Arc<Engine>),
    /// `pathway typeset` in a child process (the server).
    Child(ChildTypesetter),
}

/// How long one child may take. The longest module takes well under a
/// second in a release build; a minute is for a debug build on a busy machine.
pub const DEADLINE: Duration = Duration::from_secs(60);

/// The binary to run, the fonts it adds and how long a child may take.
#[derive(Debug, Clone)]
pub struct ChildTypesetter {
    exe: PathBuf,
    fonts: Vec<PathBuf>,
    deadline: Duration,
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
        let child = ChildTypesetter {
            exe,
            fonts,
            deadline: DEADLINE,
        };
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

    /// The same typesetter with another deadline for each child (tests).
    pub fn with_deadline(self, deadline: Duration) -> Self {
        match self {
            Typesetter::Child(child) => Typesetter::Child(ChildTypesetter { deadline, ..child }),
            here => here,
        }
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

    /// The PDF of `doc`, typeset here or in a child process.
    pub fn render<D: Document>(&self, doc: &D) -> Result<Vec<u8>, PdfError> {
        let json = Template::encode(doc)?;
        match self {
            Typesetter::Here(engine) => engine.render_json(D::TEMPLATE, json),
            Typesetter::Child(child) => child.render(D::TEMPLATE, json),
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

    /// Runs one child: the data in, the PDF out. The data is written from
    /// its own thread, so a child that never reads it cannot block us past
    /// the deadline.
    fn render(&self, template: Template, json: Vec<u8>) -> Result<Vec<u8>, PdfError> {
        let failed = |what: String| PdfError::Typeset(format!("the typesetting process {what}"));
        let mut child = self
            .command(Some(template))
            .spawn()
            .map_err(|e| failed(format!("could not start: {e}")))?;
        let input = child
            .stdin
            .take()
            .map(|mut input| thread::spawn(move || input.write_all(&json)));
        let out = finish(child, self.deadline).map_err(failed)?;
        if out.status.success() && out.stdout.starts_with(b"%PDF-") {
            return Ok(out.stdout);
        }
        // A child that fails early closes its input; its error says why.
        let mut reason = error_text(&out);
        if let Some(Ok(Err(e))) = input.map(thread::JoinHandle::join) {
            reason = format!("{reason} (its input: {e})");
        }
        Err(failed(format!("failed: {reason}")))
    }
}

/// Reads a child's output until it closes both streams, then reaps it; a
/// child that has not closed them by `deadline` is killed (and reaped, so
/// no process is left behind). Each stream is read on its own thread, so a
/// PDF larger than a pipe's buffer cannot block the child.
fn finish(mut child: Child, deadline: Duration) -> Result<std::process::Output, String> {
    let until = Instant::now() + deadline;
    let (tx, rx) = mpsc::channel();
    let stdout = drain(child.stdout.take(), tx.clone(), Stream::Out);
    let stderr = drain(child.stderr.take(), tx, Stream::Err);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut open = [stdout, stderr].iter().filter(|&&s| s).count();
    while open > 0 {
        let why = match rx.recv_timeout(until.saturating_duration_since(Instant::now())) {
            Ok((Stream::Out, bytes)) => {
                out = bytes;
                open -= 1;
                continue;
            }
            Ok((Stream::Err, bytes)) => {
                err = bytes;
                open -= 1;
                continue;
            }
            Err(RecvTimeoutError::Timeout) => {
                format!(
                    "took longer than {} s and was stopped",
                    deadline.as_secs_f32()
                )
            }
            Err(RecvTimeoutError::Disconnected) => "could not be read".to_string(),
        };
        // Killing a child that has just ended does no harm; it is reaped
        // here either way, so no process is left behind.
        let _ = child.kill();
        let _ = child.wait();
        return Err(why);
    }
    let status = child
        .wait()
        .map_err(|e| format!("could not be waited for: {e}"))?;
    Ok(std::process::Output {
        status,
        stdout: out,
        stderr: err,
    })
}

/// A child's output stream.
enum Stream {
    Out,
    Err,
}

/// Reads `stream` to its end on a new thread and sends what it read, tagged
/// with `which`. Returns whether there was a stream to read. A read error
/// ends the stream early; the child's exit status then tells what happened.
fn drain(
    stream: Option<impl Read + Send + 'static>,
    tx: mpsc::Sender<(Stream, Vec<u8>)>,
    which: Stream,
) -> bool {
    let Some(mut stream) = stream else {
        return false;
    };
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        let _ = tx.send((which, bytes));
    });
    true
}

/// The child's last line on standard error, or how it ended.
fn error_text(out: &std::process::Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr);
    match stderr.lines().rev().find(|l| !l.trim().is_empty()) {
        Some(line) => line.trim().to_string(),
        None => format!("it ended with {}", out.status),
    }
}
