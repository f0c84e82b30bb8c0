//! Typed configuration: command-line flags and `PATHWAY_*` variables (via
//! clap), then an optional TOML file, then defaults; validated at start.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

/// The database used when none is given: a SQLite file in the working folder.
pub const DEFAULT_DATABASE: &str = "sqlite:pathway.db";
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
pub const DEFAULT_CONTENT: &str = "content";
/// The data key file used when none is given and the database is not a
/// SQLite file (made at first start).
pub const DEFAULT_DATA_KEY: &str = "pathway.key";

/// Where the data key is looked for when none is given: beside a SQLite
/// database file (`pathway.db` → `pathway.key`), otherwise `pathway.key`
/// in the working folder. A real deployment names a file kept apart from
/// the database and its backups (docs/deploy.md).
pub fn default_data_key(database: &str) -> PathBuf {
    if database.starts_with("postgres://") || database.starts_with("postgresql://") {
        return PathBuf::from(DEFAULT_DATA_KEY);
    }
    let path = database
        .strip_prefix("sqlite://")
        .or_else(|| database.strip_prefix("sqlite:"))
        .unwrap_or(database);
    let path = path.split('?').next().unwrap_or(path);
    if path.is_empty() || path == ":memory:" {
        return PathBuf::from(DEFAULT_DATA_KEY);
    }
    Path::new(path).with_extension("key")
}

/// `pathway serve` options.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ServeArgs {
    /// A TOML configuration file (optional).
    #[arg(long, env = "PATHWAY_CONFIG")]
    pub config: Option<PathBuf>,
    /// The content folder (site.toml and modules/).
    #[arg(long, env = "PATHWAY_CONTENT")]
    pub content: Option<PathBuf>,
    /// sqlite:PATH, a file path, or postgres://...
    #[arg(long, env = "PATHWAY_DATABASE_URL")]
    pub database: Option<String>,
    /// Address to listen on.
    #[arg(long, env = "PATHWAY_BIND")]
    pub bind: Option<String>,
    /// Serve /staff only on this address (for example on an internal
    /// network); the public address then answers 404 for it.
    #[arg(long, env = "PATHWAY_STAFF_BIND")]
    pub staff_bind: Option<String>,
    /// Create the SQLite database file if it does not exist.
    #[arg(long)]
    pub create: bool,
    /// Log each request (method, path, status, duration only).
    #[arg(long, env = "PATHWAY_REQUEST_LOG")]
    pub request_log: Option<bool>,
    /// Database connections in the pool (default 4 on SQLite, 16 on PostgreSQL).
    #[arg(long, env = "PATHWAY_DB_POOL_SIZE")]
    pub db_pool_size: Option<u32>,
    /// Seconds a database statement may run (PostgreSQL) or wait for a lock
    /// (SQLite) before it fails (default 10).
    #[arg(long, env = "PATHWAY_DB_STATEMENT_TIMEOUT")]
    pub db_statement_timeout: Option<u64>,
    /// Start-up tries after the first while the database cannot be reached
    /// (default 0; one second apart, doubling up to 30 s).
    #[arg(long, env = "PATHWAY_DB_CONNECT_RETRIES")]
    pub db_connect_retries: Option<u32>,
    /// Seconds between checks for a content reload asked for on another
    /// instance (default 5; 0 turns the check off).
    #[arg(long, env = "PATHWAY_CONTENT_POLL")]
    pub content_poll: Option<u64>,
    /// The site's onion service address (http://….onion): sent to browsers
    /// in an Onion-Location header.
    #[arg(long, env = "PATHWAY_ONION_LOCATION")]
    pub onion_location: Option<String>,
    /// A listener for the onion service only (for example 127.0.0.1:8081):
    /// no forwarding header is believed there, and its visitors share limits
    /// of their own.
    #[arg(long, env = "PATHWAY_ONION_BIND")]
    pub onion_bind: Option<String>,
    /// The data key file (made by `pathway keygen`; default pathway.key).
    /// Keep it apart from the database and its backups.
    #[arg(long, env = "PATHWAY_DATA_KEY_FILE")]
    pub data_key_file: Option<PathBuf>,
    /// How log lines are written: "text" (the default; coloured only on a
    /// terminal) or "json" (one object per line, for a log shipper).
    #[arg(long, env = "PATHWAY_LOG_FORMAT")]
    pub log_format: Option<String>,
    /// The `pathway` binary that typesets PDFs (default: this one). Only
    /// for running the server under a tool such as valgrind, where this
    /// process's own path names the tool.
    #[arg(long, env = "PATHWAY_TYPESETTER")]
    pub typesetter: Option<PathBuf>,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

impl LogFormat {
    fn parse(text: &str) -> Result<Self, ConfigError> {
        match text {
            "text" => Ok(LogFormat::Text),
            "json" => Ok(LogFormat::Json),
            other => Err(ConfigError::LogFormat(other.to_string())),
        }
    }

    /// From `PATHWAY_LOG_FORMAT` alone (commands other than `serve`);
    /// text when it is unset or not understood.
    pub fn from_env() -> Self {
        std::env::var("PATHWAY_LOG_FORMAT")
            .ok()
            .and_then(|v| Self::parse(&v).ok())
            .unwrap_or_default()
    }
}

/// The log format `serve` is asked for: the flag or environment, else the
/// configuration file's `log_format`, else text. Read before the rest of
/// the configuration, because logging starts first.
pub fn log_format(args: &ServeArgs) -> Result<LogFormat, ConfigError> {
    if let Some(text) = &args.log_format {
        return LogFormat::parse(text);
    }
    let file = match &args.config {
        Some(path) => read_file(path)?,
        None => FileConfig::default(),
    };
    file.log_format
        .as_deref()
        .map_or(Ok(LogFormat::Text), LogFormat::parse)
}

/// The optional configuration file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    content: Option<PathBuf>,
    database: Option<String>,
    bind: Option<String>,
    staff_bind: Option<String>,
    request_log: Option<bool>,
    hsts: Option<bool>,
    body_limit_bytes: Option<usize>,
    request_timeout_seconds: Option<u64>,
    /// Reverse proxies whose X-Forwarded-For is believed (for rate limits).
    trusted_proxies: Option<Vec<std::net::IpAddr>>,
    /// Days a saved survey is kept (default 30).
    survey_draft_days: Option<u16>,
    /// Unfinished surveys kept at once before new ones are refused.
    survey_max_open_drafts: Option<i64>,
    /// Counts under this are shown as "fewer than N" (default 5).
    small_count_threshold: Option<i64>,
    /// Wrong codes from everyone together per ten minutes (default 1,000).
    wrong_codes_per_10_minutes: Option<u32>,
    db_pool_size: Option<u32>,
    db_statement_timeout: Option<u64>,
    db_acquire_timeout: Option<u64>,
    db_connect_retries: Option<u32>,
    content_poll: Option<u64>,
    onion_location: Option<String>,
    onion_bind: Option<String>,
    /// The data key file, and older ones still needed after a rotation.
    data_key_file: Option<PathBuf>,
    old_data_key_files: Option<Vec<PathBuf>>,
    /// Seconds a client may take to send a request's headers, and to send
    /// the next request on a kept-alive connection (default 10).
    header_read_timeout_seconds: Option<u64>,
    /// Seconds a connection may do nothing at all before it is closed
    /// (default 60).
    idle_timeout_seconds: Option<u64>,
    /// Connections open at once, per listener (default 10,000); more wait
    /// in the kernel's queue.
    max_connections: Option<usize>,
    /// Optional e-mail to staff when conversations wait.
    notify: Option<NotifyFile>,
    /// "text" or "json".
    log_format: Option<String>,
    /// Request counting and `/metrics` (default on).
    metrics: Option<bool>,
}

/// `[notify]` in the configuration file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NotifyFile {
    smtp_url: String,
    smtp_user: Option<String>,
    smtp_password_file: Option<PathBuf>,
    from: String,
    to: Vec<String>,
    every_minutes: Option<u64>,
}

/// Where and how often staff are told that conversations wait (checked by
/// `services::notify::Notifier::new` at start-up).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotifyConfig {
    /// `smtps://host`, `smtp://host?tls=required` (STARTTLS), or
    /// `smtp://host` for a relay on the same machine.
    pub smtp_url: String,
    pub smtp_user: Option<String>,
    /// The SMTP password, read from this file (never from the URL).
    pub smtp_password_file: Option<PathBuf>,
    pub from: String,
    pub to: Vec<String>,
    /// At most one notice per this long (default an hour).
    pub every: Duration,
}

/// HTTP settings the router needs.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// Log method, path, status and duration of each request.
    pub request_log: bool,
    /// Send Strict-Transport-Security (the site is served over TLS).
    pub hsts: bool,
    pub body_limit: usize,
    pub request_timeout: Duration,
    /// Reverse proxies whose forwarded address is believed for rate limits.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Days a saved survey draft is kept before it is purged.
    pub survey_draft_days: u16,
    /// Unfinished surveys kept at once; beyond it new ones are refused, so
    /// that nobody can fill the disk with drafts.
    pub survey_max_open_drafts: i64,
    /// In any published breakdown a count under this is shown as "fewer
    /// than N", so that small groups cannot be singled out.
    pub small_count_threshold: i64,
    /// /staff is served on its own listener, not on the public one.
    pub staff_separate: bool,
    /// The onion service's address, for the Onion-Location header.
    pub onion_location: Option<String>,
    /// Wrong survey and conversation codes in all, per ten minutes, before
    /// code checks pause for the rest of the ten minutes.
    pub wrong_codes_per_10_minutes: u32,
    /// Count requests and serve `/metrics` on the staff listener.
    pub metrics: bool,
}

impl Default for HttpConfig {
    fn default() -> Self {
        Self {
            request_log: false,
            hsts: false,
            body_limit: 64 * 1024,
            request_timeout: Duration::from_secs(30),
            trusted_proxies: Vec::new(),
            survey_draft_days: 30,
            survey_max_open_drafts: 100_000,
            wrong_codes_per_10_minutes: 1_000,
            small_count_threshold: 5,
            staff_separate: false,
            onion_location: None,
            metrics: true,
        }
    }
}

/// Everything `serve` needs.
#[derive(Debug, Clone)]
pub struct Config {
    pub content_dir: PathBuf,
    pub database: String,
    /// The default database may be created; a path someone typed may not.
    pub create_database: bool,
    pub bind: SocketAddr,
    /// Where /staff is served instead of `bind`, if set.
    pub staff_bind: Option<SocketAddr>,
    pub http: HttpConfig,
    pub db: DbOptions,
    /// How often to look for a reload asked for on another instance.
    pub content_poll: Option<Duration>,
    /// The onion service's own listener, if any.
    pub onion_bind: Option<SocketAddr>,
    /// Connection limits of every listener.
    pub server: ServerOptions,
    /// The data key file, and older keys kept to open values made before a
    /// rotation.
    pub data_key_file: PathBuf,
    pub old_data_key_files: Vec<PathBuf>,
    /// Staff e-mail notices, if set.
    pub notify: Option<NotifyConfig>,
}

/// What each listener allows a connection (slow clients cannot hold the
/// server: hyper's header-read timeout, an idle timeout, a connection cap).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerOptions {
    pub header_read_timeout: Duration,
    pub idle_timeout: Duration,
    pub max_connections: usize,
}

impl Default for ServerOptions {
    fn default() -> Self {
        Self {
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            max_connections: 10_000,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("log_format is `{0}`: write \"text\" or \"json\"")]
    LogFormat(String),
    #[error("cannot read the configuration file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the configuration file {path} is not valid: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("bind address `{0}` is not valid: write it like 127.0.0.1:8080")]
    Bind(String),
    #[error("{0} must be greater than zero")]
    Zero(&'static str),
    #[error("onion_location `{0}` is not an onion address: write it like http://example….onion")]
    Onion(String),
}

impl Config {
    /// Combines flags and environment (already merged by clap) with the file.
    pub fn from_args(args: &ServeArgs) -> Result<Config, ConfigError> {
        let file = match &args.config {
            Some(path) => read_file(path)?,
            None => FileConfig::default(),
        };
        let db = db_options(args, &file)?;
        let server = server_options(&file)?;
        log_format(args)?;
        let database = args.database.clone().or(file.database.clone());
        let bind_text = args
            .bind
            .clone()
            .or(file.bind.clone())
            .unwrap_or_else(|| DEFAULT_BIND.to_string());
        let bind = bind_text
            .parse()
            .map_err(|_| ConfigError::Bind(bind_text.clone()))?;
        let staff_bind = optional_bind(args.staff_bind.clone().or(file.staff_bind.clone()))?;
        let onion_bind = optional_bind(args.onion_bind.clone().or(file.onion_bind.clone()))?;
        let content_poll = match args.content_poll.or(file.content_poll).unwrap_or(5) {
            0 => None,
            n => Some(Duration::from_secs(n)),
        };
        Ok(Config {
            notify: notify_options(&file)?,
            db,
            content_poll,
            onion_bind,
            server,
            data_key_file: args
                .data_key_file
                .clone()
                .or(file.data_key_file.clone())
                .unwrap_or_else(|| {
                    default_data_key(database.as_deref().unwrap_or(DEFAULT_DATABASE))
                }),
            old_data_key_files: file.old_data_key_files.clone().unwrap_or_default(),
            content_dir: args
                .content
                .clone()
                .or(file.content.clone())
                .unwrap_or_else(|| PathBuf::from(DEFAULT_CONTENT)),
            create_database: args.create || database.is_none(),
            database: database.unwrap_or_else(|| DEFAULT_DATABASE.to_string()),
            bind,
            staff_bind,
            http: http_options(args, &file, staff_bind.is_some())?,
        })
    }
}

fn http_options(
    args: &ServeArgs,
    file: &FileConfig,
    staff_separate: bool,
) -> Result<HttpConfig, ConfigError> {
    let defaults = HttpConfig::default();
    let body_limit = file.body_limit_bytes.unwrap_or(defaults.body_limit);
    if body_limit == 0 {
        return Err(ConfigError::Zero("body_limit_bytes"));
    }
    let timeout = file
        .request_timeout_seconds
        .map_or(defaults.request_timeout, Duration::from_secs);
    if timeout.is_zero() {
        return Err(ConfigError::Zero("request_timeout_seconds"));
    }
    let onion_location = match args.onion_location.clone().or(file.onion_location.clone()) {
        Some(o) if is_onion(&o) => Some(o.trim_end_matches('/').to_string()),
        Some(o) => return Err(ConfigError::Onion(o)),
        None => None,
    };
    Ok(HttpConfig {
        staff_separate,
        onion_location,
        request_log: args.request_log.or(file.request_log).unwrap_or(false),
        hsts: file.hsts.unwrap_or(false),
        metrics: file.metrics.unwrap_or(true),
        body_limit,
        request_timeout: timeout,
        trusted_proxies: file.trusted_proxies.clone().unwrap_or_default(),
        survey_draft_days: match file.survey_draft_days {
            Some(0) => return Err(ConfigError::Zero("survey_draft_days")),
            Some(d) => d,
            None => defaults.survey_draft_days,
        },
        survey_max_open_drafts: match file.survey_max_open_drafts {
            Some(n) if n <= 0 => return Err(ConfigError::Zero("survey_max_open_drafts")),
            Some(n) => n,
            None => defaults.survey_max_open_drafts,
        },
        wrong_codes_per_10_minutes: match file.wrong_codes_per_10_minutes {
            Some(0) => return Err(ConfigError::Zero("wrong_codes_per_10_minutes")),
            Some(n) => n,
            None => defaults.wrong_codes_per_10_minutes,
        },
        small_count_threshold: match file.small_count_threshold {
            Some(n) if n <= 0 => return Err(ConfigError::Zero("small_count_threshold")),
            Some(n) => n,
            None => defaults.small_count_threshold,
        },
    })
}

fn optional_bind(text: Option<String>) -> Result<Option<SocketAddr>, ConfigError> {
    match text {
        Some(text) => Ok(Some(text.parse().map_err(|_| ConfigError::Bind(text))?)),
        None => Ok(None),
    }
}

fn server_options(file: &FileConfig) -> Result<ServerOptions, ConfigError> {
    let defaults = ServerOptions::default();
    let seconds = |v: Option<u64>, name: &'static str, default: Duration| match v {
        Some(0) => Err(ConfigError::Zero(name)),
        Some(n) => Ok(Duration::from_secs(n)),
        None => Ok(default),
    };
    Ok(ServerOptions {
        header_read_timeout: seconds(
            file.header_read_timeout_seconds,
            "header_read_timeout_seconds",
            defaults.header_read_timeout,
        )?,
        idle_timeout: seconds(
            file.idle_timeout_seconds,
            "idle_timeout_seconds",
            defaults.idle_timeout,
        )?,
        max_connections: match file.max_connections {
            Some(0) => return Err(ConfigError::Zero("max_connections")),
            Some(n) => n,
            None => defaults.max_connections,
        },
    })
}

/// `http://` or `https://`, a host ending in `.onion`, nothing else odd.
fn is_onion(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
    else {
        return false;
    };
    let host = rest.split('/').next().unwrap_or_default();
    host.ends_with(".onion")
        && host.len() > ".onion".len()
        && url.chars().all(|c| c.is_ascii_graphic())
}

fn db_options(args: &ServeArgs, file: &FileConfig) -> Result<DbOptions, ConfigError> {
    let defaults = DbOptions::default();
    let pool_size = args.db_pool_size.or(file.db_pool_size);
    if pool_size == Some(0) {
        return Err(ConfigError::Zero("db_pool_size"));
    }
    let seconds = |v: Option<u64>, name: &'static str, default: Duration| match v {
        Some(0) => Err(ConfigError::Zero(name)),
        Some(n) => Ok(Duration::from_secs(n)),
        None => Ok(default),
    };
    Ok(DbOptions {
        pool_size,
        statement_timeout: seconds(
            args.db_statement_timeout.or(file.db_statement_timeout),
            "db_statement_timeout",
            defaults.statement_timeout,
        )?,
        acquire_timeout: seconds(
            file.db_acquire_timeout,
            "db_acquire_timeout",
            defaults.acquire_timeout,
        )?,
        connect_retries: args
            .db_connect_retries
            .or(file.db_connect_retries)
            .unwrap_or(defaults.connect_retries),
    })
}

fn notify_options(file: &FileConfig) -> Result<Option<NotifyConfig>, ConfigError> {
    let Some(n) = &file.notify else {
        return Ok(None);
    };
    let every = match n.every_minutes {
        Some(0) => return Err(ConfigError::Zero("notify.every_minutes")),
        Some(m) => Duration::from_secs(m.saturating_mul(60)),
        None => Duration::from_secs(3600),
    };
    Ok(Some(NotifyConfig {
        smtp_url: n.smtp_url.clone(),
        smtp_user: n.smtp_user.clone(),
        smtp_password_file: n.smtp_password_file.clone(),
        from: n.from.clone(),
        to: n.to.clone(),
        every,
    }))
}

fn read_file(path: &Path) -> Result<FileConfig, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    toml::from_str(&text).map_err(|e| ConfigError::Parse {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests;

/// How the pool behaves (configurable for several instances).
#[derive(Debug, Clone)]
pub struct DbOptions {
    /// Connections in the pool (default: 4 for SQLite, 16 for PostgreSQL).
    pub pool_size: Option<u32>,
    /// PostgreSQL's `statement_timeout`; for SQLite the time to wait for a
    /// lock held by another connection.
    pub statement_timeout: Duration,
    /// How long a request waits for a free connection before giving up (it
    /// then gets the 503 page).
    pub acquire_timeout: Duration,
    /// Start-up tries after the first, one second apart and doubling up to
    /// 30 s, while the database cannot be reached.
    pub connect_retries: u32,
}

impl Default for DbOptions {
    fn default() -> Self {
        Self {
            pool_size: None,
            statement_timeout: Duration::from_secs(10),
            acquire_timeout: Duration::from_secs(5),
            connect_retries: 0,
        }
    }
}
