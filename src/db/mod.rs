//! The store: the only place with SQL. SQLite (embedded, the default) or
//! PostgreSQL, chosen from the URL, each with its own embedded migrations.

/// Runs the same sqlx code on whichever pool the store holds.
macro_rules! with_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match $store {
            Store::Sqlite($pool) => $body,
            Store::Postgres($pool) => $body,
        }
    };
}

pub mod admin;
pub mod batch;
pub mod inbox;
pub mod messages;
pub mod notices;
mod rows;
pub mod sealed;
pub mod staff;
pub mod starts;
mod submit;
pub mod surveys;
pub mod usage;
pub mod writer_stats;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error(
        "unknown database scheme `{0}`: use a file path, sqlite:PATH, or postgres://user@host/database"
    )]
    UnknownScheme(String),
    #[error(
        "the SQLite database {0} does not exist: check the path, or pass --create to make a new one"
    )]
    SqliteMissing(PathBuf),
    #[error("the database URL is not valid: {0}")]
    BadUrl(String),
    #[error("cannot open {target}: {source}")]
    Connect {
        /// Host and database, never the password.
        target: String,
        source: sqlx::Error,
    },
    #[error("cannot apply database migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Query(#[from] sqlx::Error),
    #[error("cannot encode a batch for the database: {0}")]
    Encode(String),
    #[error("the survey writer has stopped (the server is shutting down)")]
    Closed,
    #[error("{0}")]
    Unsupported(&'static str),
    #[error("{0} already exists: choose a new file name, so that no backup is overwritten")]
    Exists(PathBuf),
}

pub use crate::config::DbOptions;

/// A connection pool on one of the two backends.
#[derive(Debug, Clone)]
pub enum Store {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A connection taken from the pool and kept by a task that uses it
/// often (the survey writer and draft reader under load). A pooled query
/// otherwise costs a second round trip to the connection's thread, for the
/// check sqlx makes when a connection goes back to the pool.
pub enum Held {
    Sqlite(sqlx::pool::PoolConnection<sqlx::Sqlite>),
    Postgres(sqlx::pool::PoolConnection<sqlx::Postgres>),
}

impl Store {
    /// Whether the pool is large enough for two tasks to keep a connection
    /// each and still leave two for everything else.
    pub fn may_hold(&self) -> bool {
        let size = match self {
            Store::Sqlite(pool) => pool.options().get_max_connections(),
            Store::Postgres(pool) => pool.options().get_max_connections(),
        };
        size >= 4
    }

    /// Takes a connection out of the pool until the `Held` is dropped.
    pub async fn hold(&self) -> Result<Held, DbError> {
        Ok(match self {
            Store::Sqlite(pool) => Held::Sqlite(pool.acquire().await?),
            Store::Postgres(pool) => Held::Postgres(pool.acquire().await?),
        })
    }
}

/// One recorded content version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentVersion {
    pub hash: String,
    pub module_count: i64,
}

impl Store {
    /// Opens the database named by `url`. A SQLite file is created only when
    /// `create` is set, so a mistyped path is an error, not a new database.
    pub async fn connect(url: &str, create: bool) -> Result<Store, DbError> {
        Self::connect_with(url, create, &DbOptions::default()).await
    }

    /// As [`Store::connect`], with pool options, retrying an unreachable
    /// database `connect_retries` times (never a missing SQLite file or a
    /// bad URL, which no wait can mend).
    pub async fn connect_with(
        url: &str,
        create: bool,
        options: &DbOptions,
    ) -> Result<Store, DbError> {
        let mut wait = Duration::from_secs(1);
        let mut attempt = 0;
        loop {
            match Self::connect_once(url, create, options).await {
                Err(e @ DbError::Connect { .. }) if attempt < options.connect_retries => {
                    attempt += 1;
                    tracing::warn!(
                        error = %e,
                        attempt,
                        of = options.connect_retries,
                        "cannot reach the database yet; trying again in {}s",
                        wait.as_secs()
                    );
                    tokio::time::sleep(wait).await;
                    wait = (wait * 2).min(Duration::from_secs(30));
                }
                other => return other,
            }
        }
    }

    async fn connect_once(url: &str, create: bool, options: &DbOptions) -> Result<Store, DbError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Self::connect_postgres(url, options).await;
        }
        if let Some((scheme, _)) = url.split_once("://")
            && scheme != "sqlite"
        {
            return Err(DbError::UnknownScheme(scheme.to_string()));
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        let path = path.split('?').next().unwrap_or(path);
        Self::connect_sqlite(Path::new(path), create, options).await
    }

    async fn connect_sqlite(path: &Path, create: bool, o: &DbOptions) -> Result<Store, DbError> {
        let memory = path.as_os_str() == ":memory:";
        if !memory && !create && !path.exists() {
            return Err(DbError::SqliteMissing(path.to_path_buf()));
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(create)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(o.statement_timeout)
            // SQLite's default 2 MB of page cache per connection. 8 MB was
            // tried for draft lookups by a random token: with 100,000 open
            // drafts it cost 6 MB of resident memory and no submission
            // rate that the benchmark could see (BENCHMARKS.md, issue 20);
            // the pages missed are in the system's file cache anyway.
            .pragma("cache_size", "-2000")
            // The server copies the WAL back into the database from a
            // task of its own (`copy_log_back`, every half second), off
            // the writer's path. SQLite's automatic checkpoint, run by the
            // commit that crosses 10,000 pages (40 MB), stays as the
            // backstop for the command-line tools and for a WAL that the
            // task could not finish because writes kept coming; it then
            // has only the pages the task had not copied yet. Commits are
            // as durable either way.
            .pragma("wal_autocheckpoint", "10000")
            // Deleted rows (drafts, under-18 answers, sessions) are
            // overwritten with zeros, not left readable in free pages.
            .pragma("secure_delete", "ON")
            // The WAL is reused in place after each checkpoint: cutting it
            // back to nothing every time made every commit until the next
            // checkpoint grow the file, and a flush that must also record
            // the new length cost a third of the submission rate. Old
            // copies of deleted rows are removed by `scrub_log`, run on a
            // timer; this limit only cuts back a WAL that a long reader
            // let grow past the usual 40 MB.
            .pragma("journal_size_limit", "67108864");
        let pool = SqlitePoolOptions::new()
            .max_connections(if memory { 1 } else { o.pool_size.unwrap_or(4) })
            .acquire_timeout(o.acquire_timeout)
            // A connection to a local file cannot go stale: skip the ping
            // (a round trip to the connection's thread) on every acquire.
            .test_before_acquire(false)
            .connect_with(options)
            .await
            .map_err(|source| DbError::Connect {
                target: format!("SQLite database {}", path.display()),
                source,
            })?;
        Ok(Store::Sqlite(pool))
    }

    async fn connect_postgres(url: &str, o: &DbOptions) -> Result<Store, DbError> {
        let timeout_ms = o.statement_timeout.as_millis().to_string();
        let options = PgConnectOptions::from_str(url)
            .map_err(|e| DbError::BadUrl(redact(url, &e)))?
            .options([("statement_timeout", timeout_ms.as_str())]);
        let target = format!(
            "PostgreSQL database `{}` on {}:{}",
            options.get_database().unwrap_or("(default)"),
            options.get_host(),
            options.get_port()
        );
        let pool = PgPoolOptions::new()
            .max_connections(o.pool_size.unwrap_or(16))
            .acquire_timeout(o.acquire_timeout)
            .connect_with(options)
            .await
            .map_err(|source| DbError::Connect { target, source })?;
        Ok(Store::Postgres(pool))
    }

    /// Applies the embedded migrations of this backend.
    pub async fn migrate(&self) -> Result<(), DbError> {
        match self {
            Store::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await?,
            Store::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        Ok(())
    }

    /// "SQLite" or "PostgreSQL", for start-up messages.
    pub fn backend(&self) -> &'static str {
        match self {
            Store::Sqlite(_) => "SQLite",
            Store::Postgres(_) => "PostgreSQL",
        }
    }

    /// Records that content version `hash` was loaded (once per hash).
    pub async fn record_content_version(
        &self,
        hash: &str,
        module_count: i64,
        today: jiff::civil::Date,
    ) -> Result<(), DbError> {
        let today = surveys::day(today);
        let sql = "INSERT INTO content_versions (hash, module_count, first_loaded_on) \
                   VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING";
        match self {
            Store::Sqlite(pool) => {
                sqlx::query(sql)
                    .bind(hash)
                    .bind(module_count)
                    .bind(&today)
                    .execute(pool)
                    .await?;
            }
            Store::Postgres(pool) => {
                sqlx::query(sql)
                    .bind(hash)
                    .bind(module_count)
                    .bind(&today)
                    .execute(pool)
                    .await?;
            }
        }
        Ok(())
    }

    /// Every recorded content version, oldest hash first.
    pub async fn content_versions(&self) -> Result<Vec<ContentVersion>, DbError> {
        let sql = "SELECT hash, module_count FROM content_versions ORDER BY first_loaded_on, hash";
        let rows: Vec<(String, i64)> = match self {
            Store::Sqlite(pool) => sqlx::query_as(sql).fetch_all(pool).await?,
            Store::Postgres(pool) => sqlx::query_as(sql).fetch_all(pool).await?,
        };
        Ok(rows
            .into_iter()
            .map(|(hash, module_count)| ContentVersion { hash, module_count })
            .collect())
    }

    /// SQLite's journal mode and synchronous level on each of `n` pooled
    /// connections held at once (for the durability check); empty on
    /// PostgreSQL.
    pub async fn sqlite_durability(&self, n: usize) -> Result<Vec<(String, i64)>, DbError> {
        let Store::Sqlite(pool) = self else {
            return Ok(Vec::new());
        };
        let mut held = Vec::new();
        let mut out = Vec::new();
        for _ in 0..n {
            let mut conn = pool.acquire().await?;
            let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
                .fetch_one(&mut *conn)
                .await?;
            let (sync,): (i64,) = sqlx::query_as("PRAGMA synchronous")
                .fetch_one(&mut *conn)
                .await?;
            out.push((mode, sync));
            held.push(conn);
        }
        Ok(out)
    }

    /// Removes old copies of deleted rows from SQLite's WAL file: copies
    /// every change back into the database (where `secure_delete` has
    /// already overwritten deleted rows) and cuts the WAL to nothing.
    /// Returns `false` when readers or a writer kept it from finishing
    /// within the busy timeout (it is tried again next time). Nothing to
    /// do on PostgreSQL, whose write-ahead log is its own.
    pub async fn scrub_log(&self) -> Result<bool, DbError> {
        let done = self.checkpoint("PRAGMA wal_checkpoint(TRUNCATE)").await?;
        Ok(done.is_none_or(|(busy, _, _)| busy == 0))
    }

    /// Copies the changes in SQLite's WAL file back into the database
    /// without waiting for readers or the writer (a passive checkpoint),
    /// on a connection of its own: the survey writer's commits then never
    /// wait for this copy and its flush, as they do when SQLite's own
    /// automatic checkpoint runs inside the commit that crosses its limit.
    /// Returns the frames in the WAL and how many of them are now in the
    /// database; (0, 0) on PostgreSQL, whose write-ahead log is its own.
    pub async fn copy_log_back(&self) -> Result<(i64, i64), DbError> {
        let done = self.checkpoint("PRAGMA wal_checkpoint(PASSIVE)").await?;
        Ok(done.map_or((0, 0), |(_, log, done)| (log, done)))
    }

    /// One of SQLite's `wal_checkpoint` statements: whether it was kept
    /// from finishing, the frames in the WAL and the frames now in the
    /// database; `None` on PostgreSQL.
    async fn checkpoint(&self, sql: &'static str) -> Result<Option<(i64, i64, i64)>, DbError> {
        let Store::Sqlite(pool) = self else {
            return Ok(None);
        };
        Ok(Some(sqlx::query_as(sql).fetch_one(pool).await?))
    }

    /// Connections open in the pool, and how many of them are idle.
    pub fn pool_stats(&self) -> (i64, i64) {
        let (size, idle) = with_pool!(self, pool => (pool.size(), pool.num_idle()));
        (i64::from(size), i64::try_from(idle).unwrap_or(i64::MAX))
    }

    /// Whether the database answers: one trivial query.
    pub async fn ping(&self) -> Result<(), DbError> {
        with_pool!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(drop)?);
        Ok(())
    }

    pub async fn close(&self) {
        match self {
            Store::Sqlite(pool) => pool.close().await,
            Store::Postgres(pool) => pool.close().await,
        }
    }
}

/// An error message about a URL without its password.
fn redact(url: &str, e: &sqlx::Error) -> String {
    let shown = match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://…@{}", &url[..s], &url[at + 1..]),
        _ => url.to_string(),
    };
    format!("{shown}: {e}").replace(url, "")
}
