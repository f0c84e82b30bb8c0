//! Application state and the router, shared by `serve` and the tests.

use std::sync::{Arc, RwLock};

use axum::Router;
use axum::http::StatusCode;
use axum::routing::{get, post};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::config::HttpConfig;
use crate::db::Store;
use crate::db::batch::{DraftReader, Submitter};
use crate::http;
use crate::pdf::WorksheetQueue;
use crate::render::PageSet;

/// Shared state: the current pages, the store, and HTTP settings. Every
/// extractor and middleware layer clones it per request, so it is one
/// `Arc` (one count to bump) around everything it holds.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What `AppState` shares.
#[derive(Clone)]
pub struct Shared {
    pages: Arc<RwLock<Arc<PageSet>>>,
    pub store: Store,
    pub http: Arc<HttpConfig>,
    /// Worksheet PDF renders, when PDFs are enabled.
    pub worksheets: Option<Arc<WorksheetQueue>>,
    /// Resume-code tries per address (in memory, addresses hashed).
    pub resume_limit: Arc<crate::http::limit::Limiter>,
    /// Surveys started per address (in memory, addresses hashed).
    pub start_limit: Arc<crate::http::limit::Limiter>,
    /// Survey responses, committed in groups.
    pub submitter: Submitter,
    /// Survey drafts by token, looked up in groups.
    pub drafts: DraftReader,
    /// New draft tokens.
    pub tokens: Arc<crate::survey::token::Minter>,
    /// Usage counters, flushed to the store every few seconds.
    pub usage: Arc<crate::usage::Usage>,
    /// Staff passwords are hashed and checked here, off the async threads.
    pub hasher: Arc<crate::staff::Hasher>,
    /// Staff sign-in tries per address (in memory, addresses hashed).
    pub staff_limit: Arc<crate::http::limit::Limiter>,
    /// Reloads the content folder (SIGHUP, or "Reload content" in the staff
    /// area), when the content came from one.
    pub reloader: Option<Arc<crate::reload::Reloader>>,
}

impl AppState {
    pub fn new(pages: PageSet, store: Store, http: HttpConfig) -> Self {
        Self(Arc::new(Shared {
            pages: Arc::new(RwLock::new(Arc::new(pages))),
            submitter: Submitter::new(store.clone()),
            drafts: DraftReader::new(store.clone()),
            tokens: Arc::default(),
            usage: Arc::new(crate::usage::Usage::default()),
            hasher: Arc::new(crate::staff::Hasher::new(
                std::thread::available_parallelism().map_or(1, |n| n.get()),
                16,
            )),
            staff_limit: Arc::new(crate::http::limit::Limiter::new(
                20,
                std::time::Duration::from_secs(600),
            )),
            store,
            http: Arc::new(http),
            worksheets: None,
            reloader: None,
            resume_limit: Arc::new(crate::http::limit::Limiter::new(
                10,
                std::time::Duration::from_secs(600),
            )),
            start_limit: Arc::new(crate::http::limit::Limiter::new(
                30,
                std::time::Duration::from_secs(3600),
            )),
        }))
    }

    /// Enables worksheet PDFs.
    pub fn with_worksheets(mut self, queue: WorksheetQueue) -> Self {
        Arc::make_mut(&mut self.0).worksheets = Some(Arc::new(queue));
        self
    }

    /// Enables content reloads from `reloader`'s folder.
    pub fn with_reloader(mut self, reloader: crate::reload::Reloader) -> Self {
        Arc::make_mut(&mut self.0).reloader = Some(Arc::new(reloader));
        self
    }

    /// The pages of the current content version.
    pub fn pages(&self) -> Arc<PageSet> {
        match self.pages.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Swaps in the pages of a newly loaded content version.
    pub fn replace_pages(&self, pages: PageSet) {
        let pages = Arc::new(pages);
        match self.pages.write() {
            Ok(mut guard) => *guard = pages,
            Err(poisoned) => *poisoned.into_inner() = pages,
        }
    }
}

/// The Content-Security-Policy of every response: nothing from elsewhere,
/// no inline script or style.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; \
font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; \
form-action 'self'; base-uri 'none'";

pub const PERMISSIONS_POLICY: &str = "accelerometer=(), autoplay=(), camera=(), display-capture=(), \
geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), \
publickey-credentials-get=(), screen-wake-lock=(), usb=(), browsing-topics=(), interest-cohort=()";

/// The staff area's routes.
fn staff_routes() -> Router<AppState> {
    Router::new()
        .route("/staff", get(http::staff::home))
        .route(
            "/staff/sign-in",
            get(http::staff::sign_in_form).post(http::staff::sign_in),
        )
        .route("/staff/sign-out", post(http::staff::sign_out))
        .route(
            "/staff/sign-out-everywhere",
            post(http::staff::sign_out_everywhere),
        )
        .route(
            "/staff/enrol/{token}",
            get(http::staff::enrol_form).post(http::staff::enrol),
        )
        .route("/staff/surveys/{id}", get(http::staff::results))
        .route(
            "/staff/surveys/{id}/export.csv",
            get(http::staff::export_csv),
        )
        .route(
            "/staff/surveys/{id}/export.json",
            get(http::staff::export_json),
        )
        .route(
            "/staff/surveys/{id}/codebook.json",
            get(http::staff::codebook),
        )
        .route("/staff/surveys/{id}/free-text", get(http::staff::free_text))
        .route("/staff/usage", get(http::staff::usage))
        .route("/staff/usage.csv", get(http::staff::usage_csv))
        .route("/staff/content", get(http::staff::content_page))
        .route("/staff/content/reload", post(http::staff::reload))
        .route("/staff/preview/{slug}", get(http::staff::preview))
}

/// The staff area alone, for its own listener (`staff_bind`), with the
/// same security headers and limits as the public site.
pub fn staff_router(state: AppState) -> Router {
    let http = state.http.clone();
    staff_routes()
        .fallback(http::staff::static_only)
        .layer(RequestBodyLimitLayer::new(http.body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            http.request_timeout,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            http::middleware::security_headers,
        ))
        .with_state(state)
}

/// Builds the whole site's router.
pub fn router(state: AppState) -> Router {
    let http = state.http.clone();
    let pages = Router::new()
        .route("/get-in-touch", get(http::pages::get_in_touch))
        .route("/transparency", get(http::pages::transparency))
        .fallback(http::pages::stored)
        .layer(RequestBodyLimitLayer::new(http.body_limit));
    // Worksheet forms read their own body, with their own limit and page.
    let worksheets = Router::new()
        .route(
            "/modules/{slug}/worksheets/{id}",
            post(http::pdf::worksheet),
        )
        .route("/survey", get(http::survey::intro))
        .route("/survey/start", post(http::survey::start))
        .route("/survey/page", post(http::survey::page))
        .route(
            "/survey/resume",
            get(http::survey::resume_form).post(http::survey::resume),
        )
        .route("/survey/code.txt", post(http::survey::code_file))
        .route(
            "/survey/follow-up",
            get(http::survey::follow_up_form).post(http::survey::follow_up),
        )
        .route("/survey/quick/{slug}", post(http::survey::quick));
    // /staff here, unless it has a listener of its own (then it is a 404).
    let worksheets = if http.staff_separate {
        worksheets
    } else {
        worksheets.merge(staff_routes())
    };
    let mut app = pages
        .merge(worksheets)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            http::middleware::error_pages,
        ));
    if http.request_log {
        app = app.layer(axum::middleware::from_fn(http::middleware::request_log));
    }
    app.layer(TimeoutLayer::with_status_code(
        StatusCode::REQUEST_TIMEOUT,
        http.request_timeout,
    ))
    .layer(axum::middleware::from_fn_with_state(
        state.clone(),
        http::middleware::security_headers,
    ))
    .with_state(state)
}
