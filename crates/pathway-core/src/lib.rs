//! Pathway's pure core, without typst, HTTP, a database or a clock, so that
//! it builds quickly for fuzzing: the content model and its checker, survey
//! definitions, answer validation and the survey flow, form decoding, what
//! usage figures count, and staff roles. Today's date is always passed in.

/// Staff roles and their rights.
pub mod access;
/// Contact details in free text, found with where they are.
pub mod contact;
/// Content: site.toml and Markdown modules, parsed and validated.
pub mod content;
/// Form bodies decoded strictly.
pub mod form;
/// The fuzz targets' bodies, shared with the property tests.
#[doc(hidden)]
pub mod fuzzing;
/// Messages to the helpline: checks, conversation states, warnings.
pub mod message;
/// Survey definitions, their validation and the survey flow (pure).
/// Calendar reminders to come back for a reply (`.ics`), holding only a
/// neutral title.
pub mod reminder;
pub mod survey;
/// Usage events and counts.
pub mod usage;
/// Worksheet form decoding (answers are never stored).
pub mod worksheet;
