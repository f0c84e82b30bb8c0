//! Usage figures: counters only. Each event adds one to a counter in
//! memory (per module for module pages and PDFs); the sums go to the
//! database every few seconds and at shutdown, filed under the day they
//! were flushed. No visitor identifier, no session, no sequence of pages
//! and no time of day is ever recorded. A crash loses at most the last
//! few seconds of counts.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use crate::clock::Clock;
use crate::db::{DbError, Store};

/// How often the counts in memory are written to the database.
pub const FLUSH_EVERY: Duration = Duration::from_secs(5);

pub use pathway_core::usage::{Count, Event};

/// Counts in memory, keyed by subject, one slot per event.
#[derive(Debug, Default)]
pub struct Usage {
    counts: Mutex<HashMap<String, [u64; Event::ALL.len()]>>,
}

impl Usage {
    /// Adds one to `event` (for module events, `subject` is the slug).
    pub fn count(&self, event: Event, subject: &str) {
        let Ok(mut counts) = self.counts.lock() else {
            return;
        };
        if let Some(slots) = counts.get_mut(subject) {
            slots[event.index()] += 1;
        } else {
            let mut slots = [0; Event::ALL.len()];
            slots[event.index()] = 1;
            counts.insert(subject.to_string(), slots);
        }
    }

    /// Takes every count since the last call, leaving zero behind.
    pub fn take(&self) -> Vec<Count> {
        let taken = match self.counts.lock() {
            Ok(mut counts) => std::mem::take(&mut *counts),
            Err(_) => return Vec::new(),
        };
        let mut out = Vec::new();
        for (subject, slots) in taken {
            for event in Event::ALL {
                let n = slots[event.index()];
                if n > 0 {
                    out.push(Count {
                        event: event.name(),
                        subject: subject.clone(),
                        n: i64::try_from(n).unwrap_or(i64::MAX),
                    });
                }
            }
        }
        out
    }

    /// Puts counts back (after a failed write), so that none is lost.
    fn restore(&self, counts: Vec<Count>) {
        let Ok(mut map) = self.counts.lock() else {
            return;
        };
        for c in counts {
            if let Some(event) = Event::named(c.event) {
                let slots = map.entry(c.subject).or_insert([0; Event::ALL.len()]);
                slots[event.index()] += u64::try_from(c.n).unwrap_or(0);
            }
        }
    }

    /// Adds the counts since the last flush to today's totals in the
    /// database. On failure they stay in memory for the next try.
    pub async fn flush(&self, store: &Store, clock: &Clock) -> Result<(), DbError> {
        let counts = self.take();
        if counts.is_empty() {
            return Ok(());
        }
        let today = clock.today().to_string();
        match store.add_usage(&today, &counts).await {
            Ok(()) => Ok(()),
            Err(e) => {
                self.restore(counts);
                Err(e)
            }
        }
    }
}

/// Writes the counts every `FLUSH_EVERY` until the process ends.
pub async fn flush_forever(usage: std::sync::Arc<Usage>, store: Store, clock: Clock) {
    let mut tick = tokio::time::interval(FLUSH_EVERY);
    loop {
        tick.tick().await;
        if let Err(e) = usage.flush(&store, &clock).await {
            tracing::warn!(error = %e, "could not write usage counts; they are kept for the next try");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_per_event_and_subject_and_are_taken_once() {
        let u = Usage::default();
        u.count(Event::ModuleView, "a");
        u.count(Event::ModuleView, "a");
        u.count(Event::ModulePdf, "a");
        u.count(Event::GetInTouchView, "");
        let mut taken = u.take();
        taken.sort_by(|x, y| (x.event, &x.subject).cmp(&(y.event, &y.subject)));
        assert_eq!(
            taken,
            vec![
                Count {
                    event: "get-in-touch-view",
                    subject: String::new(),
                    n: 1
                },
                Count {
                    event: "module-pdf",
                    subject: "a".into(),
                    n: 1
                },
                Count {
                    event: "module-view",
                    subject: "a".into(),
                    n: 2
                },
            ]
        );
        assert!(u.take().is_empty());
        u.restore(taken);
        assert_eq!(u.take().len(), 3, "restored counts are written next time");
    }
}
