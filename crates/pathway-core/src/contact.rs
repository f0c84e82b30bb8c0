//! Contact details in free text: e-mail addresses, web addresses, phone
//! numbers and street addresses, found with where they are. Survey answers
//! have the first three removed before they are stored (`survey::scrub`);
//! a message to the helpline is never changed, but its writer is shown
//! where each one is and chooses to edit or send.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// What a piece of text looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContactKind {
    Email,
    Web,
    Phone,
    StreetAddress,
}

impl ContactKind {
    /// Plain words for the warning page.
    pub fn describe(self) -> &'static str {
        match self {
            ContactKind::Email => "an e-mail address",
            ContactKind::Web => "a web address",
            ContactKind::Phone => "a phone number",
            ContactKind::StreetAddress => "a street address or postcode",
        }
    }
}

/// One piece of text that looks like a contact detail: its kind and its
/// byte range in the text (always on character boundaries).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub kind: ContactKind,
    pub range: Range<usize>,
}

static PATTERNS: LazyLock<Vec<(ContactKind, Regex)>> = LazyLock::new(|| {
    [
        (
            ContactKind::Email,
            r"(?i)[a-z0-9._%+\-]+\s*(?:@|\(at\)|\[at\])\s*[a-z0-9.\-]+\s*(?:\.|\(dot\)|\[dot\])\s*[a-z]{2,}",
        ),
        (ContactKind::Web, r"(?i)\b(?:https?://|www\.)\S+"),
        (
            ContactKind::Web,
            r"(?i)\b[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.(?:com|org|net|uk|co|io|info|me|ly|gg|tv|app|onion)\b(?:/\S*)?",
        ),
        // 7 or more digits, allowing spaces, dots, dashes and brackets.
        (ContactKind::Phone, r"\+?\(?\d(?:[\s().\-]*\d){6,}"),
        // A house number, one to three capitalised words and a street word:
        // "12 Station Road", "4a Mill Lane". Lower-case words do not count,
        // so "2 hours on the road" is not an address.
        (
            ContactKind::StreetAddress,
            r"\b\d{1,4}[A-Za-z]?,?\s+(?:[A-Z][a-z'’\-]+\s+){1,3}(?i:road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|court|place|gardens|terrace|grove|hill|park|square|row|walk|mews)\b",
        ),
        // A UK postcode: "SW1A 1AA", "m1 1ae".
        (
            ContactKind::StreetAddress,
            r"(?i)\b[a-z]{1,2}\d[a-z\d]?\s*\d[abd-hjlnp-uw-z]{2}\b",
        ),
    ]
    .into_iter()
    .filter_map(|(kind, p)| Regex::new(p).ok().map(|re| (kind, re)))
    .collect()
});

/// Every contact detail in `text` of one of `kinds`, in order, without
/// overlaps (where two overlap, the one that starts first is kept, and the
/// longer of two that start together).
pub fn find(text: &str, kinds: &[ContactKind]) -> Vec<Found> {
    let mut all: Vec<Found> = PATTERNS
        .iter()
        .filter(|(kind, _)| kinds.contains(kind))
        .flat_map(|(kind, re)| {
            re.find_iter(text).map(|m| Found {
                kind: *kind,
                range: m.range(),
            })
        })
        .collect();
    all.sort_by(|a, b| {
        (a.range.start, std::cmp::Reverse(a.range.end))
            .cmp(&(b.range.start, std::cmp::Reverse(b.range.end)))
    });
    let mut out: Vec<Found> = Vec::with_capacity(all.len());
    for f in all {
        match out.last() {
            Some(last) if f.range.start < last.range.end => {}
            _ => out.push(f),
        }
    }
    out
}

/// Every kind.
pub const ALL: &[ContactKind] = &[
    ContactKind::Email,
    ContactKind::Web,
    ContactKind::Phone,
    ContactKind::StreetAddress,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_in(text: &str) -> Vec<(ContactKind, &str)> {
        find(text, ALL)
            .into_iter()
            .map(|f| (f.kind, &text[f.range]))
            .collect()
    }

    #[test]
    fn each_kind_is_found_where_it_is() {
        use ContactKind::*;
        assert_eq!(
            kinds_in("mail me at sam.k@example.org or call 07700 900123"),
            [(Email, "sam.k@example.org"), (Phone, "07700 900123")]
        );
        assert_eq!(
            kinds_in("I live at 12 Station Road, near the park"),
            [(StreetAddress, "12 Station Road")]
        );
        assert_eq!(kinds_in("postcode sw1a 1aa"), [(StreetAddress, "sw1a 1aa")]);
        assert_eq!(
            kinds_in("see https://example.net/x today"),
            [(Web, "https://example.net/x")]
        );
    }

    #[test]
    fn ordinary_words_are_not_contact_details() {
        for text in [
            "I spent 2 hours on the road and felt calmer.",
            "It has been 3 weeks since I last did it.",
            "In 2025 I talked to my GP, at 10.30 in the morning.",
        ] {
            assert_eq!(kinds_in(text), [], "{text}");
        }
    }

    #[test]
    fn only_the_kinds_asked_for_are_found() {
        let text = "12 Station Road, 07700 900123";
        let found = find(text, &[ContactKind::Phone]);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "07700 900123");
    }
}
