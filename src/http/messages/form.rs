//! The messages form extractor: the body limit, strict decoding and the
//! per-address limit the route names, before the handler runs. Over a
//! limit the person's text comes back in the page, never lost.

use std::marker::PhantomData;

use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::http::lang::Speaking;
use crate::http::limit::{Limiter, Limits, client_addr};
use crate::http::state::AppState;
use crate::render::InLang;

/// Largest messages form read: a message of 4,000 characters, each up to
/// four bytes and percent-encoded, with room to spare.
pub const MESSAGE_BODY_LIMIT: usize = 64 * 1024;

/// Which per-address limit a route counts against, and its page.
pub trait Limit: Send + Sync + 'static {
    fn limiter(limits: &Limits) -> Option<&Limiter>;
    /// The page over the limit, with what the person typed.
    fn refuse(state: &AppState, pages: &InLang<'_>, fields: &[(String, String)]) -> Response;
    /// The route checks a code: refused while wrong codes from everyone
    /// together have reached their ceiling.
    const CODES: bool = false;
}

/// No limit (downloads of what the page already showed).
pub struct NoLimit;
impl Limit for NoLimit {
    fn limiter(_: &Limits) -> Option<&Limiter> {
        None
    }
    fn refuse(_: &AppState, _: &InLang<'_>, _: &[(String, String)]) -> Response {
        StatusCode::TOO_MANY_REQUESTS.into_response()
    }
}

/// Conversations started per address.
pub struct WriteLimit;
impl Limit for WriteLimit {
    fn limiter(limits: &Limits) -> Option<&Limiter> {
        Some(&limits.write)
    }
    fn refuse(state: &AppState, pages: &InLang<'_>, fields: &[(String, String)]) -> Response {
        super::write::write_again(
            state,
            pages,
            fields,
            StatusCode::TOO_MANY_REQUESTS,
            ("messages-busy-heading", "messages-too-many-writes"),
        )
    }
}

/// Conversation codes used per address (read, reply, delete).
pub struct CodeLimit;
impl Limit for CodeLimit {
    fn limiter(limits: &Limits) -> Option<&Limiter> {
        Some(&limits.message_code)
    }
    fn refuse(_: &AppState, pages: &InLang<'_>, fields: &[(String, String)]) -> Response {
        super::read::code_form(
            pages,
            StatusCode::TOO_MANY_REQUESTS,
            "messages-too-many-tries",
            pathway_core::form::field(fields, "text").unwrap_or(""),
        )
    }
    const CODES: bool = true;
}

/// A messages form's fields, read after the limit `L` let the request in.
pub struct MessageForm<L> {
    pub fields: Vec<(String, String)>,
    /// The language of the page the form was sent to (`/cy/messages/…`).
    pub site: Speaking,
    _limit: PhantomData<L>,
}

impl<L> MessageForm<L> {
    /// The first value of field `name`, or "".
    pub fn get(&self, name: &str) -> &str {
        pathway_core::form::field(&self.fields, name).unwrap_or("")
    }
}

impl<L: Limit> FromRequest<AppState> for MessageForm<L> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (mut head, body) = request.into_parts();
        let Some(site) = Speaking::from_parts(&mut head, state).await else {
            return Err(crate::http::AppError::NotFound.into_response());
        };
        let request = Request::from_parts(head, body);
        let pages = site.pages();
        if !pages.programme().site.messages.enabled {
            return Err(crate::http::AppError::NotFound.into_response());
        }
        let client = client_addr(&request, &state.http.trusted_proxies);
        let Ok(bytes) = axum::body::to_bytes(request.into_body(), MESSAGE_BODY_LIMIT).await else {
            return Err(super::plain_message(
                &pages,
                StatusCode::PAYLOAD_TOO_LARGE,
                "worksheet-too-large-heading",
                "survey-too-large",
            ));
        };
        let Some(fields) = pathway_core::form::decode_pairs(&bytes) else {
            return Err(super::plain_message(
                &pages,
                StatusCode::BAD_REQUEST,
                "worksheet-fix-heading",
                "survey-error-encoding",
            ));
        };
        if let Some(limiter) = L::limiter(state.limits_for(client))
            && !limiter.allow(client, state.clock.today())
        {
            return Err(L::refuse(state, &pages, &fields));
        }
        if L::CODES && state.wrong_codes.reached() {
            return Err(super::read::code_form(
                &pages,
                StatusCode::TOO_MANY_REQUESTS,
                "codes-paused",
                pathway_core::form::field(&fields, "text").unwrap_or(""),
            ));
        }
        Ok(Self {
            fields,
            site,
            _limit: PhantomData,
        })
    }
}
