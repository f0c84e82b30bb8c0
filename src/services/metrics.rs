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
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

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

/// Values read when the metrics are scraped.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub ready: bool,
    pub modules: i64,
    pub pool_size: i64,
    pub pool_idle: i64,
    pub survey_drafts_open: i64,
    pub conversations_open: i64,
    pub messages_waiting: i64,
    /// Days the longest-waiting conversation has waited.
    pub oldest_wait_days: i64,
    pub resident_bytes: i64,
}

/// The request counters and durations, kept for the process's life.
pub struct Metrics {
    answered: Family<Answered, Counter>,
    seconds: Family<OfClass, Histogram>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        Self {
            answered: Family::default(),
            seconds: Family::new_with_constructor(|| {
                // 0.1 ms to about 3 s.
                Histogram::new(exponential_buckets(0.0001, 2.0, 16))
            }),
        }
    }

    /// One request of `class` answered with `status` after `took`.
    pub fn answered(&self, class: Class, status: u16, took: Duration) {
        let status = Status::of(status);
        self.answered
            .get_or_create(&Answered { class, status })
            .inc();
        self.seconds
            .get_or_create(&OfClass { class })
            .observe(took.as_secs_f64());
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
        let gauge = |registry: &mut Registry, name: &str, help: &str, value: i64| {
            let g: Gauge = Gauge::default();
            g.set(value);
            registry.register(name, help, g);
        };
        gauge(
            &mut registry,
            "ready",
            "1 when /readyz says ready",
            i64::from(now.ready),
        );
        gauge(
            &mut registry,
            "content_modules",
            "Published modules served",
            now.modules,
        );
        gauge(
            &mut registry,
            "db_pool_connections",
            "Database connections open",
            now.pool_size,
        );
        gauge(
            &mut registry,
            "db_pool_idle",
            "Open database connections not in use",
            now.pool_idle,
        );
        gauge(
            &mut registry,
            "survey_drafts_open",
            "Surveys saved and not yet finished",
            now.survey_drafts_open,
        );
        gauge(
            &mut registry,
            "conversations_open",
            "Conversations with the helpline not closed",
            now.conversations_open,
        );
        gauge(
            &mut registry,
            "messages_waiting",
            "Conversations waiting for a reply",
            now.messages_waiting,
        );
        gauge(
            &mut registry,
            "messages_oldest_wait_days",
            "Days the longest-waiting conversation has waited",
            now.oldest_wait_days,
        );
        gauge(
            &mut registry,
            "process_resident_memory_bytes",
            "Resident memory of this process",
            now.resident_bytes,
        );
        let mut out = String::new();
        prometheus_client::encoding::text::encode(&mut out, &registry)?;
        Ok(out)
    }
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
