//! A calendar reminder (RFC 5545 `.ics`) to come back: one all-day event
//! with a title and, if the person wrote one, a description, both theirs,
//! and an alarm that morning. No site name and no address unless they
//! typed it, no time of day from us: a calendar that syncs to someone
//! else's device shows only what the person chose.

use jiff::civil::Date;

/// The longest title kept, in characters.
pub const MAX_TITLE_CHARS: usize = 60;
/// The longest description kept, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 300;
/// The title used when the person leaves it empty.
pub const DEFAULT_TITLE: &str = "Reminder";
/// When the alarm goes off: this long after the start of the day.
pub const ALARM_AFTER: &str = "PT9H";

/// The furthest ahead a reminder can be set, in days.
pub const MAX_DAYS_AHEAD: i64 = 366;

/// The day typed (`YYYY-MM-DD`), when it is from `today` to
/// [`MAX_DAYS_AHEAD`] days on.
pub fn usable_day(typed: &str, today: Date) -> Option<Date> {
    let day = typed.trim().parse::<Date>().ok()?;
    let last = today
        .checked_add(jiff::Span::new().days(MAX_DAYS_AHEAD))
        .ok()?;
    (today..=last).contains(&day).then_some(day)
}

/// The title as it goes into the file: one line, printable, at most
/// `MAX_TITLE_CHARS` characters, `DEFAULT_TITLE` when empty.
pub fn title(typed: &str) -> String {
    let clean = one_line(typed, MAX_TITLE_CHARS);
    if clean.is_empty() {
        DEFAULT_TITLE.to_string()
    } else {
        clean
    }
}

/// The description as it goes into the file: one line, printable, at most
/// `MAX_DESCRIPTION_CHARS` characters; empty when the person wrote none.
pub fn description(typed: &str) -> String {
    one_line(typed, MAX_DESCRIPTION_CHARS)
}

fn one_line(typed: &str, max: usize) -> String {
    typed
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(max)
        .collect()
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
/// cleaned by [`title`]), described by `description` (cleaned by
/// [`description`]; left out when empty), with an alarm at the start of
/// the day plus [`ALARM_AFTER`], `uid` as its unique id (random, chosen by
/// the caller) and `on` as its stamp, so the file holds no time of day.
pub fn ics(title: &str, description: &str, on: Date, uid: &str) -> String {
    let day = on.strftime("%Y%m%d").to_string();
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//reminder//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "BEGIN:VEVENT".to_string(),
        format!("UID:{uid}"),
        format!("DTSTAMP:{day}T000000Z"),
        format!("DTSTART;VALUE=DATE:{day}"),
        format!("SUMMARY:{}", escape(title)),
    ];
    if !description.is_empty() {
        lines.push(format!("DESCRIPTION:{}", escape(description)));
    }
    lines.extend([
        "TRANSP:TRANSPARENT".to_string(),
        "BEGIN:VALARM".to_string(),
        "ACTION:DISPLAY".to_string(),
        format!("DESCRIPTION:{}", escape(title)),
        format!("TRIGGER;RELATED=START:{ALARM_AFTER}"),
        "END:VALARM".to_string(),
        "END:VEVENT".to_string(),
        "END:VCALENDAR".to_string(),
    ]);
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_usable_from_today_to_a_year_on() {
        let today = Date::new(2026, 12, 2).unwrap_or_default();
        assert_eq!(usable_day(" 2026-12-02 ", today), Some(today));
        assert!(usable_day("2027-12-03", today).is_some());
        assert_eq!(usable_day("2027-12-04", today), None);
        assert_eq!(usable_day("2026-12-01", today), None);
        assert_eq!(usable_day("tomorrow", today), None);
    }

    #[test]
    fn titles_are_one_short_line_or_the_default() {
        assert_eq!(title("  \n "), DEFAULT_TITLE);
        assert_eq!(title("Ring\r\nMum\tback"), "Ring Mum back");
        assert_eq!(title(&"é".repeat(100)).chars().count(), MAX_TITLE_CHARS);
    }

    #[test]
    fn the_file_is_one_all_day_event_with_only_the_title() {
        let on = Date::new(2026, 12, 8).unwrap_or_default();
        let f = ics("Dentist; bring card, \\ note", "", on, "a1b2@reminder");
        assert!(f.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(f.contains("\r\nDTSTART;VALUE=DATE:20261208\r\n"));
        assert!(f.contains("\r\nDTSTAMP:20261208T000000Z\r\n"));
        assert!(f.contains("SUMMARY:Dentist\\; bring card\\, \\\\ note\r\n"));
        assert!(f.ends_with("END:VCALENDAR\r\n"));
        assert!(!f.contains("URL") && !f.contains("LOCATION"));
        // One description only: the alarm's, which is the title.
        assert_eq!(f.matches("DESCRIPTION:").count(), 1);
        assert!(f.contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\n"));
        assert!(f.contains("TRIGGER;RELATED=START:PT9H\r\nEND:VALARM\r\n"));
        let described = ics("Reminder", &description("Read\nmodule 3 "), on, "u");
        assert!(described.contains("\r\nDESCRIPTION:Read module 3\r\n"));
        // Every line ends in CRLF and none is longer than 75 octets.
        let long = ics(&"ŵ".repeat(60), "", on, "u");
        for line in long.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        let unfolded = long.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY:{}", "ŵ".repeat(60))));
    }
}
