//! Free-text answers are scrubbed of e-mail addresses, phone numbers and web
//! addresses before they are stored.

use crate::contact::{ContactKind, find};

/// What replaces each removed piece.
pub const REMOVED: &str = "[removed]";

/// What is removed from survey answers. Street addresses are not: a
/// pattern wide enough to catch them would also take ordinary answers,
/// and answers are changed without asking.
const REMOVED_KINDS: &[ContactKind] = &[ContactKind::Email, ContactKind::Web, ContactKind::Phone];

/// The text with contact details replaced by `[removed]`.
pub fn scrub(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for found in find(text, REMOVED_KINDS) {
        out.push_str(&text[at..found.range.start]);
        out.push_str(REMOVED);
        at = found.range.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_details_are_removed() {
        for (input, gone) in [
            (
                "write to me at someone.name@example.co.uk please",
                "example",
            ),
            ("john (at) mail (dot) com", "mail"),
            ("call 07700 900123 tonight", "900123"),
            ("ring +44 (0)20 7946 0018", "7946"),
            ("see https://example.org/page?x=1 for more", "example"),
            ("my site is www.example.net", "example"),
            ("look at myblog.com/posts", "myblog"),
        ] {
            let out = scrub(input);
            assert!(!out.contains(gone), "{input} -> {out}");
            assert!(out.contains(REMOVED), "{input} -> {out}");
        }
    }

    #[test]
    fn ordinary_answers_are_kept() {
        for text in [
            "It helped me to stop after 3 weeks.",
            "I talked to my GP in 2025 and felt better.",
            "Module 2 was hard to read, but useful.",
        ] {
            assert_eq!(scrub(text), text);
        }
    }
}
