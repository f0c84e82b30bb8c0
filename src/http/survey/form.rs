//! The survey form extractor: the per-address limit the route names, the
//! body limit and strict decoding, each answered with the survey's own
//! page before the handler runs.

use std::marker::PhantomData;

use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::Response;

use super::{SURVEY_BODY_LIMIT, message};
use crate::http::lang::Speaking;
use crate::http::limit::{Limiter, Limits, client_addr};
use crate::http::state::AppState;

/// Which per-address limit a survey route counts against.
pub trait Limit: Send + Sync + 'static {
    fn limiter(limits: &Limits) -> Option<&Limiter>;
    /// Fluent keys of the page shown over the limit.
    const HEADING: &'static str;
    const TEXT: &'static str;
    /// The route checks a code: refused while wrong codes from everyone
    /// together have reached their ceiling.
    const CODES: bool = false;
}

/// No limit (the draft's own token is the key).
pub struct NoLimit;
impl Limit for NoLimit {
    fn limiter(_: &Limits) -> Option<&Limiter> {
        None
    }
    const HEADING: &'static str = "";
    const TEXT: &'static str = "";
}

/// Surveys started per address.
pub struct StartLimit;
impl Limit for StartLimit {
    fn limiter(limits: &Limits) -> Option<&Limiter> {
        Some(&limits.start)
    }
    const HEADING: &'static str = "worksheet-busy-heading";
    const TEXT: &'static str = "survey-too-many-starts";
}

/// Codes tried per address (resume and follow-up), so that codes cannot be
/// guessed.
pub struct CodeLimit;
impl Limit for CodeLimit {
    fn limiter(limits: &Limits) -> Option<&Limiter> {
        Some(&limits.resume)
    }
    const HEADING: &'static str = "survey-resume-heading";
    const TEXT: &'static str = "survey-too-many-tries";
    const CODES: bool = true;
}

/// Quick surveys sent per address.
pub struct QuickLimit;
impl Limit for QuickLimit {
    fn limiter(limits: &Limits) -> Option<&Limiter> {
        Some(&limits.quick)
    }
    const HEADING: &'static str = "worksheet-busy-heading";
    const TEXT: &'static str = "survey-too-many-quick";
}

/// A survey form's fields, read after the limit `L` let the request in.
pub struct SurveyForm<L> {
    pub fields: Vec<(String, String)>,
    _limit: PhantomData<L>,
}

impl<L> SurveyForm<L> {
    /// The first value of field `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        pathway_core::form::field(&self.fields, name)
    }
}

impl<L: Limit> FromRequest<AppState> for SurveyForm<L> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let client = client_addr(&request, &state.http.trusted_proxies);
        let (mut head, body) = request.into_parts();
        let here = Speaking::or_default(&mut head, state).await;
        let request = Request::from_parts(head, body);
        if let Some(limiter) = L::limiter(state.limits_for(client))
            && !limiter.allow(client, state.clock.today())
        {
            let pages = here.pages();
            return Err(message(
                &pages,
                StatusCode::TOO_MANY_REQUESTS,
                L::HEADING,
                L::TEXT,
            ));
        }
        if L::CODES && state.wrong_codes.reached() {
            let pages = here.pages();
            return Err(message(
                &pages,
                StatusCode::TOO_MANY_REQUESTS,
                L::HEADING,
                "codes-paused",
            ));
        }
        let Ok(bytes) = axum::body::to_bytes(request.into_body(), SURVEY_BODY_LIMIT).await else {
            // Nothing is saved, so the answers stored so far are kept.
            let pages = here.pages();
            return Err(message(
                &pages,
                StatusCode::PAYLOAD_TOO_LARGE,
                "worksheet-too-large-heading",
                "survey-too-large",
            ));
        };
        match pathway_core::form::decode_pairs(&bytes) {
            Some(fields) => Ok(Self {
                fields,
                _limit: PhantomData,
            }),
            None => {
                let pages = here.pages();
                Err(message(
                    &pages,
                    StatusCode::BAD_REQUEST,
                    "worksheet-fix-heading",
                    "survey-error-encoding",
                ))
            }
        }
    }
}
