//! The staff area's words, from `locales/en-GB/staff.ftl`. The staff area
//! is in English (its readers are the service's own staff), but its words
//! live in Fluent like every other page's, so that a service can reword or
//! translate them. Templates call these by path:
//! `{{ crate::render::st::t("staff-sign-in") }}`.

use std::borrow::Borrow;
use std::fmt::Display;
use std::sync::LazyLock;

use crate::i18n::I18n;

static STAFF: LazyLock<I18n> = LazyLock::new(|| I18n::new("en-GB"));

/// The staff area's strings.
pub fn strings() -> &'static I18n {
    &STAFF
}

/// The string `key` (escaped by the template like any value).
pub fn t(key: &str) -> String {
    STAFF.t(key)
}

/// The string `key` with the number `$n` (plurals choose by it).
pub fn n(key: &str, n: impl Borrow<i64>) -> String {
    STAFF.tn(key, "n", *n.borrow())
}

/// The string `key` with one argument.
pub fn a(key: &str, name: &'static str, value: impl Display) -> String {
    STAFF.ta(key, &[(name, &value.to_string())])
}

/// The string `key` with two arguments.
pub fn a2(
    key: &str,
    n1: &'static str,
    v1: impl Display,
    n2: &'static str,
    v2: impl Display,
) -> String {
    STAFF.ta(key, &[(n1, &v1.to_string()), (n2, &v2.to_string())])
}

/// The string `key`, which holds markup (such as `<strong>`), with one
/// argument escaped: for a template's `|safe`.
pub fn h(key: &str, name: &'static str, value: impl Display) -> String {
    STAFF.ta(key, &[(name, &escape(&value.to_string()))])
}

/// As [`h`] with two arguments, both escaped.
pub fn h2(
    key: &str,
    n1: &'static str,
    v1: impl Display,
    n2: &'static str,
    v2: impl Display,
) -> String {
    STAFF.ta(
        key,
        &[
            (n1, &escape(&v1.to_string())),
            (n2, &escape(&v2.to_string())),
        ],
    )
}

/// The note under the paired results' heading: ids in `<code>`.
pub fn pair_note(
    follow_up: impl Display,
    baseline: impl Display,
    threshold: impl Display,
) -> String {
    STAFF.ta(
        "staff-report-paired-note",
        &[
            ("follow_up", &escape(&follow_up.to_string())),
            ("baseline", &escape(&baseline.to_string())),
            ("n", &threshold.to_string()),
        ],
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_in_markup_are_escaped() {
        let html = h2(
            "staff-signed-in-as",
            "name",
            "<b>x</b> & 'y'",
            "role",
            "admin",
        );
        assert!(
            html.contains("&lt;b&gt;x&lt;/b&gt; &amp; &#39;y&#39;"),
            "{html}"
        );
        assert!(html.contains("<strong>"), "{html}");
        assert!(!t("staff-area").starts_with(crate::i18n::MISSING));
        assert_eq!(
            n("staff-waiting-count", 1),
            "1 conversation waiting for a reply"
        );
        assert_eq!(
            n("staff-waiting-count", 2),
            "2 conversations waiting for a reply"
        );
    }
}
