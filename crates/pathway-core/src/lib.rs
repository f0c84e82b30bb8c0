//! Pathway's pure core, without typst, HTTP or a database, so that it
//! builds quickly for fuzzing: the content model and its checker, survey
//! definitions and answer validation, and form decoding.

/// Content: site.toml and Markdown modules, parsed and validated.
pub mod content;
/// The fuzz targets' bodies, shared with the property tests.
#[doc(hidden)]
pub mod fuzzing;
/// Survey definitions and their validation (pure).
pub mod survey;
/// Worksheet form decoding (answers are never stored).
pub mod worksheet;
