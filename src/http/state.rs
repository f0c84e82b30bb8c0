//! Application state shared by every handler: the services below HTTP, the
//! HTTP settings, the rate limits and the survey queues. Every extractor
//! and middleware layer clones it per request, so it is one `Arc` (one
//! count to bump) around everything it holds.

use std::sync::Arc;

use crate::clock::Clock;
use crate::config::HttpConfig;
use crate::db::Store;
use crate::db::batch::{DraftReader, Submitter};
use crate::http::limit::{Client, Limits};
use crate::render::PageSet;
use crate::services::Services;
use crate::services::blocking::BlockingPool;
use crate::services::content::ContentVersion;
use crate::services::pdf::WorksheetQueue;
use crate::services::reload::Reloader;
use crate::services::staff::Hasher;

/// Jobs (worksheet renders, password hashes) that may wait for a free core
/// before people are told to try again in a minute.
pub const BLOCKING_WAITING: usize = 16;

#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What `AppState` shares.
pub struct Shared {
    pub services: Services,
    pub http: Arc<HttpConfig>,
    /// Worksheet PDF renders, when PDFs are enabled.
    pub worksheets: Option<Arc<WorksheetQueue>>,
    /// Per-address limits on the public listener (in memory, addresses
    /// hashed with a daily salt).
    pub limits: Limits,
    /// The onion listener's own limits (its visitors share one key).
    pub onion_limits: Limits,
    /// Wrong codes from everyone together (both listeners).
    pub wrong_codes: crate::http::limit::Ceiling,
    /// Survey responses, committed in groups.
    pub submitter: Submitter,
    /// New conversations with the helpline, committed in groups.
    pub starter: crate::db::starts::Starter,
    /// Survey drafts by token, looked up in groups.
    pub drafts: DraftReader,
    /// New draft tokens.
    pub tokens: crate::survey::token::Minter,
    /// Staff passwords are hashed and checked here, off the async threads.
    pub hasher: Hasher,
    /// Slow work (typst, argon2), capped.
    pub blocking: Arc<BlockingPool>,
    /// The data key (staff TOTP secrets sealed, recovery codes keyed);
    /// `None` only when no randomness was available for a temporary one.
    pub keys: Option<Arc<crate::services::keys::DataKeys>>,
    /// Reloads the content folder (SIGHUP, or "Reload content" in the staff
    /// area), when the content came from one.
    pub reloader: Option<Arc<Reloader>>,
    /// Request counts and durations for `/metrics` on the staff listener.
    pub metrics: Arc<crate::services::metrics::Metrics>,
}

impl std::ops::Deref for Shared {
    type Target = Services;

    fn deref(&self) -> &Services {
        &self.services
    }
}

impl AppState {
    /// State over pages alone (no PDFs), on the system clock.
    pub fn new(pages: PageSet, store: Store, http: HttpConfig) -> Self {
        Self::with_content(
            ContentVersion::of_pages(pages),
            store,
            http,
            Clock::system(),
        )
    }

    /// State over a content version, with the clock everything reads.
    pub fn with_content(
        version: ContentVersion,
        store: Store,
        http: HttpConfig,
        clock: Clock,
    ) -> Self {
        let blocking = Arc::new(BlockingPool::per_core(BLOCKING_WAITING));
        Self(Arc::new(Shared {
            submitter: Submitter::new(store.clone(), clock),
            starter: crate::db::starts::Starter::new(store.clone(), clock),
            drafts: DraftReader::new(store.clone(), clock),
            tokens: Default::default(),
            hasher: Hasher::on(blocking.clone()),
            blocking,
            limits: Limits::public(),
            onion_limits: Limits::onion(),
            wrong_codes: crate::http::limit::Ceiling::new(
                http.wrong_codes_per_10_minutes,
                std::time::Duration::from_secs(600),
            ),
            services: Services::new(version, store, clock),
            http: Arc::new(http),
            worksheets: None,
            // Tests and a bare state get a key that lives in memory only;
            // `serve` gives the configured one (`with_keys`).
            keys: crate::services::keys::DataKeys::ephemeral()
                .ok()
                .map(Arc::new),
            reloader: None,
            metrics: Arc::default(),
        }))
    }

    /// The limits that apply to `client`.
    pub fn limits_for(&self, client: Client) -> &Limits {
        match client {
            Client::Onion => &self.onion_limits,
            _ => &self.limits,
        }
    }

    /// Counts a try by the request's client against the limit `pick`
    /// chooses; false when over it.
    pub fn allow<B>(
        &self,
        request: &axum::http::Request<B>,
        pick: impl Fn(&Limits) -> &crate::http::limit::Limiter,
    ) -> bool {
        let client = crate::http::limit::client_addr(request, &self.http.trusted_proxies);
        pick(self.limits_for(client)).allow(client, self.clock.today())
    }

    fn shared_mut(&mut self) -> Option<&mut Shared> {
        Arc::get_mut(&mut self.0)
    }

    /// The data key from the configuration (before the state is shared).
    pub fn with_keys(mut self, keys: crate::services::keys::DataKeys) -> Self {
        if let Some(s) = self.shared_mut() {
            s.keys = Some(Arc::new(keys));
        }
        self
    }

    /// The data key, or the "try again" error.
    pub fn keys(&self) -> Result<&crate::services::keys::DataKeys, crate::http::AppError> {
        self.keys
            .as_deref()
            .ok_or(crate::http::AppError::unavailable("no data key"))
    }

    /// Enables worksheet PDFs (before the state is shared).
    pub fn with_worksheets(mut self, queue: WorksheetQueue) -> Self {
        if let Some(s) = self.shared_mut() {
            s.worksheets = Some(Arc::new(queue));
        }
        self
    }

    /// Worksheet PDFs typeset by `engine` on the state's own blocking pool.
    pub fn with_pdf_engine(self, engine: Arc<crate::services::pdf::Typesetter>) -> Self {
        let queue = WorksheetQueue::on(engine, self.blocking.clone());
        self.with_worksheets(queue)
    }

    /// Enables content reloads from `reloader`'s folder (before the state
    /// is shared).
    pub fn with_reloader(mut self, reloader: Reloader) -> Self {
        if let Some(s) = self.shared_mut() {
            s.reloader = Some(Arc::new(reloader));
        }
        self
    }

    /// The content version being served.
    pub fn pages(&self) -> Arc<ContentVersion> {
        self.content.current()
    }
}
