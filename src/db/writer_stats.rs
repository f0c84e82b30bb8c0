//! What the survey writer did, for `/metrics`: how many responses each
//! commit carried, how long each commit took, how long the writer waited
//! for a connection from the pool, and how many commits failed. Kept as
//! Prometheus histograms (shared, lock-free to observe); observed once per
//! group, never per request.

use std::time::Duration;

use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};

/// The survey writer's figures. Clones share them.
#[derive(Clone, Debug)]
pub struct WriterStats {
    /// Responses per commit: 1, 2, 4 … 256 (the largest group).
    pub batch_rows: Histogram,
    /// Seconds per commit, 0.1 ms to about 3 s.
    pub commit_seconds: Histogram,
    /// Seconds the writer waited for a connection, when it had none.
    pub pool_wait_seconds: Histogram,
    /// Commits the database refused (each response is then tried alone).
    pub failed_commits: Counter,
}

impl Default for WriterStats {
    fn default() -> Self {
        Self {
            batch_rows: Histogram::new(exponential_buckets(1.0, 2.0, 9)),
            commit_seconds: Histogram::new(exponential_buckets(0.0001, 2.0, 16)),
            pool_wait_seconds: Histogram::new(exponential_buckets(0.0001, 2.0, 16)),
            failed_commits: Counter::default(),
        }
    }
}

impl WriterStats {
    pub(super) fn committed(&self, rows: usize, took: Duration, ok: bool) {
        self.batch_rows.observe(rows as f64);
        self.commit_seconds.observe(took.as_secs_f64());
        if !ok {
            self.failed_commits.inc();
        }
    }

    pub(super) fn waited(&self, took: Duration) {
        self.pool_wait_seconds.observe(took.as_secs_f64());
    }
}
