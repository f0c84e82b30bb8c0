//! The one clock. Everything that asks the time (the helpline's "open now",
//! draft expiry, follow-up dates, daily salts, staff sessions and TOTP)
//! asks the `Clock` it was given, so tests can set the date. The pure core
//! never reads a clock: it is passed the instant or the date.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// The system clock, or a fixed instant for tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Clock {
    fixed: Option<Timestamp>,
}

impl Clock {
    /// The machine's clock.
    pub fn system() -> Self {
        Self { fixed: None }
    }

    /// Always `at` (for tests).
    pub fn fixed(at: Timestamp) -> Self {
        Self { fixed: Some(at) }
    }

    /// Always noon (UTC) on `date` (for tests).
    pub fn on(date: Date) -> Self {
        let at = date
            .at(12, 0, 0, 0)
            .to_zoned_datetime(TimeZone::UTC)
            .map(|z| z.timestamp())
            .unwrap_or(Timestamp::UNIX_EPOCH);
        Self::fixed(at)
    }

    pub fn now(&self) -> Timestamp {
        self.fixed.unwrap_or_else(Timestamp::now)
    }

    /// Today's date in UTC.
    pub fn today(&self) -> Date {
        self.now().to_zoned_datetime(TimeZone::UTC).date()
    }

    /// Seconds since the epoch.
    pub fn unix(&self) -> i64 {
        self.now().as_second()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_tells_its_date() {
        let c = Clock::on(jiff::civil::date(2026, 3, 1));
        assert_eq!(c.today(), jiff::civil::date(2026, 3, 1));
        assert_eq!(c.now(), c.now());
        assert!(Clock::system().unix() > 1_700_000_000);
    }
}
