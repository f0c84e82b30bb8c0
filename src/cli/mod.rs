//! The `pathway` command line, one file per command: `serve`, `check`,
//! `pdf`, `survey` (export and report), `staff`, `migrate` and `backup`.
//! Each command is a typed clap subcommand; nothing dispatches on strings.

mod backup;
mod check;
pub mod hygiene;
mod migrate;
mod pdf;
mod serve;
mod staff;
mod survey;
mod typeset;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::clock::Clock;
use crate::config::ServeArgs;
use crate::content::{Diagnostics, Programme, load};
use crate::services::staff::Role;

pub use serve::{StartError, serve};
pub use staff::StaffAction;
pub use survey::ReportRequest;

#[derive(Parser)]
#[command(
    name = "pathway",
    version,
    about = "Anonymous online self-help programmes"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the site.
    Serve(ServeArgs),
    /// Check a content folder and report every problem.
    Check {
        /// The content folder (default: content).
        dir: Option<PathBuf>,
    },
    /// Survey tools.
    #[command(subcommand)]
    Survey(SurveyCommand),
    /// Staff accounts.
    #[command(subcommand)]
    Staff(StaffCommand),
    /// Apply the database migrations (serve does this too), or check them.
    Migrate {
        /// sqlite:PATH, a file path, or postgres://...
        #[arg(long, env = "PATHWAY_DATABASE_URL")]
        database: Option<String>,
        /// Change nothing: list every migration and fail if any is pending.
        #[arg(long)]
        check: bool,
        /// Create the SQLite file if it does not exist.
        #[arg(long)]
        create: bool,
    },
    /// Copy the SQLite database consistently while the site runs.
    Backup {
        /// The new file (never overwritten).
        target: PathBuf,
        /// sqlite:PATH or a file path.
        #[arg(long, env = "PATHWAY_DATABASE_URL", default_value = crate::config::DEFAULT_DATABASE)]
        database: String,
    },
    /// Make a new data key file (it encrypts staff secrets in the database;
    /// keep it apart from the database and its backups).
    Keygen {
        /// The new file (never overwritten).
        #[arg(long, short, default_value = crate::config::DEFAULT_DATA_KEY)]
        out: PathBuf,
    },
    /// Write module PDFs: `pathway pdf SLUG [-o FILE]` or `pathway pdf --all DIR`.
    Pdf {
        /// The module's slug.
        slug: Option<String>,
        /// Where to write the one PDF (default: module-N.pdf).
        #[arg(short, long, conflicts_with = "all")]
        output: Option<PathBuf>,
        /// Write every module's PDF into this folder.
        #[arg(long, value_name = "DIR", conflicts_with = "slug")]
        all: Option<PathBuf>,
        /// The content folder.
        #[arg(long, env = "PATHWAY_CONTENT", default_value = "content")]
        content: PathBuf,
        /// Render each PDF this many times and report the median (benchmarks).
        #[arg(long, default_value_t = 1)]
        repeat: usize,
    },
    /// Typeset one PDF from the document data on standard input (the
    /// server runs this in a child process for each PDF).
    #[command(hide = true)]
    Typeset {
        /// module, worksheet, card or steps.
        #[arg(required_unless_present = "check")]
        template: Option<String>,
        /// A font file added after the bundled fonts (repeated, in order).
        #[arg(long = "font", value_name = "PATH")]
        fonts: Vec<PathBuf>,
        /// Only load the fonts and exit.
        #[arg(long)]
        check: bool,
    },
}

#[derive(Subcommand)]
pub enum StaffCommand {
    /// Add an account and print its one-time enrolment link (24 hours).
    Add {
        name: String,
        #[arg(long, value_parser = parse_role)]
        role: Role,
        #[command(flatten)]
        at: StaffAt,
    },
    /// List the accounts.
    List {
        #[command(flatten)]
        at: StaffAt,
    },
    /// Disable an account and end its sessions.
    Disable {
        name: String,
        #[command(flatten)]
        at: StaffAt,
    },
    /// Enable a disabled account.
    Enable {
        name: String,
        #[command(flatten)]
        at: StaffAt,
    },
    /// Clear an account's password, app and codes; print a new enrolment link.
    Reset {
        name: String,
        #[command(flatten)]
        at: StaffAt,
    },
}

#[derive(clap::Args)]
pub struct StaffAt {
    /// The database (as for serve).
    #[arg(long, env = "PATHWAY_DATABASE_URL", default_value = crate::config::DEFAULT_DATABASE)]
    database: String,
    /// The site's address, for the printed link.
    #[arg(
        long,
        env = "PATHWAY_BASE_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    base_url: String,
}

#[derive(Subcommand)]
pub enum SurveyCommand {
    /// Results as one HTML file: responses per day, and a chart and a table
    /// per question, with small counts hidden.
    Report {
        /// The survey's id.
        id: String,
        /// Output file (default: <id>-report.html).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// First day included (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Last day included (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// Counts under this are shown as "<N" with no bar.
        #[arg(long, default_value_t = 5)]
        threshold: i64,
        /// The content folder.
        #[arg(long, env = "PATHWAY_CONTENT", default_value = "content")]
        content: PathBuf,
        /// The database (as for serve).
        #[arg(long, env = "PATHWAY_DATABASE_URL", default_value = crate::config::DEFAULT_DATABASE)]
        database: String,
    },
    /// Export every response with a codebook beside it.
    Export {
        /// The survey's id.
        id: String,
        /// csv or json.
        #[arg(long, default_value = "csv", value_parser = ["csv", "json"])]
        format: String,
        /// Output file (default: <id>.csv or <id>.json); the codebook is
        /// written beside it as <name>.codebook.json.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The content folder.
        #[arg(long, env = "PATHWAY_CONTENT", default_value = "content")]
        content: PathBuf,
        /// The database (as for serve).
        #[arg(long, env = "PATHWAY_DATABASE_URL", default_value = crate::config::DEFAULT_DATABASE)]
        database: String,
    },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| "use admin, analyst or editor".to_string())
}

/// Runs a command on a fresh async runtime.
fn run(command: impl std::future::Future<Output = ExitCode>) -> ExitCode {
    match tokio::runtime::Runtime::new() {
        Ok(rt) => rt.block_on(command),
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Logs to standard error at `PATHWAY_LOG`'s levels, in the format asked
/// for; colours only when standard error is a terminal (never in a file or
/// the journal). A `log_format` the configuration gets wrong is reported
/// when `serve` reads it; until then, text.
fn start_logging(cli: &Cli) {
    use std::io::IsTerminal;
    let format = match &cli.command {
        Command::Serve(args) => crate::config::log_format(args).unwrap_or_default(),
        _ => crate::config::LogFormat::from_env(),
    };
    let builder = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("PATHWAY_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    match format {
        crate::config::LogFormat::Json => {
            let _ = LOG_JSON.set(true);
            builder.json().init();
        }
        crate::config::LogFormat::Text => builder.init(),
    }
}

/// Set when the log is JSON: content problems found at start-up are then
/// log events too, so that every line a log shipper reads is JSON.
static LOG_JSON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// `pathway`: parses the command line, sets up logging, runs the command.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    start_logging(&cli);
    let clock = Clock::system();
    match cli.command {
        Command::Migrate {
            database,
            check,
            create,
        } => {
            // The default database may be created, as `serve` would.
            let create = create || database.is_none();
            let database = database.unwrap_or_else(|| crate::config::DEFAULT_DATABASE.to_string());
            run(migrate::migrate(&database, create, check))
        }
        Command::Backup { target, database } => run(backup::backup(&database, &target)),
        Command::Keygen { out } => match crate::services::keys::write_new_key(&out) {
            Ok(()) => {
                say(&format!(
                    "Wrote a new data key to {}. Name it with data_key_file, and keep a copy apart from the database and its backups.",
                    out.display()
                ));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Command::Check { dir } => {
            check::check(&dir.unwrap_or_else(|| PathBuf::from("content")), clock)
        }
        Command::Pdf {
            slug,
            output,
            all,
            content,
            repeat,
        } => pdf::write_pdfs(&content, slug.as_deref(), output, all, repeat, clock),
        Command::Typeset {
            template,
            fonts,
            check,
        } => typeset::typeset(template.as_deref(), &fonts, check),
        Command::Survey(cmd) => run(survey::run(cmd, clock)),
        Command::Staff(cmd) => run(staff::run(cmd.into(), clock)),
        Command::Serve(args) => {
            hygiene::harden();
            match tokio::runtime::Runtime::new() {
                Ok(rt) => match rt.block_on(serve(args, clock)) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) if LOG_JSON.get().is_some() => {
                        tracing::error!("{e}");
                        ExitCode::FAILURE
                    }
                    Err(e) => {
                        eprintln!("error: {e}");
                        ExitCode::FAILURE
                    }
                },
                Err(e) => {
                    eprintln!("error: cannot start the async runtime: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// A line on standard output that never fails the server (for example when
/// nobody reads the output any more).
fn say(line: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// An error line on standard error, and failure.
fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::FAILURE
}

/// Prints every diagnostic, then a summary line.
pub fn report(diags: &Diagnostics) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    for d in diags.clone().sorted() {
        let _ = writeln!(err, "{d}");
    }
    if !diags.is_empty() {
        let _ = writeln!(
            err,
            "{} error(s), {} warning(s)",
            diags.error_count(),
            diags.warning_count()
        );
    }
}

/// Loads and checks content as of the clock's date; prints every problem
/// (as log events when the log is JSON).
pub fn load_content(dir: &Path, clock: Clock) -> Result<Programme, StartError> {
    let loaded = load(dir, clock.today());
    if LOG_JSON.get().is_some() {
        for d in loaded.diagnostics.clone().sorted() {
            let (file, line) = (d.file.display().to_string(), d.line);
            if d.severity == crate::content::Severity::Error {
                tracing::error!(%file, line, fix = %d.help, "{}", d.message);
            } else {
                tracing::warn!(%file, line, fix = %d.help, "{}", d.message);
            }
        }
    } else {
        report(&loaded.diagnostics);
    }
    loaded
        .programme
        .ok_or(StartError::Content(loaded.diagnostics.error_count()))
}
