//! Pathway: anonymous online self-help programmes that prevent child sexual
//! abuse, served from one binary.

/// Application state and the router used by `serve` and the tests.
pub mod app;
/// Typed configuration from flags, `PATHWAY_*` variables and a file.
pub mod config;
/// Content: site.toml and Markdown modules, parsed and validated.
pub use pathway_core::content;
/// The store (SQLite or PostgreSQL): the only place with SQL.
pub mod db;
/// The request error type and its mapping to HTTP statuses.
pub mod error;
/// HTTP handlers and middleware.
pub mod http;
/// User-visible strings from Fluent files.
pub mod i18n;
/// `pathway migrate` and `pathway backup`.
pub mod maintenance;
/// Module and worksheet PDFs (typst, via the pathway-pdf crate).
pub mod pdf;
/// Content reload (SIGHUP and the staff area): check, then swap or keep.
pub mod reload;
/// Pre-rendered pages, templates and view models.
pub mod render;
/// The `serve` and `check` commands.
pub mod server;
/// Staff accounts: roles, passwords (argon2id), TOTP, tokens and codes.
pub mod staff;
/// Survey definitions and their validation (pure).
pub use pathway_core::survey;
/// Usage counters: counted in memory, flushed to the store, nothing about anyone.
pub mod usage;
/// Worksheet form decoding (answers are never stored).
pub use pathway_core::worksheet;
