//! What a listener serves: its router and, on the public listener, a
//! shortcut for what is already in memory. A GET or HEAD of a stored page,
//! asset or rendered module PDF is answered by the same function the
//! router's fallback calls (`pages::from_memory`) and finished by the same
//! security headers and request counting, without the router's matching,
//! timeout, body limit and per-request boxing in front of it: on a page
//! those cost more than the page (BENCHMARKS.md, issue 20). Everything
//! else, and every request when the request log is on, goes through the
//! router.

use std::convert::Infallible;
use std::future::{Ready, ready};
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request};
use axum::response::Response;
use futures_util::future::Either;
use hyper::body::Incoming;
use tower::ServiceExt;
use tower::util::Oneshot;

use crate::http::around::Around;
use crate::http::metrics::Track;
use crate::http::middleware::{ONION_LOCATION, SecurityHeaders};
use crate::http::state::AppState;
use crate::render::cache::Finish;

/// A listener's router, with the shortcut to memory when it has one.
#[derive(Clone)]
pub struct Site {
    router: Router,
    memory: Option<Arc<Memory>>,
}

/// The shortcut: the state to answer from, and what finishes each answer
/// as the router's layers would (`router::finished`; its error pages never
/// touch a page answered from memory): the security headers, fixed ones
/// as one block, and the request counting for `/metrics`.
struct Memory {
    state: AppState,
    security: SecurityHeaders,
    finish: Finish,
    track: Option<Track>,
}

impl From<Router> for Site {
    fn from(router: Router) -> Self {
        Self {
            router,
            memory: None,
        }
    }
}

impl Site {
    /// The public site: `router(state)`, with the shortcut unless the
    /// request log is on (it must see every request).
    pub fn public(state: AppState) -> Self {
        let router = crate::http::router(state.clone());
        if state.http.request_log {
            return router.into();
        }
        let track = state
            .http
            .metrics
            .then(|| Track::new(state.metrics.clone()));
        let security = SecurityHeaders::of(&state.http);
        let finish = Finish::new(security.fixed());
        let memory = Memory {
            state,
            security,
            finish,
            track,
        };
        Self {
            router,
            memory: Some(Arc::new(memory)),
        }
    }

    /// The answer from memory to `request`, finished, when the shortcut
    /// takes it (`None`: the router answers). For tests that compare the
    /// two ways.
    pub fn from_memory<B>(&self, request: &Request<B>) -> Option<Response> {
        self.memory.as_ref()?.answer(request)
    }

    /// The site's router.
    pub fn router(&self) -> &Router {
        &self.router
    }

    /// The service for one connection from `peer`.
    pub fn connection(&self, peer: SocketAddr) -> Connection {
        Connection {
            site: self.clone(),
            peer,
        }
    }
}

impl Memory {
    /// The finished answer when the request is for something in memory.
    fn answer<B>(&self, request: &Request<B>) -> Option<Response> {
        // Only GET and HEAD are ever in memory: anything else (a survey or
        // message POST) skips the counting set-up, which the router's own
        // layer does for it.
        if !matches!(*request.method(), Method::GET | Method::HEAD) {
            return None;
        }
        let noted = self.track.before(request).ok()?;
        let path = request.uri().path();
        let mut page = crate::http::pages::from_memory(
            &self.state,
            request.method(),
            path,
            request.headers(),
            Some(&self.finish),
        )?;
        if let Some(onion) = self.security.onion_for(path) {
            page.headers_mut().insert(ONION_LOCATION.clone(), onion);
        }
        Some(Option::<Track>::after(noted, page))
    }
}

/// One connection's service: hyper calls it for each request.
#[derive(Clone)]
pub struct Connection {
    site: Site,
    peer: SocketAddr,
}

type Answer = Either<Ready<Result<Response, Infallible>>, Oneshot<Router, Request<Incoming>>>;

impl hyper::service::Service<Request<Incoming>> for Connection {
    type Response = Response;
    type Error = Infallible;
    type Future = Answer;

    fn call(&self, mut request: Request<Incoming>) -> Answer {
        if let Some(memory) = &self.site.memory
            && let Some(response) = memory.answer(&request)
        {
            return Either::Left(ready(Ok(response)));
        }
        request.extensions_mut().insert(ConnectInfo(self.peer));
        Either::Right(self.site.router.clone().oneshot(request))
    }
}
