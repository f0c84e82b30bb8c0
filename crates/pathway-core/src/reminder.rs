//! A calendar reminder (RFC 5545 `.ics`) to come back for a reply: one
//! all-day event with a title the person chose, and nothing else. No site
//! name, no address, no description, no time of day: a calendar that syncs
//! to someone else's device shows only the neutral title.

use jiff::civil::Date;

/// The longest title kept, in characters.
pub const MAX_TITLE_CHARS: usize = 60;
/// The title used when the person leaves it empty.
pub const DEFAULT_TITLE: &str = "Check in";

/// The title as it goes into the file: one line, printable, at most
/// `MAX_TITLE_CHARS` characters, `DEFAULT_TITLE` when empty.
pub fn title(typed: &str) -> String {
    let clean: String = typed
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(MAX_TITLE_CHARS)
        .collect();
    if clean.is_empty() {
        DEFAULT_TITLE.to_string()
    } else {
        clean
    }
}

/// Text escaped for an iCalendar TEXT value (RFC 5545, 3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets, on character boundaries (RFC 5545,
/// 3.1), and ends it with CRLF.
fn fold(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// The calendar file: an all-day event on `on` titled `title` (already
/// cleaned by [`title`]), with `uid` as its unique id (random, chosen by
/// the caller) and `on` as its stamp, so the file holds no time of day.
pub fn ics(title: &str, on: Date, uid: &str) -> String {
    let day = on.strftime("%Y%m%d").to_string();
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//reminder//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "BEGIN:VEVENT".to_string(),
        format!("UID:{uid}"),
        format!("DTSTAMP:{day}T000000Z"),
        format!("DTSTART;VALUE=DATE:{day}"),
        format!("SUMMARY:{}", escape(title)),
        "TRANSP:TRANSPARENT".to_string(),
        "END:VEVENT".to_string(),
        "END:VCALENDAR".to_string(),
    ] {
        fold(&line, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_one_short_line_or_the_default() {
        assert_eq!(title("  \n "), DEFAULT_TITLE);
        assert_eq!(title("Ring\r\nMum\tback"), "Ring Mum back");
        assert_eq!(title(&"é".repeat(100)).chars().count(), MAX_TITLE_CHARS);
    }

    #[test]
    fn the_file_is_one_all_day_event_with_only_the_title() {
        let on = Date::new(2026, 12, 8).unwrap_or_default();
        let f = ics("Dentist; bring card, \\ note", on, "a1b2@reminder");
        assert!(f.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(f.contains("\r\nDTSTART;VALUE=DATE:20261208\r\n"));
        assert!(f.contains("\r\nDTSTAMP:20261208T000000Z\r\n"));
        assert!(f.contains("SUMMARY:Dentist\\; bring card\\, \\\\ note\r\n"));
        assert!(f.ends_with("END:VCALENDAR\r\n"));
        assert!(!f.contains("DESCRIPTION") && !f.contains("URL") && !f.contains("LOCATION"));
        // Every line ends in CRLF and none is longer than 75 octets.
        let long = ics(&"ŵ".repeat(60), on, "u");
        for line in long.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        let unfolded = long.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY:{}", "ŵ".repeat(60))));
    }
}
