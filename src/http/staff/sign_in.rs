//! Sign-in (password, then TOTP or a recovery code) and sign-out.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::auth::{AnyStaff, StaffForm, audit, read_form};
use super::{StaffPage, field, page, redirect, set_cookie};
use crate::db::staff::Account;
use crate::http::error::AppError;
use crate::http::state::AppState;
use crate::services::staff::{self, HashError, digest};

fn sign_in_page(status: StatusCode, name: &str, error: &str) -> Result<Response, AppError> {
    page(
        status,
        StaffPage {
            heading: "Staff sign-in".into(),
            mode: "sign-in",
            name: name.into(),
            error: error.into(),
            ..Default::default()
        },
    )
}

/// `GET /staff/sign-in`.
pub async fn sign_in_form() -> Result<Response, AppError> {
    sign_in_page(StatusCode::OK, "", "")
}

const WRONG: &str = "The name, password or code is not right.";

/// Seconds an account stays locked after `failures` failed sign-ins in a
/// row: none for the first three, then doubling up to 15 minutes.
pub fn lock_seconds(failures: i64) -> i64 {
    if failures < 3 {
        0
    } else {
        (1i64 << (failures - 3).min(10)).min(900)
    }
}

/// `POST /staff/sign-in`: password (argon2id, off the async threads), then
/// a TOTP code from a step later than the last accepted one, or a recovery
/// code. Failures slow down per account (in the database) and per source
/// (in memory, addresses hashed with a daily salt).
pub async fn sign_in(
    State(state): State<AppState>,
    request: Request,
) -> Result<Response, AppError> {
    let addr = crate::http::limit::client_addr(&request, &state.http.trusted_proxies);
    if !state.staff_limit.allow(addr, state.clock.today()) {
        return sign_in_page(
            StatusCode::TOO_MANY_REQUESTS,
            "",
            "Too many sign-in attempts from here. Wait 10 minutes and try again.",
        );
    }
    let f = read_form(request).await;
    let name: String = field(&f, "name").chars().take(100).collect();
    let account = state.store.account_by_name(&name).await?;
    let at = state.clock.unix();
    if let Some(a) = &account
        && a.locked_until > at
    {
        audit(&state, &name, "sign-in refused (locked)", "").await;
        return sign_in_page(
            StatusCode::TOO_MANY_REQUESTS,
            &name,
            "This account is locked for a while after failed sign-ins. Try again later.",
        );
    }
    let phc = account.as_ref().and_then(|a| a.password_hash.clone());
    let password_ok = match state.hasher.verify(field(&f, "password").into(), phc).await {
        Ok(ok) => ok,
        Err(HashError::Busy) => return Err(AppError::unavailable("password checks are busy")),
        Err(HashError::Failed) => false,
    };
    let Some(a) = account.filter(|a| !a.disabled && a.totp_secret.is_some()) else {
        audit(
            &state,
            &name,
            "sign-in failed",
            "unknown, disabled or not enrolled",
        )
        .await;
        return sign_in_page(StatusCode::UNPROCESSABLE_ENTITY, &name, WRONG);
    };
    let second = password_ok && second_factor(&state, &a, field(&f, "code"), at).await?;
    if !second {
        let until = at + lock_seconds(a.failed_signins + 1);
        state.store.signin_failed(a.id, until).await?;
        audit(&state, &a.name, "sign-in failed", "").await;
        return sign_in_page(StatusCode::UNPROCESSABLE_ENTITY, &name, WRONG);
    }
    start_session(&state, &a, at).await
}

/// A new session id at every sign-in (no fixation), in the cookie.
async fn start_session(state: &AppState, a: &Account, at: i64) -> Result<Response, AppError> {
    let (Some(id), Some(csrf)) = (staff::random_hex(32), staff::random_hex(16)) else {
        return Err(AppError::unavailable("no randomness for a session id"));
    };
    state
        .store
        .create_session(&digest(&id), a.id, &csrf, at)
        .await?;
    audit(state, &a.name, "signed in", "").await;
    let mut r = redirect("/staff");
    set_cookie(&mut r, &id, None);
    Ok(r)
}

/// The TOTP code (never one from an already used step, on any instance)
/// or a recovery code (once).
async fn second_factor(
    state: &AppState,
    a: &Account,
    code: &str,
    at: i64,
) -> Result<bool, AppError> {
    let Some(secret) = &a.totp_secret else {
        return Ok(false);
    };
    if let Some(step) = staff::accepted_step(secret, code, a.totp_last_step, at) {
        return Ok(state.store.accept_totp_step(a.id, step).await?);
    }
    let canonical = staff::canonical_recovery(code);
    if canonical.len() != 10 {
        return Ok(false);
    }
    let used = state
        .store
        .use_recovery_code(a.id, &digest(&canonical))
        .await?;
    if used {
        audit(state, &a.name, "recovery code used", "").await;
    }
    Ok(used)
}

/// `POST /staff/sign-out`.
pub async fn sign_out(
    State(state): State<AppState>,
    form: StaffForm<AnyStaff>,
) -> Result<Response, AppError> {
    let s = form.staff;
    state.store.end_session(&s.id_hash).await?;
    s.audit(&state, "signed out", "").await;
    let mut r = redirect("/staff/sign-in");
    set_cookie(&mut r, "", Some(0));
    Ok(r)
}

/// `POST /staff/sign-out-everywhere`: every session of the account.
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    form: StaffForm<AnyStaff>,
) -> Result<Response, AppError> {
    let s = form.staff;
    let n = state.store.end_sessions_of(s.account.id).await?;
    s.audit(&state, "signed out everywhere", &format!("{n} session(s)"))
        .await;
    let mut r = redirect("/staff/sign-in");
    set_cookie(&mut r, "", Some(0));
    Ok(r)
}
