//! Who is signed in, checked by type. A staff handler receives a
//! `Staff<P>` (for a GET) or a `StaffForm<P>` (for a POST: the CSRF token
//! checked and the form read), where `P` names what the route needs; the
//! handler cannot be written without choosing one, so no route forgets its
//! access check. Failures answer before the handler runs: the sign-in page
//! for nobody, a 403 page for another role or a bad CSRF token, the 503
//! page when the database cannot be reached.

use std::marker::PhantomData;

use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{Extensions, HeaderMap};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::{COOKIE, redirect};
use crate::db::staff::Account;
use crate::http::error::AppError;
use crate::http::state::AppState;
use crate::services::staff::{self, Role, digest};

/// What a route needs.
pub trait Permission: Send + Sync + 'static {
    fn allows(role: Role) -> bool;
    /// Shown to a signed-in person whose role may not.
    const REFUSAL: &'static str;
}

/// Any signed-in staff member (home, content, draft previews, sign-out).
pub struct AnyStaff;
impl Permission for AnyStaff {
    fn allows(_: Role) -> bool {
        true
    }
    const REFUSAL: &'static str = "staff-refused-any";
}

/// Analysts and admins: survey results, exports, usage figures.
pub struct ReadsResults;
impl Permission for ReadsResults {
    fn allows(role: Role) -> bool {
        role.reads_results()
    }
    const REFUSAL: &'static str = "staff-refused-results";
}

/// Editors and admins: reloading content.
pub struct EditsContent;
impl Permission for EditsContent {
    fn allows(role: Role) -> bool {
        role.edits_content()
    }
    const REFUSAL: &'static str = "staff-refused-content";
}

/// Practitioners and admins: messages to the helpline.
pub struct AnswersMessages;
impl Permission for AnswersMessages {
    fn allows(role: Role) -> bool {
        role.answers_messages()
    }
    const REFUSAL: &'static str = "staff-refused-messages";
}

/// The signed-in staff member, allowed by `P`.
pub struct Staff<P> {
    pub id_hash: String,
    pub account: Account,
    pub role: Role,
    pub csrf: String,
    _needs: PhantomData<P>,
}

impl<P> Staff<P> {
    /// Writes `action` to the audit log under this person's name; a failure
    /// is logged, never shown (the action itself has happened).
    pub async fn audit(&self, state: &AppState, action: &str, detail: &str) {
        audit(state, &self.account.name, action, detail).await;
    }
}

/// Writes the audit log; a failure is logged once.
pub async fn audit(state: &AppState, who: &str, action: &str, detail: &str) {
    if let Err(e) = state
        .store
        .audit(state.clock.now(), who, action, detail)
        .await
    {
        tracing::error!(error = %e, action, "the audit log could not be written");
    }
}

/// A live session: its id's hash, the account and the CSRF token.
#[derive(Clone)]
pub struct Session {
    id_hash: String,
    account: Account,
    csrf: String,
}

/// Lets a request through to a signed-in route only with a live session,
/// which it hands on to the `Staff<P>` extractor (looked up once); the
/// sign-in page otherwise, or the 503 page when the database cannot be
/// reached.
pub async fn require_session(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    match signed_in(&state, request.headers()).await {
        Ok(Some(session)) => {
            request.extensions_mut().insert(session);
            next.run(request).await
        }
        Ok(None) => redirect("/staff/sign-in"),
        Err(e) => e.into_response(),
    }
}

/// The session named by the request's cookie, if it is live.
async fn signed_in(state: &AppState, headers: &HeaderMap) -> Result<Option<Session>, AppError> {
    let Some(id) = session_cookie(headers) else {
        return Ok(None);
    };
    let id_hash = digest(&id);
    let Some(s) = state.store.session(&id_hash).await? else {
        return Ok(None);
    };
    let at = state.clock.unix();
    let idle = i64::try_from(staff::IDLE.as_secs()).unwrap_or(i64::MAX);
    let absolute = i64::try_from(staff::ABSOLUTE.as_secs()).unwrap_or(i64::MAX);
    if at - s.seen_at > idle || at - s.created_at > absolute {
        if let Err(e) = state.store.end_session(&id_hash).await {
            tracing::warn!(error = %e, "an expired staff session could not be ended");
        }
        return Ok(None);
    }
    let account = match state.store.account_by_id(s.account_id).await? {
        Some(a) if !a.disabled => a,
        _ => return Ok(None),
    };
    state.store.touch_session(&id_hash, at).await?;
    Ok(Some(Session {
        id_hash,
        account,
        csrf: s.csrf,
    }))
}

fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_string())
}

impl<P: Permission> Staff<P> {
    /// The session `require_session` found, or (on a route outside it) the
    /// one the cookie names; then the role `P` needs.
    async fn from_request_head(
        state: &AppState,
        headers: &HeaderMap,
        extensions: &Extensions,
    ) -> Result<Self, Response> {
        let found = match extensions.get::<Session>() {
            Some(session) => Some(session.clone()),
            None => signed_in(state, headers)
                .await
                .map_err(IntoResponse::into_response)?,
        };
        let Some(Session {
            id_hash,
            account,
            csrf,
        }) = found
        else {
            return Err(redirect("/staff/sign-in"));
        };
        match Role::parse(&account.role) {
            Some(role) if P::allows(role) => Ok(Self {
                id_hash,
                account,
                role,
                csrf,
                _needs: PhantomData,
            }),
            _ => Err(AppError::Refused(P::REFUSAL).into_response()),
        }
    }
}

impl<P: Permission> FromRequestParts<AppState> for Staff<P> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        Self::from_request_head(state, &parts.headers, &parts.extensions).await
    }
}

/// Largest staff form read (a reply of 4,000 characters fits).
const FORM_LIMIT: usize = 64 * 1024;

/// A state-changing staff POST: the signed-in person allowed by `P`, whose
/// form carried their session's CSRF token, and the form's fields.
pub struct StaffForm<P> {
    pub staff: Staff<P>,
    pub fields: Vec<(String, String)>,
}

impl<P: Permission> FromRequest<AppState> for StaffForm<P> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let staff =
            Staff::<P>::from_request_head(state, request.headers(), request.extensions()).await?;
        let fields = read_form(request).await;
        let sent = super::field(&fields, "csrf");
        if !staff::constant_time_eq(sent.as_bytes(), staff.csrf.as_bytes()) {
            staff.audit(state, "refused: bad CSRF token", "").await;
            return Err(super::message(
                axum::http::StatusCode::FORBIDDEN,
                "staff-expired-heading",
                "staff-expired-text",
            )
            .into_response());
        }
        Ok(Self { staff, fields })
    }
}

/// A staff form's fields (a body too large or badly encoded reads as empty,
/// and then fails its checks like an empty form).
pub(crate) async fn read_form(request: Request) -> Vec<(String, String)> {
    let bytes = axum::body::to_bytes(request.into_body(), FORM_LIMIT)
        .await
        .unwrap_or_default();
    pathway_core::form::decode_pairs(&bytes).unwrap_or_default()
}
