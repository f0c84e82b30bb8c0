//! Pathway: anonymous online self-help programmes that prevent child sexual
//! abuse, served from one binary.
//!
//! The modules form layers that only point down (see ARCHITECTURE.md; the
//! `layers` test enforces it):
//!
//! 1. `pathway_core` (its own crate): the pure domain.
//! 2. `clock`, `config`, `i18n`: what every layer above may read.
//! 3. `db` (all SQL) and `render` (templates, view models, pre-rendered pages).
//! 4. `services`: content versions and reloads, PDFs, usage counting, staff
//!    credentials, the blocking-work pool.
//! 5. `http`: state, router, extractors, middleware, handlers, errors.
//! 6. `cli`: the commands.

/// The one clock: tests set the date.
pub mod clock;
/// Typed configuration from flags, `PATHWAY_*` variables and a file.
pub mod config;
/// User-visible strings from Fluent files.
pub mod i18n;

/// The store (SQLite or PostgreSQL): the only place with SQL.
pub mod db;
/// Templates, view models and the pages of a content version.
pub mod render;

/// Content versions, PDFs, usage counting, staff credentials, blocking work.
pub mod services;

/// HTTP: state, router, extractors, middleware, handlers and errors.
pub mod http;

/// The command line: serve, check, pdf, survey, staff, migrate, backup.
pub mod cli;

/// Content: site.toml and Markdown modules, parsed and validated.
pub use pathway_core::content;
/// Survey definitions, validation and flow (pure).
pub use pathway_core::survey;
/// Worksheet form decoding (answers are never stored).
pub use pathway_core::worksheet;
