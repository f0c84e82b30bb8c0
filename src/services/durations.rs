//! A histogram of request durations counted with atomics alone. The
//! client library's histogram takes a lock and searches its buckets for
//! every observation; on a page answered from memory that was most of what
//! counting a request cost (BENCHMARKS.md, "What metrics cost"). This one
//! finds the bucket with integer arithmetic and adds to three atomics, and
//! is encoded exactly as the library's histogram is.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use prometheus_client::encoding::{EncodeMetric, MetricEncoder, NoLabelSet};
use prometheus_client::metrics::{MetricType, TypedMetric};

/// Upper bounds: 0.1 ms, doubling, 16 of them (to about 3.3 s), then +Inf.
const FIRST_NANOS: u64 = 100_000;
const BOUNDS: usize = 16;

#[derive(Debug, Default)]
struct Counts {
    /// Observations in each bucket alone (not cumulative); the last is
    /// everything over the largest bound.
    buckets: [AtomicU64; BOUNDS + 1],
    sum_nanos: AtomicU64,
    count: AtomicU64,
}

/// Request durations by bucket; clones share their counts.
#[derive(Debug, Clone, Default)]
pub struct Durations(Arc<Counts>);

/// The bucket of a duration of `nanos`: the first whose bound is at least
/// it (the bound of bucket `i` is 0.1 ms times 2^i).
fn bucket(nanos: u64) -> usize {
    let q = nanos.div_ceil(FIRST_NANOS);
    if q <= 1 {
        return 0;
    }
    // The smallest i with 2^i >= q.
    let i = (u64::BITS - (q - 1).leading_zeros()) as usize;
    i.min(BOUNDS)
}

/// The upper bound of bucket `i` in seconds, as the library writes it.
fn bound(i: usize) -> f64 {
    if i >= BOUNDS {
        return f64::INFINITY;
    }
    0.0001 * 2f64.powf(i as f64)
}

impl Durations {
    pub fn observe(&self, took: Duration) {
        let nanos = u64::try_from(took.as_nanos()).unwrap_or(u64::MAX);
        let c = &self.0;
        c.buckets[bucket(nanos)].fetch_add(1, Ordering::Relaxed);
        c.sum_nanos.fetch_add(nanos, Ordering::Relaxed);
        c.count.fetch_add(1, Ordering::Relaxed);
    }
}

impl TypedMetric for Durations {
    const TYPE: MetricType = MetricType::Histogram;
}

impl EncodeMetric for Durations {
    fn encode(&self, mut encoder: MetricEncoder) -> Result<(), std::fmt::Error> {
        let c = &self.0;
        let buckets: Vec<(f64, u64)> = c
            .buckets
            .iter()
            .enumerate()
            .map(|(i, n)| (bound(i), n.load(Ordering::Relaxed)))
            .collect();
        let sum = c.sum_nanos.load(Ordering::Relaxed) as f64 / 1e9;
        let count = c.count.load(Ordering::Relaxed);
        encoder.encode_histogram::<NoLabelSet>(sum, count, &buckets, None)
    }

    fn metric_type(&self) -> MetricType {
        Self::TYPE
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
    use prometheus_client::registry::Registry;

    fn text(register: impl FnOnce(&mut Registry)) -> String {
        let mut r = Registry::default();
        register(&mut r);
        let mut out = String::new();
        prometheus_client::encoding::text::encode(&mut out, &r).unwrap_or_default();
        out
    }

    #[test]
    fn buckets_are_those_of_the_library_histogram() {
        let micros = [
            0, 1, 99, 100, 101, 150, 200, 201, 399, 1_000, 50_000, 3_276_800, 3_276_801, 90_000_000,
        ];
        let ours = Durations::default();
        let theirs = Histogram::new(exponential_buckets(0.0001, 2.0, 16));
        for us in micros {
            let d = Duration::from_micros(us);
            ours.observe(d);
            theirs.observe(d.as_secs_f64());
        }
        let a = text(|r| r.register("d", "durations", ours));
        let b = text(|r| r.register("d", "durations", theirs));
        let without_sum = |t: &str| -> Vec<String> {
            t.lines()
                .filter(|l| !l.starts_with("d_sum"))
                .map(str::to_string)
                .collect()
        };
        assert_eq!(without_sum(&a), without_sum(&b));
        assert!(a.contains("d_count 14"), "{a}");
        assert!(a.contains("d_sum 96.605852"), "{a}");
    }
}
