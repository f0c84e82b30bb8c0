//! Services: what the web layer and the commands call, built on the store
//! and the renderer. Nothing here knows about HTTP requests.

/// The blocking-work pool (typst and argon2), with a real cap.
pub mod blocking;
/// The content version being served, swapped whole on reload.
pub mod content;
/// Request durations counted with atomics alone, for `/metrics`.
pub mod durations;
/// Readiness checks for load balancers and the staff listener.
pub mod health;
/// The data key: staff secrets encrypted at rest, recovery codes keyed.
pub mod keys;
/// Messages to the helpline: conversations by code, text sealed.
pub mod messages;
/// Request counts and gauges for Prometheus (the staff listener only).
pub mod metrics;
/// Optional e-mail to staff when conversations wait (SMTP, a count only).
pub mod notify;
/// Module and worksheet PDFs (typst, via the pathway-pdf crate).
pub mod pdf;
/// Content reload (SIGHUP, the staff area, other instances).
pub mod reload;
/// Staff credentials: passwords (argon2id), TOTP, tokens and codes.
pub mod staff;
/// Usage counters: counted in memory, flushed to the store.
pub mod usage;

use std::sync::Arc;

use crate::clock::Clock;
use crate::db::Store;

/// What the web layer and the background tasks share below HTTP: the
/// content being served, the store, the clock and the usage counters.
pub struct Services {
    pub content: content::Content,
    pub store: Store,
    pub clock: Clock,
    pub usage: Arc<usage::Usage>,
}

impl Services {
    pub fn new(version: content::ContentVersion, store: Store, clock: Clock) -> Self {
        Self {
            content: content::Content::new(version),
            store,
            clock,
            usage: Arc::default(),
        }
    }
}
