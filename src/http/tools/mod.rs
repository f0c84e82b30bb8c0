//! Tools that store nothing: each answer builds one page or one file and
//! is forgotten. Their forms share one extractor (body limit, strict
//! decoding, a per-address limit); nothing typed is logged or counted.

mod card;
mod form;
mod reminder;
mod start;

pub use card::{MAX_CARD_CHARS, card_page, card_pdf};
pub use form::{TOOL_BODY_LIMIT, ToolForm};
pub use reminder::{reminder_file, reminder_page};
pub use start::{self_check_page, self_check_pdf, self_check_result};
