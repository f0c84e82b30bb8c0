//! The tools' form extractor: the body limit, strict decoding and the
//! per-address `tools` limit, before the handler runs.

use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::Response;

use crate::http::limit::client_addr;
use crate::http::state::AppState;

/// Largest tool form read: a few short fields, with room to spare.
pub const TOOL_BODY_LIMIT: usize = 16 * 1024;

/// A tool form's fields, read after the limit let the request in.
pub struct ToolForm {
    pub fields: Vec<(String, String)>,
}

impl ToolForm {
    /// The first value of field `name`, or "".
    pub fn get(&self, name: &str) -> &str {
        pathway_core::form::field(&self.fields, name).unwrap_or("")
    }
}

impl FromRequest<AppState> for ToolForm {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let client = client_addr(&request, &state.http.trusted_proxies);
        let (mut head, body) = request.into_parts();
        let site = crate::http::lang::Speaking::or_default(&mut head, state).await;
        let request = Request::from_parts(head, body);
        let pages = site.pages();
        let Ok(bytes) = axum::body::to_bytes(request.into_body(), TOOL_BODY_LIMIT).await else {
            return Err(super::reminder::refused(
                state,
                &pages,
                StatusCode::PAYLOAD_TOO_LARGE,
                "reminder-too-large",
            ));
        };
        let Some(fields) = pathway_core::form::decode_pairs(&bytes) else {
            return Err(super::reminder::refused(
                state,
                &pages,
                StatusCode::BAD_REQUEST,
                "survey-error-encoding",
            ));
        };
        if !state
            .limits_for(client)
            .tools
            .allow(client, state.clock.today())
        {
            return Err(super::reminder::refused(
                state,
                &pages,
                StatusCode::TOO_MANY_REQUESTS,
                "reminder-too-many",
            ));
        }
        Ok(Self { fields })
    }
}
