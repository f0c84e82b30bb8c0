//! User-visible strings from Fluent files under `locales/`, embedded at
//! build time. No page hard-codes English: the public pages, surveys,
//! worksheets and PDFs take theirs from `main.ftl` in the reader's
//! language; the staff area (`http/staff`, `templates/staff*.html`,
//! `templates/report.html`) takes its own from `en-GB/staff.ftl` through
//! `render::st`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en-GB",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// Strings in one language.
#[derive(Debug, Clone)]
pub struct I18n {
    lang: LanguageIdentifier,
    tag: String,
    /// Strings without arguments, formatted once: a page asks for dozens
    /// of them (labels, the footer), and each Fluent lookup formats anew.
    plain: Arc<RwLock<HashMap<String, String>>>,
}

/// "rtl" or "ltr" for a language (by its script, or its usual script).
pub fn direction(lang: &LanguageIdentifier) -> &'static str {
    match lang.character_direction() {
        unic_langid::CharacterDirection::RTL => "rtl",
        _ => "ltr",
    }
}

/// "rtl" or "ltr" for a BCP 47 tag ("ltr" when it cannot be read).
pub fn direction_of(tag: &str) -> &'static str {
    tag.parse().map_or("ltr", |lang| direction(&lang))
}

/// Marks a missing string so that tests can find it in any page.
pub const MISSING: &str = "[missing text: ";

impl I18n {
    /// `tag` such as "en-GB"; an unknown or invalid tag falls back to en-GB.
    pub fn new(tag: &str) -> Self {
        let lang = tag
            .parse()
            .unwrap_or_else(|_| fluent_templates::langid!("en-GB"));
        Self {
            lang,
            tag: tag.to_string(),
            plain: Arc::default(),
        }
    }

    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// The language's writing direction, for `<html dir>`: "rtl" for
    /// Arabic, Hebrew, Persian, Urdu and the other right-to-left languages.
    pub fn dir(&self) -> &'static str {
        direction(&self.lang)
    }

    /// The string `key`.
    pub fn t(&self, key: &str) -> String {
        if let Some(s) = self.plain.read().ok().and_then(|m| m.get(key).cloned()) {
            return s;
        }
        let Some(s) = LOCALES.try_lookup(&self.lang, key) else {
            return missing(key);
        };
        if let Ok(mut m) = self.plain.write() {
            m.insert(key.to_string(), s.clone());
        }
        s
    }

    /// The string `key` with named arguments.
    pub fn ta(&self, key: &str, args: &[(&'static str, &str)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.to_string())))
            .collect();
        LOCALES
            .try_lookup_with_args(&self.lang, key, &map)
            .unwrap_or_else(|| missing(key))
    }

    /// The string `key` with one numeric argument (for plurals).
    pub fn tn(&self, key: &str, name: &'static str, n: i64) -> String {
        let mut map: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        map.insert(Cow::Borrowed(name), FluentValue::from(n));
        LOCALES
            .try_lookup_with_args(&self.lang, key, &map)
            .unwrap_or_else(|| missing(key))
    }

    /// A weekday name, Monday = 0.
    pub fn weekday(&self, index: u8) -> String {
        const KEYS: [&str; 7] = [
            "day-monday",
            "day-tuesday",
            "day-wednesday",
            "day-thursday",
            "day-friday",
            "day-saturday",
            "day-sunday",
        ];
        self.t(KEYS[usize::from(index % 7)])
    }
}

impl I18n {
    /// A time of day in the locale's plain words ("9am", "5:30pm", "12 noon",
    /// "midnight" in English). `minute` counts from midnight, up to 24:00.
    pub fn time(&self, minute: u16) -> String {
        let (h, m) = (minute / 60, minute % 60);
        if m == 0 && (h == 0 || h == 24) {
            return self.t("time-midnight");
        }
        if m == 0 && h == 12 {
            return self.t("time-noon");
        }
        let h12 = match h % 12 {
            0 => 12,
            x => x,
        };
        let key = match (h < 12, m == 0) {
            (true, true) => "time-am",
            (true, false) => "time-am-minutes",
            (false, true) => "time-pm",
            (false, false) => "time-pm-minutes",
        };
        self.ta(
            key,
            &[("hour", &h12.to_string()), ("minute", &format!("{m:02}"))],
        )
    }

    /// A date with its weekday, such as "Friday 25 December 2026".
    pub fn long_date(&self, date: jiff::civil::Date) -> String {
        let weekday = self.weekday(date.weekday().to_monday_zero_offset() as u8);
        let month = self.t(&format!("month-{}", date.month()));
        self.ta(
            "date-long",
            &[
                ("weekday", &weekday),
                ("day", &date.day().to_string()),
                ("month", &month),
                ("year", &date.year().to_string()),
            ],
        )
    }
}

fn missing(key: &str) -> String {
    tracing::warn!(key, "missing UI string");
    format!("{MISSING}{key}]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_dates_in_plain_english() {
        let t = I18n::new("en-GB");
        assert_eq!(t.time(9 * 60), "9am");
        assert_eq!(t.time(17 * 60 + 30), "5:30pm");
        assert_eq!(t.time(12 * 60), "12 noon");
        assert_eq!(t.time(24 * 60), "midnight");
        assert_eq!(t.time(30), "12:30am");
        assert_eq!(
            t.long_date(jiff::civil::date(2026, 12, 25)),
            "Friday 25 December 2026"
        );
    }

    #[test]
    fn a_missing_string_is_marked_not_hidden() {
        assert!(I18n::new("en-GB").t("no-such-key").starts_with(MISSING));
    }
}
