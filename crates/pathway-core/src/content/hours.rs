//! Helpline opening hours in a named time zone, with dated closures, and the
//! "open now" / "closed now, opens ..." calculation.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Deserialize;

/// Opening hours as written in `site.toml`: per weekday, a list of
/// `"HH:MM-HH:MM"` ranges; a missing or empty day is closed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeekHours {
    #[serde(default)]
    pub monday: Vec<String>,
    #[serde(default)]
    pub tuesday: Vec<String>,
    #[serde(default)]
    pub wednesday: Vec<String>,
    #[serde(default)]
    pub thursday: Vec<String>,
    #[serde(default)]
    pub friday: Vec<String>,
    #[serde(default)]
    pub saturday: Vec<String>,
    #[serde(default)]
    pub sunday: Vec<String>,
}

impl WeekHours {
    fn days(&self) -> [(&'static str, &Vec<String>); 7] {
        [
            ("monday", &self.monday),
            ("tuesday", &self.tuesday),
            ("wednesday", &self.wednesday),
            ("thursday", &self.thursday),
            ("friday", &self.friday),
            ("saturday", &self.saturday),
            ("sunday", &self.sunday),
        ]
    }
}

/// A day the helpline is closed although it would normally be open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closure {
    pub date: Date,
    pub name: String,
}

/// Minutes after midnight, `start < end <= 24:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: u16,
    pub end: u16,
}

#[derive(Debug, Clone)]
pub struct OpeningHours {
    pub tz_name: String,
    tz: TimeZone,
    /// Monday first.
    pub days: [Vec<Span>; 7],
    pub closures: Vec<Closure>,
}

/// When the helpline next opens.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NextOpening {
    /// 0 = later today, 1 = tomorrow, and so on.
    pub days_ahead: u8,
    /// Monday = 0.
    pub weekday: u8,
    pub at: u16,
}

/// The helpline's state at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum HelplineStatus {
    Open {
        until: u16,
    },
    Closed {
        /// The closure in force today, such as a bank holiday.
        closure: Option<String>,
        next: Option<NextOpening>,
    },
}

impl OpeningHours {
    /// Validates the zone and every range; problems go to `report(message, fix)`.
    pub fn build(
        tz_name: &str,
        week: &WeekHours,
        closures: Vec<Closure>,
        mut report: impl FnMut(String, String),
    ) -> Option<OpeningHours> {
        let tz = match TimeZone::get(tz_name) {
            Ok(tz) => Some(tz),
            Err(_) => {
                report(
                    format!("unknown time zone `{tz_name}`"),
                    "use a time zone name such as \"Europe/London\"".to_string(),
                );
                None
            }
        };
        let mut days: [Vec<Span>; 7] = Default::default();
        let mut ok = true;
        for (i, (day, ranges)) in week.days().into_iter().enumerate() {
            for range in ranges {
                match parse_span(range) {
                    Some(span) => days[i].push(span),
                    None => {
                        ok = false;
                        report(
                            format!("{day}: `{range}` is not an opening time range"),
                            "write ranges like \"09:00-17:30\", with the start before the end (24:00 for midnight)".to_string(),
                        );
                    }
                }
            }
            days[i].sort_by_key(|s| s.start);
            if days[i].windows(2).any(|w| w[1].start < w[0].end) {
                ok = false;
                report(
                    format!("{day}: opening ranges overlap"),
                    "list ranges that do not overlap, such as [\"09:00-12:00\", \"13:00-17:00\"]"
                        .to_string(),
                );
            }
        }
        let tz = tz?;
        ok.then(|| OpeningHours {
            tz_name: tz_name.to_string(),
            tz,
            days,
            closures,
        })
    }

    /// The status at the instant `now` (from the caller's clock), in the
    /// helpline's time zone.
    pub fn status_at_instant(&self, now: jiff::Timestamp) -> HelplineStatus {
        let now = now.to_zoned_datetime(self.tz.clone());
        let minute = now.hour() as u16 * 60 + now.minute() as u16;
        self.status_at(now.date(), minute)
    }

    /// The status at a local date and minute of the day.
    pub fn status_at(&self, date: Date, minute: u16) -> HelplineStatus {
        let closure = self.closure_on(date).map(|c| c.name.clone());
        if closure.is_none()
            && let Some(span) = self
                .spans_on(date)
                .iter()
                .find(|s| s.start <= minute && minute < s.end)
        {
            return HelplineStatus::Open { until: span.end };
        }
        HelplineStatus::Closed {
            closure,
            next: self.next_opening(date, minute),
        }
    }

    fn next_opening(&self, date: Date, minute: u16) -> Option<NextOpening> {
        let mut day = date;
        for days_ahead in 0..=14u8 {
            if self.closure_on(day).is_none()
                && let Some(span) = self
                    .spans_on(day)
                    .iter()
                    .find(|s| days_ahead > 0 || s.start > minute)
            {
                return Some(NextOpening {
                    days_ahead,
                    weekday: weekday_index(day),
                    at: span.start,
                });
            }
            day = day.tomorrow().ok()?;
        }
        None
    }

    /// The `n`th working day after `from` (a day the helpline opens: it
    /// has hours and is not closed), for "expect a reply by". `None` when
    /// the helpline has no working day within a year.
    pub fn working_days_after(&self, from: Date, n: u8) -> Option<Date> {
        let mut day = from;
        let mut left = n;
        for _ in 0..366 {
            day = day.tomorrow().ok()?;
            if self.is_working_day(day) {
                left = left.saturating_sub(1);
                if left == 0 {
                    return Some(day);
                }
            }
        }
        None
    }

    fn is_working_day(&self, date: Date) -> bool {
        self.closure_on(date).is_none() && !self.spans_on(date).is_empty()
    }

    fn spans_on(&self, date: Date) -> &[Span] {
        &self.days[usize::from(weekday_index(date))]
    }

    fn closure_on(&self, date: Date) -> Option<&Closure> {
        self.closures.iter().find(|c| c.date == date)
    }

    /// Closures from `from` onwards, soonest first.
    pub fn upcoming_closures(&self, from: Date) -> Vec<&Closure> {
        let mut list: Vec<&Closure> = self.closures.iter().filter(|c| c.date >= from).collect();
        list.sort_by_key(|c| c.date);
        list
    }

    /// The date at the instant `now` in the helpline's zone.
    pub fn date_at(&self, now: jiff::Timestamp) -> Date {
        now.to_zoned_datetime(self.tz.clone()).date()
    }
}

fn weekday_index(date: Date) -> u8 {
    // Monday = 0 .. Sunday = 6.
    date.weekday().to_monday_zero_offset() as u8
}

fn parse_span(text: &str) -> Option<Span> {
    let (a, b) = text.split_once('-')?;
    let start = parse_minute(a.trim())?;
    let end = parse_minute(b.trim())?;
    (start < end).then_some(Span { start, end })
}

fn parse_minute(text: &str) -> Option<u16> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let h: u16 = h.parse().ok()?;
    let m: u16 = m.parse().ok()?;
    let total = h * 60 + m;
    (m < 60 && total <= 24 * 60).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours() -> OpeningHours {
        let week = WeekHours {
            monday: vec!["09:00-21:00".into()],
            tuesday: vec!["09:00-21:00".into()],
            wednesday: vec!["09:00-21:00".into()],
            thursday: vec!["09:00-21:00".into()],
            friday: vec!["09:00-17:00".into()],
            ..Default::default()
        };
        let closures = vec![Closure {
            date: jiff::civil::date(2026, 12, 25),
            name: "Christmas Day".into(),
        }];
        OpeningHours::build("Europe/London", &week, closures, |m, _| panic!("{m}"))
            .unwrap_or_else(|| panic!("valid hours"))
    }

    #[test]
    fn replies_are_due_after_working_days_only() {
        let h = hours();
        let date = |m, d| jiff::civil::date(2026, m, d);
        // Thursday 2026-12-03 + 3 working days: Fri, (weekend), Mon, Tue.
        assert_eq!(h.working_days_after(date(12, 3), 3), Some(date(12, 8)));
        // Christmas Day (a Friday) is closed: Wed 23rd + 2 is Mon 28th.
        assert_eq!(h.working_days_after(date(12, 23), 2), Some(date(12, 28)));
        // Sent on a Saturday, 1 working day: Monday.
        assert_eq!(h.working_days_after(date(12, 5), 1), Some(date(12, 7)));
        let never = OpeningHours::build("Europe/London", &WeekHours::default(), vec![], |m, _| {
            panic!("{m}")
        });
        assert_eq!(
            never.and_then(|n| n.working_days_after(date(12, 3), 1)),
            None
        );
    }

    #[test]
    fn open_during_hours_and_closed_after() {
        let h = hours();
        // 2026-11-23 is a Monday.
        let monday = jiff::civil::date(2026, 11, 23);
        assert_eq!(
            h.status_at(monday, 10 * 60),
            HelplineStatus::Open { until: 21 * 60 }
        );
        assert_eq!(
            h.status_at(monday, 21 * 60),
            HelplineStatus::Closed {
                closure: None,
                next: Some(NextOpening {
                    days_ahead: 1,
                    weekday: 1,
                    at: 9 * 60
                })
            }
        );
        assert_eq!(
            h.status_at(monday, 8 * 60),
            HelplineStatus::Closed {
                closure: None,
                next: Some(NextOpening {
                    days_ahead: 0,
                    weekday: 0,
                    at: 9 * 60
                })
            }
        );
    }

    #[test]
    fn weekend_and_closures_skip_to_next_open_day() {
        let h = hours();
        let friday_evening = jiff::civil::date(2026, 11, 27);
        assert_eq!(
            h.status_at(friday_evening, 18 * 60),
            HelplineStatus::Closed {
                closure: None,
                next: Some(NextOpening {
                    days_ahead: 3,
                    weekday: 0,
                    at: 9 * 60
                })
            }
        );
        // Christmas Day 2026 is a Friday: closed all day, opens Monday.
        let christmas = jiff::civil::date(2026, 12, 25);
        assert_eq!(
            h.status_at(christmas, 12 * 60),
            HelplineStatus::Closed {
                closure: Some("Christmas Day".into()),
                next: Some(NextOpening {
                    days_ahead: 3,
                    weekday: 0,
                    at: 9 * 60
                })
            }
        );
    }

    #[test]
    fn bad_ranges_and_zones_are_reported() {
        let week = WeekHours {
            monday: vec!["9-5".into(), "17:00-09:00".into()],
            tuesday: vec!["09:00-13:00".into(), "12:00-15:00".into()],
            ..Default::default()
        };
        let mut problems = Vec::new();
        let built = OpeningHours::build("Mars/Olympus", &week, vec![], |m, _| problems.push(m));
        assert!(built.is_none());
        assert_eq!(problems.len(), 4, "{problems:?}");
    }
}
