//! Sign-in (password, then TOTP or a recovery code) and sign-out.

use crate::render::st;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::auth::{AnyStaff, StaffForm, audit, read_form};
use super::{StaffPage, field, page, redirect, set_cookie};
use crate::db::staff::Account;
use crate::http::error::AppError;
use crate::http::state::AppState;
use crate::services::staff::{self, HashError, digest};

/// The sign-in form with `name` kept and the staff string `error` (none
/// when empty).
fn sign_in_page(status: StatusCode, name: &str, error: &str) -> Result<Response, AppError> {
    page(
        status,
        StaffPage {
            heading: st::t("staff-sign-in-heading"),
            mode: "sign-in",
            name: name.into(),
            error: if error.is_empty() {
                String::new()
            } else {
                st::t(error)
            },
            ..Default::default()
        },
    )
}

/// `GET /staff/sign-in`.
pub async fn sign_in_form() -> Result<Response, AppError> {
    sign_in_page(StatusCode::OK, "", "")
}

/// The one reply to a wrong name, password or code and to a locked
/// account, so that none of them tells a guesser anything.
const WRONG: &str = "staff-sign-in-wrong";

/// What the audit log says instead of a name that is not an account's
/// (it may be a password typed in the wrong box).
const UNKNOWN_NAME: &str = "(not a known name)";

/// Seconds an account stays locked after `failures` failed sign-ins in a
/// row: none for the first two, then doubling up to 15 minutes.
pub fn lock_seconds(failures: i64) -> i64 {
    if failures < 3 {
        0
    } else {
        (1i64 << (failures - 3).min(10)).min(900)
    }
}

/// Whose try this is.
enum Claim {
    /// No such usable account (unknown, disabled, not enrolled).
    Nobody,
    /// The account is locked (or too many tries raced for it).
    Locked(Account),
    /// A try was claimed on the account: its password may be checked.
    Claimed(Account),
}

/// Claims a try on the account named `name` (see `Store::claim_signin`).
async fn claim(state: &AppState, name: &str, at: i64) -> Result<Claim, AppError> {
    for _ in 0..20 {
        let Some(a) = state.store.account_by_name(name).await? else {
            return Ok(Claim::Nobody);
        };
        if a.disabled || a.totp_secret.is_none() {
            return Ok(Claim::Nobody);
        }
        if a.locked_until > at {
            return Ok(Claim::Locked(a));
        }
        let until = at + lock_seconds(a.failed_signins + 1);
        if state
            .store
            .claim_signin(a.id, at, a.failed_signins, until)
            .await?
        {
            return Ok(Claim::Claimed(a));
        }
    }
    Ok(match state.store.account_by_name(name).await? {
        Some(a) => Claim::Locked(a),
        None => Claim::Nobody,
    })
}

/// `POST /staff/sign-in`: password (argon2id, off the async threads), then
/// a TOTP code from a step later than the last accepted one, or a recovery
/// code. Each try is claimed on the account before its password is
/// checked, so the lockout holds against parallel tries; every failure
/// gets the same page after the same password check. Tries are also
/// limited per source (in memory, addresses hashed with a daily salt).
pub async fn sign_in(
    State(state): State<AppState>,
    request: Request,
) -> Result<Response, AppError> {
    if !state.allow(&request, |l| &l.staff) {
        return sign_in_page(StatusCode::TOO_MANY_REQUESTS, "", "staff-sign-in-too-many");
    }
    let f = read_form(request).await;
    let name: String = field(&f, "name").chars().take(100).collect();
    let at = state.clock.unix();
    let claim = claim(&state, &name, at).await?;
    // The same argon2 work whatever the outcome, so timing tells nothing.
    let phc = match &claim {
        Claim::Claimed(a) => a.password_hash.clone(),
        _ => None,
    };
    let password_ok = match state.hasher.verify(field(&f, "password").into(), phc).await {
        Ok(ok) => ok,
        Err(HashError::Busy) => return Err(AppError::unavailable("password checks are busy")),
        Err(HashError::Failed) => false,
    };
    let a = match claim {
        Claim::Nobody => {
            let actor = match state.store.account_by_name(&name).await? {
                Some(a) => a.name,
                None => UNKNOWN_NAME.to_string(),
            };
            audit(
                &state,
                &actor,
                "sign-in failed",
                "unknown, disabled or not enrolled",
            )
            .await;
            return sign_in_page(StatusCode::UNPROCESSABLE_ENTITY, &name, WRONG);
        }
        Claim::Locked(a) => {
            audit(&state, &a.name, "sign-in refused (locked)", "").await;
            return sign_in_page(StatusCode::UNPROCESSABLE_ENTITY, &name, WRONG);
        }
        Claim::Claimed(a) => a,
    };
    if !(password_ok && second_factor(&state, &a, field(&f, "code"), at).await?) {
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
    let Some(stored) = &a.totp_secret else {
        return Ok(false);
    };
    let keys = state.keys()?;
    let secret = keys
        .open(stored)
        .map_err(|e| AppError::Unavailable(Box::new(e)))?;
    if let Some(step) = staff::accepted_step(&secret, code, a.totp_last_step, at) {
        return Ok(state.store.accept_totp_step(a.id, step).await?);
    }
    let canonical = staff::canonical_recovery(code);
    if canonical.len() != staff::RECOVERY_SYMBOLS {
        return Ok(false);
    }
    let used = state
        .store
        .use_recovery_code(a.id, &keys.keyed_hashes(&canonical))
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
