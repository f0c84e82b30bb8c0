//! Metrics for operators, in the OpenMetrics text format Prometheus reads:
//! requests by the kind of page and the class of status, how long they
//! took, and gauges read when scraped (content, database pool, surveys in
//! progress, messages waiting, memory). Every label value comes from a
//! fixed list of enum variants: no path, id, code, address or anything a
//! visitor typed can become a label.

use std::time::Duration;

use prometheus_client::encoding::{EncodeLabelSet, EncodeLabelValue, LabelValueEncoder};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;

use super::durations::Durations;
use prometheus_client::registry::Registry;

use crate::db::writer_stats::WriterStats;

/// What kind of thing a request asked for.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq, EncodeLabelValue)]
#[allow(non_camel_case_types)]
pub enum Class {
    page,
    pdf,
    worksheet,
    survey,
    message,
    tool,
    staff,
    asset,
    health,
}

impl Class {
    /// Every class, in declaration order (index = `class as usize`).
    pub const ALL: [Class; 9] = [
        Class::page,
        Class::pdf,
        Class::worksheet,
        Class::survey,
        Class::message,
        Class::tool,
        Class::staff,
        Class::asset,
        Class::health,
    ];
}

/// The first digit of the status.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
pub enum Status {
    Success,
    Redirect,
    ClientError,
    ServerError,
}

impl EncodeLabelValue for Status {
    fn encode(&self, encoder: &mut LabelValueEncoder) -> Result<(), std::fmt::Error> {
        use std::fmt::Write;
        encoder.write_str(match self {
            Status::Success => "2xx",
            Status::Redirect => "3xx",
            Status::ClientError => "4xx",
            Status::ServerError => "5xx",
        })
    }
}

impl Status {
    /// Every status class, in declaration order.
    pub const ALL: [Status; 4] = [
        Status::Success,
        Status::Redirect,
        Status::ClientError,
        Status::ServerError,
    ];

    pub fn of(code: u16) -> Self {
        match code {
            0..=299 => Status::Success,
            300..=399 => Status::Redirect,
            400..=499 => Status::ClientError,
            _ => Status::ServerError,
        }
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Answered {
    class: Class,
    status: Status,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OfClass {
    class: Class,
}

/// Where a page came from.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq, EncodeLabelValue)]
#[allow(non_camel_case_types)]
enum Source {
    memory,
    rendered,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct FromSource {
    source: Source,
}

/// Whether a content reload swapped in a new version.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq, EncodeLabelValue)]
#[allow(non_camel_case_types)]
enum ReloadResult {
    loaded,
    refused,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Reload {
    result: ReloadResult,
}

/// The content version's hash (from the content files, never from a
/// request).
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Version {
    version: String,
}

/// Values read when the metrics are scraped.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub ready: bool,
    /// The first 12 hex digits of the content version served.
    pub content_version: String,
    pub modules: i64,
    /// Content reloads that swapped in a new version, and refused ones.
    pub reloads: (u64, u64),
    /// Pages answered from memory, and pages rendered for the request.
    pub pages: (u64, u64),
    /// PDF renders and password hashes running, waiting, and turned away.
    pub jobs_running: i64,
    pub jobs_waiting: i64,
    pub jobs_refused: u64,
    pub pool_size: i64,
    pub pool_idle: i64,
    pub survey_drafts_open: i64,
    /// The survey writer's groups, commit times and waits.
    pub writer: WriterStats,
    pub conversations_open: i64,
    pub messages_waiting: i64,
    /// Days the longest-waiting conversation has waited.
    pub oldest_wait_days: i64,
    pub resident_bytes: i64,
}

/// The request counters and durations, kept for the process's life.
/// Every counter and histogram is made at start and kept in arrays
/// indexed by class and status, so that counting a request is an index and
/// an atomic add: no hashing, no lock on the family.
pub struct Metrics {
    answered: Family<Answered, Counter>,
    seconds: Family<OfClass, Durations>,
    by_class: Vec<(Class, [Counter; 4], Durations)>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let answered: Family<Answered, Counter> = Family::default();
        // 0.1 ms to about 3 s (see `Durations`).
        let seconds: Family<OfClass, Durations> = Family::default();
        // Clones share their value with the one in the family.
        let by_class = Class::ALL
            .iter()
            .map(|&class| {
                let counter = |status| answered.get_or_create(&Answered { class, status }).clone();
                (
                    class,
                    Status::ALL.map(counter),
                    seconds.get_or_create(&OfClass { class }).clone(),
                )
            })
            .collect();
        Self {
            answered,
            seconds,
            by_class,
        }
    }

    /// One request of `class` answered with `status` after `took`.
    pub fn answered(&self, class: Class, status: u16, took: Duration) {
        if let Some((_, counters, seconds)) = self.by_class.get(class as usize) {
            counters[Status::of(status) as usize].inc();
            seconds.observe(took);
        }
    }

    /// Everything, in the OpenMetrics text format, with `now`'s gauges.
    pub fn encode(&self, now: &Snapshot) -> Result<String, std::fmt::Error> {
        let mut registry = Registry::with_prefix("pathway");
        registry.register(
            "http_requests",
            "Requests answered, by kind and status class",
            self.answered.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "Time to answer a request, by kind",
            self.seconds.clone(),
        );
        content(&mut registry, now);
        work(&mut registry, now);
        waiting(&mut registry, now);
        let mut out = String::new();
        prometheus_client::encoding::text::encode(&mut out, &registry)?;
        Ok(out)
    }
}

fn gauge(registry: &mut Registry, name: &str, help: &str, value: i64) {
    let g: Gauge = Gauge::default();
    g.set(value);
    registry.register(name, help, g);
}

fn counter(registry: &mut Registry, name: &str, help: &str, value: u64) {
    let c: Counter = Counter::default();
    c.inc_by(value);
    registry.register(name, help, c);
}

/// A counter per label set, each with its value.
fn counters<L>(registry: &mut Registry, name: &str, help: &str, values: [(L, u64); 2])
where
    L: EncodeLabelSet + Clone + std::hash::Hash + Eq + std::fmt::Debug + Send + Sync + 'static,
{
    let family: Family<L, Counter> = Family::default();
    for (labels, value) in values {
        family.get_or_create(&labels).inc_by(value);
    }
    registry.register(name, help, family);
}

/// Readiness, the content served, reloads and where pages came from.
fn content(registry: &mut Registry, now: &Snapshot) {
    let r = registry;
    gauge(
        r,
        "ready",
        "1 when /readyz says ready",
        i64::from(now.ready),
    );
    let info: Family<Version, Gauge> = Family::default();
    info.get_or_create(&Version {
        version: now.content_version.clone(),
    })
    .set(1);
    r.register("content_version", "The content version served", info);
    gauge(
        r,
        "content_modules",
        "Published modules served",
        now.modules,
    );
    let (loaded, refused) = now.reloads;
    counters(
        r,
        "content_reloads",
        "Content reloads: new version swapped in, or refused with problems",
        [
            (
                Reload {
                    result: ReloadResult::loaded,
                },
                loaded,
            ),
            (
                Reload {
                    result: ReloadResult::refused,
                },
                refused,
            ),
        ],
    );
    let (memory, rendered) = now.pages;
    counters(
        r,
        "pages",
        "Pages answered from memory, and pages rendered for the request",
        [
            (
                FromSource {
                    source: Source::memory,
                },
                memory,
            ),
            (
                FromSource {
                    source: Source::rendered,
                },
                rendered,
            ),
        ],
    );
}

/// Slow jobs, the database pool and the survey writer.
fn work(registry: &mut Registry, now: &Snapshot) {
    let r = registry;
    gauge(
        r,
        "render_jobs_running",
        "PDF renders and password hashes running",
        now.jobs_running,
    );
    gauge(
        r,
        "render_jobs_waiting",
        "PDF renders and password hashes waiting for a free core",
        now.jobs_waiting,
    );
    counter(
        r,
        "render_jobs_refused",
        "PDF renders and password hashes turned away: the queue was full",
        now.jobs_refused,
    );
    gauge(
        r,
        "db_pool_connections",
        "Database connections open",
        now.pool_size,
    );
    gauge(
        r,
        "db_pool_idle",
        "Open database connections not in use",
        now.pool_idle,
    );
    let w = &now.writer;
    r.register(
        "survey_writer_batch_rows",
        "Survey responses per commit",
        w.batch_rows.clone(),
    );
    r.register(
        "survey_writer_commit_seconds",
        "Time to commit one group of survey responses",
        w.commit_seconds.clone(),
    );
    r.register(
        "survey_writer_pool_wait_seconds",
        "Time the survey writer waited for a database connection",
        w.pool_wait_seconds.clone(),
    );
    r.register(
        "survey_writer_failed_commits",
        "Group commits the database refused (each response then tried alone)",
        w.failed_commits.clone(),
    );
}

/// Surveys in progress, messages waiting and memory.
fn waiting(registry: &mut Registry, now: &Snapshot) {
    let r = registry;
    gauge(
        r,
        "survey_drafts_open",
        "Surveys saved and not yet finished",
        now.survey_drafts_open,
    );
    gauge(
        r,
        "conversations_open",
        "Conversations with the helpline not closed",
        now.conversations_open,
    );
    gauge(
        r,
        "messages_waiting",
        "Conversations waiting for a reply",
        now.messages_waiting,
    );
    gauge(
        r,
        "messages_oldest_wait_days",
        "Days the longest-waiting conversation has waited",
        now.oldest_wait_days,
    );
    gauge(
        r,
        "process_resident_memory_bytes",
        "Resident memory of this process",
        now.resident_bytes,
    );
}

/// This process's resident memory, from `/proc/self/statm` (0 where there
/// is none).
pub fn resident_bytes() -> i64 {
    let pages = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|p| p.parse::<i64>().ok())
        })
        .unwrap_or(0);
    pages * 4096
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_are_in_declaration_order() {
        for (i, class) in Class::ALL.iter().enumerate() {
            assert_eq!(*class as usize, i);
        }
        for (i, status) in Status::ALL.iter().enumerate() {
            assert_eq!(*status as usize, i);
        }
    }

    #[test]
    fn a_request_counts_under_its_class_and_status_only() {
        let m = Metrics::new();
        m.answered(Class::pdf, 404, Duration::from_millis(2));
        m.answered(Class::pdf, 404, Duration::from_millis(2));
        m.answered(Class::page, 200, Duration::from_millis(1));
        let text = m.encode(&Snapshot::default()).unwrap_or_default();
        assert!(
            text.contains("pathway_http_requests_total{class=\"pdf\",status=\"4xx\"} 2"),
            "{text}"
        );
        assert!(text.contains("pathway_http_requests_total{class=\"page\",status=\"2xx\"} 1"));
        assert!(text.contains("pathway_http_requests_total{class=\"staff\",status=\"5xx\"} 0"));
    }
}
