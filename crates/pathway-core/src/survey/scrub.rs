//! Free-text answers are scrubbed of e-mail addresses, phone numbers and web
//! addresses before they are stored.

use std::sync::LazyLock;

use regex::Regex;

/// What replaces each removed piece.
pub const REMOVED: &str = "[removed]";

static PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // e-mail addresses
        r"(?i)[a-z0-9._%+\-]+\s*(?:@|\(at\)|\[at\])\s*[a-z0-9.\-]+\s*(?:\.|\(dot\)|\[dot\])\s*[a-z]{2,}",
        // web addresses, with or without a scheme
        r"(?i)\b(?:https?://|www\.)\S+",
        r"(?i)\b[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.(?:com|org|net|uk|co|io|info|me|ly|gg|tv|app|onion)\b(?:/\S*)?",
        // phone numbers: 7 or more digits, allowing spaces, dots, dashes and brackets
        r"\+?\(?\d(?:[\s().\-]*\d){6,}",
    ]
    .iter()
    .filter_map(|p| Regex::new(p).ok())
    .collect()
});

/// The text with contact details replaced by `[removed]`.
pub fn scrub(text: &str) -> String {
    let mut out = text.to_string();
    for re in PATTERNS.iter() {
        out = re.replace_all(&out, REMOVED).into_owned();
    }
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
