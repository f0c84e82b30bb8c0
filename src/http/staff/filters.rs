//! The filters of the survey results pages and exports (date range,
//! version, language), read from the query string and validated, and the
//! per-language counts shown beside them.

use crate::http::state::AppState;
use crate::render::report::Filter;
use crate::survey::export::StoredResponse;

/// The query string of the results pages and exports. Anything that is not
/// a valid date or version is ignored, so that a link never fails.
#[derive(serde::Deserialize, Default, Debug)]
pub struct ResultsQuery {
    pub(super) from: Option<String>,
    pub(super) to: Option<String>,
    pub(super) version: Option<String>,
    pub(super) locale: Option<String>,
    pub(super) question: Option<String>,
    pub(super) q: Option<String>,
    pub(super) page: Option<String>,
    pub(super) confirmed: Option<String>,
}

/// The filters that were valid.
pub(super) struct Filters {
    pub(super) from: Option<String>,
    pub(super) to: Option<String>,
    pub(super) version: Option<i64>,
    /// One of the site's language tags.
    pub(super) locale: Option<String>,
}

impl Filters {
    /// The valid filters of `q`; a language must be one of `tags`.
    pub(super) fn of(q: &ResultsQuery, tags: &[String]) -> Self {
        let date =
            |t: &Option<String>| t.clone().filter(|t| t.parse::<jiff::civil::Date>().is_ok());
        Self {
            from: date(&q.from),
            to: date(&q.to),
            version: q.version.as_deref().and_then(|v| v.parse().ok()),
            locale: q.locale.clone().filter(|l| tags.contains(l)),
        }
    }

    pub(super) fn filter(&self) -> Filter<'_> {
        Filter {
            from: self.from.as_deref(),
            to: self.to.as_deref(),
            version: self.version,
            locale: self.locale.as_deref(),
        }
    }

    /// The filters as a query string: `?from=…&to=…&version=…` (values are
    /// validated dates and numbers, so nothing needs escaping), or empty.
    pub(super) fn query(&self) -> String {
        let parts: Vec<String> = [
            self.from.as_ref().map(|f| format!("from={f}")),
            self.to.as_ref().map(|t| format!("to={t}")),
            self.version.map(|v| format!("version={v}")),
            self.locale.as_ref().map(|l| format!("locale={l}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// For the audit log.
    pub(super) fn describe(&self) -> String {
        let q = self.query();
        if q.is_empty() {
            "all".into()
        } else {
            q[1..].to_string()
        }
    }
}

/// The site's languages as (tag, name), when it has more than one.
pub(super) fn languages(state: &AppState) -> Vec<(String, String)> {
    let pages = state.pages();
    let langs = pages.langs();
    if langs.len() < 2 {
        return Vec::new();
    }
    langs
        .iter()
        .map(|l| (l.tag.clone(), l.name.clone()))
        .collect()
}

/// Responses per language under the other filters, as (name, count shown
/// under the small-count rule); empty for a site with one language.
pub(super) fn by_language(
    state: &AppState,
    all: &[StoredResponse],
    filters: &Filters,
    threshold: i64,
) -> Vec<(String, String)> {
    let every = Filter {
        locale: None,
        ..filters.filter()
    };
    let chosen = every.responses(all);
    languages(state)
        .into_iter()
        .map(|(tag, name)| {
            let n = chosen.iter().filter(|r| r.locale == tag).count();
            let n = i64::try_from(n).unwrap_or(i64::MAX);
            (name, crate::survey::results::shown(n, threshold))
        })
        .collect()
}
