//! Request metrics: a layer that counts every answer by the kind of page
//! (from the path's shape, never the path itself) and status class, and
//! `GET /metrics` on the staff listener, with gauges read at the scrape.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::State;
use axum::http::{Request, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::http::around::Around;
use crate::http::state::AppState;
use crate::services::metrics::{Class, Metrics, Snapshot, resident_bytes};

/// The kind of request `path` is, by its shape alone. Counted for every
/// request, so it works on bytes: no substring searcher built per call, no
/// iterator of parts (see `tests::the_same_as_the_plain_version`).
pub fn class_of(path: &str) -> Class {
    let (path, first) = without_locale(path);
    by_parts(path, first, has_worksheets_part)
}

/// The class of `path` (without its language prefix) whose first part is
/// `first`; `worksheets` says whether it holds `/worksheets/`.
fn by_parts(path: &str, first: &str, worksheets: impl Fn(&str) -> bool) -> Class {
    match first {
        "staff" => Class::staff,
        "static" | "favicon.ico" | "robots.txt" => Class::asset,
        "healthz" | "readyz" | "metrics" => Class::health,
        "survey" => Class::survey,
        "messages" => Class::message,
        "urge" | "where-to-start" | "where-to-start.pdf" | "coping-card" | "coping-card.pdf"
        | "reminder" | "reminder.ics" => Class::tool,
        "modules" if worksheets(path) => Class::worksheet,
        _ if path.ends_with(".pdf") => Class::pdf,
        _ => Class::page,
    }
}

/// `path` without a short language prefix (`/cy/survey` is a survey in
/// Welsh), and its first part after its leading slashes.
fn without_locale(path: &str) -> (&str, &str) {
    let (rest, cut) = split(path);
    let Some(i) = cut else {
        return (path, rest);
    };
    let tag = &rest.as_bytes()[..i];
    if !((2..=3).contains(&tag.len()) && tag.iter().all(u8::is_ascii_lowercase)) {
        return (path, &rest[..i]);
    }
    let path = &rest[i..];
    match split(path) {
        (rest, Some(j)) => (path, &rest[..j]),
        (rest, None) => (path, rest),
    }
}

/// `p` after its leading slashes, and where its next slash is.
fn split(p: &str) -> (&str, Option<usize>) {
    let rest = p.trim_start_matches('/');
    (rest, memchr::memchr(b'/', rest.as_bytes()))
}

/// Whether `path` holds `/worksheets/`, with a searcher built once.
fn has_worksheets_part(path: &str) -> bool {
    static WORKSHEETS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"/worksheets/"));
    WORKSHEETS.find(path.as_bytes()).is_some()
}

/// Counts every answer of the service it wraps (after error pages are
/// made) by class and status class, with its duration.
#[derive(Clone)]
pub struct Track {
    metrics: Arc<Metrics>,
}

impl Track {
    pub fn new(metrics: Arc<Metrics>) -> Self {
        Self { metrics }
    }
}

impl Around for Track {
    type Noted = (Class, Instant, Arc<Metrics>);

    fn before<B>(&self, request: &Request<B>) -> Result<Self::Noted, Box<Response>> {
        Ok((
            class_of(request.uri().path()),
            Instant::now(),
            self.metrics.clone(),
        ))
    }

    fn after((class, started, metrics): Self::Noted, response: Response) -> Response {
        metrics.answered(class, response.status().as_u16(), started.elapsed());
        response
    }
}

fn gauge(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// `GET /metrics` (staff listener only): OpenMetrics text.
pub async fn metrics(State(state): State<AppState>) -> Response {
    let pages = state.pages();
    let ready = crate::http::health::readiness(&state).await.ready();
    let (pool_size, pool_idle) = state.store.pool_stats();
    let today = state.clock.today();
    let drafts = state.store.open_drafts(today).await.unwrap_or(-1);
    let inbox = state.store.inbox_summary().await.unwrap_or_default();
    let oldest = inbox
        .oldest_waiting_since
        .as_deref()
        .and_then(|d| d.parse::<jiff::civil::Date>().ok())
        .map_or(0, |d| i64::from((today - d).get_days()));
    let hash = &pages.programme().hash;
    let now = Snapshot {
        ready,
        content_version: hash.get(..12).unwrap_or(hash).to_string(),
        modules: i64::try_from(pages.programme().modules.len()).unwrap_or(i64::MAX),
        reloads: state.reloader.as_ref().map_or((0, 0), |r| r.counts()),
        pages: pages.counts().read(),
        jobs_running: gauge(state.blocking.running()),
        jobs_waiting: gauge(state.blocking.waiting()),
        jobs_refused: state.blocking.refused(),
        pool_size,
        pool_idle,
        survey_drafts_open: drafts,
        writer: state.submitter.stats().clone(),
        conversations_open: inbox.open,
        messages_waiting: inbox.waiting,
        oldest_wait_days: oldest,
        resident_bytes: resident_bytes(),
    };
    match state.metrics.encode(&now) {
        Ok(body) => (
            StatusCode::OK,
            [
                (
                    header::CONTENT_TYPE,
                    "application/openmetrics-text; version=1.0.0; charset=utf-8",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            body,
        )
            .into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain version `class_of` replaced (string splits and a
    /// substring search), kept as the reference.
    fn plain(path: &str) -> Class {
        let rest = path.trim_start_matches('/');
        let path = match rest.split_once('/') {
            Some((tag, tail))
                if (2..=3).contains(&tag.len()) && tag.chars().all(|c| c.is_ascii_lowercase()) =>
            {
                &path[path.len() - tail.len() - 1..]
            }
            _ => path,
        };
        let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
        by_parts(path, first, |p| p.contains("/worksheets/"))
    }

    proptest! {
        /// For any path made of the parts that matter and some that do not.
        #[test]
        fn the_same_as_the_plain_version(
            parts in proptest::collection::vec(
                prop_oneof![
                    "worksheets", "modules", "", "x", "cy", "CY", "abcd", "é", "staff",
                    "static", "survey", "messages", "urge", "a.pdf", "worksheets.pdf",
                    "healthz", "coping-card.pdf", "[a-z/]{0,6}",
                ],
                0..6,
            ),
            lead in prop_oneof!["", "/", "//"],
        ) {
            let path = format!("{lead}{}", parts.join("/"));
            prop_assert_eq!(class_of(&path), plain(&path), "{}", path);
        }
    }
}
