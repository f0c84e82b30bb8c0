//! Application state shared by every handler: the services below HTTP, the
//! HTTP settings, the rate limits and the survey queues. Every extractor
//! and middleware layer clones it per request, so it is one `Arc` (one
//! count to bump) around everything it holds.

use std::sync::Arc;
use std::time::Duration;

use crate::clock::Clock;
use crate::config::HttpConfig;
use crate::db::Store;
use crate::db::batch::{DraftReader, Submitter};
use crate::http::limit::Limiter;
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
    /// Resume-code tries per address (in memory, addresses hashed).
    pub resume_limit: Limiter,
    /// Surveys started per address (in memory, addresses hashed).
    pub start_limit: Limiter,
    /// Staff sign-in tries per address (in memory, addresses hashed).
    pub staff_limit: Limiter,
    /// Survey responses, committed in groups.
    pub submitter: Submitter,
    /// Survey drafts by token, looked up in groups.
    pub drafts: DraftReader,
    /// New draft tokens.
    pub tokens: crate::survey::token::Minter,
    /// Staff passwords are hashed and checked here, off the async threads.
    pub hasher: Hasher,
    /// Slow work (typst, argon2), capped.
    pub blocking: Arc<BlockingPool>,
    /// Reloads the content folder (SIGHUP, or "Reload content" in the staff
    /// area), when the content came from one.
    pub reloader: Option<Arc<Reloader>>,
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
            drafts: DraftReader::new(store.clone(), clock),
            tokens: Default::default(),
            hasher: Hasher::on(blocking.clone()),
            blocking,
            staff_limit: Limiter::new(20, Duration::from_secs(600)),
            resume_limit: Limiter::new(10, Duration::from_secs(600)),
            start_limit: Limiter::new(30, Duration::from_secs(3600)),
            services: Services::new(version, store, clock),
            http: Arc::new(http),
            worksheets: None,
            reloader: None,
        }))
    }

    fn shared_mut(&mut self) -> Option<&mut Shared> {
        Arc::get_mut(&mut self.0)
    }

    /// Enables worksheet PDFs (before the state is shared).
    pub fn with_worksheets(mut self, queue: WorksheetQueue) -> Self {
        if let Some(s) = self.shared_mut() {
            s.worksheets = Some(Arc::new(queue));
        }
        self
    }

    /// Worksheet PDFs from `engine` on the state's own blocking pool.
    pub fn with_pdf_engine(self, engine: Arc<crate::services::pdf::Engine>) -> Self {
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
