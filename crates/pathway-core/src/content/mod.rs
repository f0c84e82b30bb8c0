//! Content: `site.toml` and the Markdown modules. Parsing does no file I/O;
//! `load` walks a folder and collects every problem at once.

pub mod body;
pub mod diag;
pub mod exercise;
pub mod front;
pub mod hours;
pub mod load;
pub mod model;
pub mod self_check;
pub mod site;
pub mod site_text;
pub mod snippets;
pub mod translate;
pub mod urge;

pub use diag::{Diagnostic, Diagnostics, Severity};
pub use load::{Loaded, load};
pub use model::{
    Audience, Block, CalloutKind, Exercise, Field, FieldKind, FrontMatter, JurisdictionText, Md,
    Module, Programme, Section,
};
pub use site::Site;
