//! The `pathway` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use pathway::config::ServeArgs;

#[derive(Parser)]
#[command(
    name = "pathway",
    version,
    about = "Anonymous online self-help programmes"
)]
struct Cli {
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
        #[arg(long, env = "PATHWAY_DATABASE_URL", default_value = pathway::config::DEFAULT_DATABASE)]
        database: String,
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
}

#[derive(Subcommand)]
enum StaffCommand {
    /// Add an account and print its one-time enrolment link (24 hours).
    Add {
        name: String,
        #[arg(long, value_parser = ["admin", "analyst", "editor"])]
        role: String,
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
struct StaffAt {
    /// The database (as for serve).
    #[arg(long, env = "PATHWAY_DATABASE_URL", default_value = pathway::config::DEFAULT_DATABASE)]
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
enum SurveyCommand {
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
        #[arg(long, env = "PATHWAY_DATABASE_URL", default_value = pathway::config::DEFAULT_DATABASE)]
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
        #[arg(long, env = "PATHWAY_DATABASE_URL", default_value = pathway::config::DEFAULT_DATABASE)]
        database: String,
    },
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("PATHWAY_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    match cli.command {
        Command::Migrate {
            database,
            check,
            create,
        } => {
            // The default database may be created, as `serve` would.
            let create = create || database.is_none();
            let database =
                database.unwrap_or_else(|| pathway::config::DEFAULT_DATABASE.to_string());
            run(pathway::maintenance::migrate(&database, create, check))
        }
        Command::Backup { target, database } => {
            run(pathway::maintenance::backup(&database, &target))
        }
        Command::Check { dir } => {
            pathway::server::check(&dir.unwrap_or_else(|| PathBuf::from("content")))
        }
        Command::Pdf {
            slug,
            output,
            all,
            content,
            repeat,
        } => pathway::server::write_pdfs(&content, slug.as_deref(), output, all, repeat),
        Command::Survey(SurveyCommand::Export {
            id,
            format,
            output,
            content,
            database,
        }) => match tokio::runtime::Runtime::new() {
            Ok(rt) => rt.block_on(pathway::server::export_survey(
                &content, &database, &id, &format, output,
            )),
            Err(e) => {
                eprintln!("error: cannot start the async runtime: {e}");
                ExitCode::FAILURE
            }
        },
        Command::Survey(SurveyCommand::Report {
            id,
            output,
            from,
            to,
            threshold,
            content,
            database,
        }) => match tokio::runtime::Runtime::new() {
            Ok(rt) => rt.block_on(pathway::server::report_survey(
                &content,
                &database,
                pathway::server::ReportRequest {
                    id,
                    output,
                    from,
                    to,
                    threshold,
                },
            )),
            Err(e) => {
                eprintln!("error: cannot start the async runtime: {e}");
                ExitCode::FAILURE
            }
        },
        Command::Staff(cmd) => {
            let (action, name, role, at) = match cmd {
                StaffCommand::Add { name, role, at } => ("add", name, role, at),
                StaffCommand::List { at } => ("list", String::new(), String::new(), at),
                StaffCommand::Disable { name, at } => ("disable", name, String::new(), at),
                StaffCommand::Enable { name, at } => ("enable", name, String::new(), at),
                StaffCommand::Reset { name, at } => ("reset", name, String::new(), at),
            };
            match tokio::runtime::Runtime::new() {
                Ok(rt) => rt.block_on(pathway::server::staff_command(
                    &at.database,
                    &at.base_url,
                    action,
                    &name,
                    &role,
                )),
                Err(e) => {
                    eprintln!("error: cannot start the async runtime: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Serve(args) => {
            let runtime = match tokio::runtime::Runtime::new() {
                Ok(rt) => rt,
                Err(e) => {
                    eprintln!("error: cannot start the async runtime: {e}");
                    return ExitCode::FAILURE;
                }
            };
            match runtime.block_on(pathway::server::serve(args)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
