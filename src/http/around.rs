//! Middleware as plain tower layers. axum's `from_fn` boxes a future and
//! clones the inner route for every request; on a page served from memory
//! that machinery cost more than the page itself (see BENCHMARKS.md). An
//! [`Around`] says what to note before the inner service runs (or to answer
//! at once) and what to do to its response; [`AroundLayer`] wraps a
//! service with it, with a future that needs no allocation.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::http::Request;
use axum::response::Response;
use tower::{Layer, Service};

/// One piece of middleware: `before` sees the request and either notes
/// what `after` will need, or answers at once; `after` finishes the
/// response.
pub trait Around: Clone {
    /// What `before` hands to `after`.
    type Noted;

    /// What to remember about `request`, or the response to send without
    /// calling the inner service (boxed: it is the rare path, and the
    /// common one then moves less).
    fn before<B>(&self, request: &Request<B>) -> Result<Self::Noted, Box<Response>>;

    /// The inner service's `response`, finished.
    fn after(noted: Self::Noted, response: Response) -> Response;
}

/// Wraps services with an [`Around`].
#[derive(Clone)]
pub struct AroundLayer<A>(pub A);

impl<S, A: Around> Layer<S> for AroundLayer<A> {
    type Service = AroundService<S, A>;

    fn layer(&self, inner: S) -> AroundService<S, A> {
        AroundService {
            inner,
            around: self.0.clone(),
        }
    }
}

/// A service wrapped with an [`Around`].
#[derive(Clone)]
pub struct AroundService<S, A> {
    inner: S,
    around: A,
}

impl<S, B, A> Service<Request<B>> for AroundService<S, A>
where
    S: Service<Request<B>, Response = Response>,
    A: Around,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Finished<S::Future, A>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        match self.around.before(&request) {
            Ok(noted) => Finished {
                inner: Some(self.inner.call(request)),
                noted: Some(noted),
                now: None,
                around: PhantomData,
            },
            Err(response) => Finished {
                inner: None,
                noted: None,
                now: Some(*response),
                around: PhantomData,
            },
        }
    }
}

pin_project_lite::pin_project! {
    /// The inner service's response, finished by `A::after`; or the
    /// response `A::before` gave at once.
    pub struct Finished<F, A: Around> {
        #[pin]
        inner: Option<F>,
        noted: Option<A::Noted>,
        now: Option<Response>,
        around: PhantomData<fn() -> A>,
    }
}

impl<F, E, A> Future for Finished<F, A>
where
    F: Future<Output = Result<Response, E>>,
    A: Around,
{
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        if let Some(response) = this.now.take() {
            return Poll::Ready(Ok(response));
        }
        let Some(inner) = this.inner.as_pin_mut() else {
            // Polled again after it finished: nothing more to give.
            return Poll::Pending;
        };
        let result = std::task::ready!(inner.poll(cx));
        Poll::Ready(match (result, this.noted.take()) {
            (Ok(response), Some(noted)) => Ok(A::after(noted, response)),
            (other, _) => other,
        })
    }
}

/// Two pieces of middleware as one layer (`.0` outside `.1`), so that a
/// router pays for one wrapping of its routes instead of two.
impl<A: Around, I: Around> Around for (A, I) {
    type Noted = (A::Noted, I::Noted);

    fn before<B>(&self, request: &Request<B>) -> Result<Self::Noted, Box<Response>> {
        let outer = self.0.before(request)?;
        match self.1.before(request) {
            Ok(inner) => Ok((outer, inner)),
            // The inner one answered: the outer one still finishes it.
            Err(response) => Err(Box::new(A::after(outer, *response))),
        }
    }

    fn after((outer, inner): Self::Noted, response: Response) -> Response {
        A::after(outer, I::after(inner, response))
    }
}

/// Middleware that may be switched off (`None` passes everything through).
impl<A: Around> Around for Option<A> {
    type Noted = Option<A::Noted>;

    fn before<B>(&self, request: &Request<B>) -> Result<Self::Noted, Box<Response>> {
        self.as_ref().map(|a| a.before(request)).transpose()
    }

    fn after(noted: Self::Noted, response: Response) -> Response {
        match noted {
            Some(n) => A::after(n, response),
            None => response,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderValue, StatusCode};

    /// Adds its name to a header on the way out; refuses when told to.
    #[derive(Clone)]
    struct Mark(&'static str, bool);

    impl Around for Mark {
        type Noted = &'static str;

        fn before<B>(&self, _: &Request<B>) -> Result<&'static str, Box<Response>> {
            if self.1 {
                let mut r = Response::new(axum::body::Body::empty());
                *r.status_mut() = StatusCode::FORBIDDEN;
                return Err(Box::new(Mark::after(self.0, r)));
            }
            Ok(self.0)
        }

        fn after(name: &'static str, mut response: Response) -> Response {
            let seen = response
                .headers()
                .get("x-seen")
                .and_then(|v| v.to_str().ok())
                .map_or(name.to_string(), |v| format!("{v},{name}"));
            if let Ok(v) = HeaderValue::from_str(&seen) {
                response.headers_mut().insert("x-seen", v);
            }
            response
        }
    }

    fn seen(r: &Response) -> &str {
        r.headers()
            .get("x-seen")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    #[test]
    fn a_pair_finishes_inside_out_and_an_inner_refusal_still_passes_the_outer() {
        let request = Request::new(());
        let pair = (Mark("outer", false), Mark("inner", false));
        let noted = pair.before(&request).unwrap_or_else(|_| panic!("refused"));
        let r = <(Mark, Mark)>::after(noted, Response::new(axum::body::Body::empty()));
        assert_eq!(seen(&r), "inner,outer");

        let refusing = (Mark("outer", false), Mark("inner", true));
        match refusing.before(&request) {
            Err(r) => {
                assert_eq!(r.status(), StatusCode::FORBIDDEN);
                assert_eq!(seen(&r), "inner,outer");
            }
            Ok(_) => panic!("the inner one refuses"),
        }
        let off: Option<Mark> = None;
        let r = Option::<Mark>::after(
            off.before(&request).unwrap_or_else(|_| panic!("refused")),
            Response::new(axum::body::Body::empty()),
        );
        assert_eq!(seen(&r), "");
    }
}
