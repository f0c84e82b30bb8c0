//! Messages to the helpline (pure rules): what a person may send, the
//! states a conversation goes through, and the warning shown when a
//! message looks like it holds contact details. Nothing here stores or
//! reads a clock; the caller passes today's date.

use crate::contact::{self, ContactKind};

/// The longest message, in characters, stated on the writing page.
pub const MAX_MESSAGE_CHARS: usize = 4000;
/// The longest nickname, in characters.
pub const MAX_NICKNAME_CHARS: usize = 40;

/// Where a conversation stands, as the inbox shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    /// Written, not yet answered or taken.
    New,
    /// The writer wrote again after a reply.
    WaitingForUs,
    /// A practitioner replied; the writer has not written since.
    WaitingForThem,
    /// A practitioner closed it; a new message from the writer opens it.
    Closed,
}

impl State {
    pub const ALL: [State; 4] = [
        State::New,
        State::WaitingForUs,
        State::WaitingForThem,
        State::Closed,
    ];

    /// The name stored in the database.
    pub fn name(self) -> &'static str {
        match self {
            State::New => "new",
            State::WaitingForUs => "waiting-for-us",
            State::WaitingForThem => "waiting-for-them",
            State::Closed => "closed",
        }
    }

    pub fn parse(name: &str) -> Option<State> {
        State::ALL.into_iter().find(|s| s.name() == name)
    }

    /// After the writer sends a message.
    pub fn after_writer(self) -> State {
        match self {
            State::New => State::New,
            _ => State::WaitingForUs,
        }
    }

    /// After a practitioner replies.
    pub fn after_reply(self) -> State {
        State::WaitingForThem
    }

    /// Whether the helpline owes the writer an answer.
    pub fn waiting_for_us(self) -> bool {
        matches!(self, State::New | State::WaitingForUs)
    }
}

/// Why a message cannot be sent as it is; the page shows it again with
/// the text kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Empty,
    TooLong { chars: usize },
    NicknameTooLong,
}

impl Problem {
    /// The interface string that explains it (`locales/*/main.ftl`) and
    /// its arguments: the length typed and the most allowed.
    pub fn key(&self) -> (&'static str, [(&'static str, usize); 2]) {
        match self {
            Problem::Empty => ("messages-problem-empty", [("chars", 0), ("max", 0)]),
            Problem::TooLong { chars } => (
                "messages-problem-too-long",
                [("chars", *chars), ("max", MAX_MESSAGE_CHARS)],
            ),
            Problem::NicknameTooLong => (
                "messages-problem-nickname",
                [("chars", 0), ("max", MAX_NICKNAME_CHARS)],
            ),
        }
    }
}

/// A message checked for sending: text trimmed of blank lines at either
/// end and with line endings made `\n`; the nickname on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub text: String,
    pub nickname: Option<String>,
    /// The writer said they are under 18 (set by the caller from the form).
    pub under_18: bool,
    /// The language of the pages it was written on, a tag such as `cy`
    /// (set by the caller; empty for the site's default language).
    pub locale: String,
}

/// Checks a message and its optional nickname as typed.
pub fn check(text: &str, nickname: &str) -> Result<Draft, Problem> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim_matches(|c: char| c == '\n' || c.is_whitespace());
    if text.is_empty() {
        return Err(Problem::Empty);
    }
    let chars = text.chars().count();
    if chars > MAX_MESSAGE_CHARS {
        return Err(Problem::TooLong { chars });
    }
    let nickname = nickname.split_whitespace().collect::<Vec<_>>().join(" ");
    if nickname.chars().count() > MAX_NICKNAME_CHARS {
        return Err(Problem::NicknameTooLong);
    }
    Ok(Draft {
        text: text.to_string(),
        nickname: (!nickname.is_empty()).then_some(nickname),
        under_18: false,
        locale: String::new(),
    })
}

/// One passage of the warning page: the text split into plain parts and
/// parts that look like contact details, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part<'a> {
    Plain(&'a str),
    Flagged { text: &'a str, kind: ContactKind },
}

/// The message split at each piece that looks like a contact detail, for
/// a warning page that marks where they are. Empty when there is none
/// (nothing to warn about).
pub fn contact_warning(text: &str) -> Vec<Part<'_>> {
    let found = contact::find(text, contact::ALL);
    if found.is_empty() {
        return Vec::new();
    }
    let mut parts = Vec::with_capacity(found.len() * 2 + 1);
    let mut at = 0;
    for f in found {
        if f.range.start > at {
            parts.push(Part::Plain(&text[at..f.range.start]));
        }
        parts.push(Part::Flagged {
            text: &text[f.range.clone()],
            kind: f.kind,
        });
        at = f.range.end;
    }
    if at < text.len() {
        parts.push(Part::Plain(&text[at..]));
    }
    parts
}

/// The median of a histogram of (days, how many), or `None` when empty.
/// With an even count it is the mean of the two middle values.
pub fn median_days(buckets: &[(i64, i64)]) -> Option<f64> {
    let total: i64 = buckets.iter().map(|(_, n)| *n).sum();
    if total <= 0 {
        return None;
    }
    let nth = |k: i64| {
        let mut seen = 0;
        buckets.iter().find_map(|(d, n)| {
            seen += n;
            (seen > k).then_some(*d)
        })
    };
    let (lo, hi) = (nth((total - 1) / 2)?, nth(total / 2)?);
    Some((lo + hi) as f64 / 2.0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn medians_of_histograms() {
        assert_eq!(median_days(&[]), None);
        assert_eq!(median_days(&[(2, 1)]), Some(2.0));
        assert_eq!(median_days(&[(0, 1), (1, 1), (5, 1)]), Some(1.0));
        assert_eq!(median_days(&[(1, 1), (3, 1)]), Some(2.0));
        assert_eq!(median_days(&[(0, 5), (9, 1)]), Some(0.0));
        assert_eq!(median_days(&[(1, 2), (2, 2)]), Some(1.5));
    }

    use super::*;

    #[test]
    fn states_follow_the_conversation() {
        let s = State::New;
        assert_eq!(s.after_writer(), State::New);
        let s = s.after_reply();
        assert_eq!(s, State::WaitingForThem);
        assert!(!s.waiting_for_us());
        assert_eq!(s.after_writer(), State::WaitingForUs);
        assert_eq!(State::Closed.after_writer(), State::WaitingForUs);
        for s in State::ALL {
            assert_eq!(State::parse(s.name()), Some(s));
        }
        assert_eq!(State::parse("open"), None);
    }

    #[test]
    fn messages_are_checked_and_tidied() {
        assert_eq!(check(" \r\n \n", ""), Err(Problem::Empty));
        let long = "a".repeat(MAX_MESSAGE_CHARS + 1);
        assert_eq!(
            check(&long, ""),
            Err(Problem::TooLong {
                chars: MAX_MESSAGE_CHARS + 1
            })
        );
        // Characters are counted, not bytes.
        assert!(check(&"é".repeat(MAX_MESSAGE_CHARS), "").is_ok());
        assert_eq!(
            check("\r\nHello.\r\nThanks.\r\n", "  Sam \n K "),
            Ok(Draft {
                text: "Hello.\nThanks.".into(),
                nickname: Some("Sam K".into()),
                under_18: false,
                locale: String::new(),
            })
        );
        assert_eq!(
            check("Hi", &"n".repeat(MAX_NICKNAME_CHARS + 1)),
            Err(Problem::NicknameTooLong)
        );
        assert_eq!(
            Problem::TooLong { chars: 4100 }.key(),
            (
                "messages-problem-too-long",
                [("chars", 4100), ("max", MAX_MESSAGE_CHARS)]
            )
        );
    }

    #[test]
    fn the_warning_marks_each_contact_detail_and_keeps_every_word() {
        let text = "Please call me on 07700 900123 after work.";
        let parts = contact_warning(text);
        assert_eq!(
            parts,
            [
                Part::Plain("Please call me on "),
                Part::Flagged {
                    text: "07700 900123",
                    kind: ContactKind::Phone
                },
                Part::Plain(" after work."),
            ]
        );
        let rebuilt: String = parts
            .iter()
            .map(|p| match p {
                Part::Plain(t) | Part::Flagged { text: t, .. } => *t,
            })
            .collect();
        assert_eq!(rebuilt, text, "nothing is changed");
        assert!(contact_warning("I would like to talk about my thoughts.").is_empty());
    }
}
