//! User-visible strings from Fluent files under `locales/`, embedded at
//! build time. Handlers and templates never hard-code English.

use std::borrow::Cow;
use std::collections::HashMap;

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
        }
    }

    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// The string `key`.
    pub fn t(&self, key: &str) -> String {
        LOCALES
            .try_lookup(&self.lang, key)
            .unwrap_or_else(|| missing(key))
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

fn missing(key: &str) -> String {
    tracing::warn!(key, "missing UI string");
    format!("{MISSING}{key}]")
}
