//! Enrolment from a one-time link: a password, then the authenticator app
//! (a QR code and its first code), then ten recovery codes shown once.

use crate::render::st;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::auth::{audit, read_form};
use super::{StaffPage, field, form_status, message, page};
use crate::db::staff::{Account, Enrolment};
use crate::http::error::AppError;
use crate::http::state::AppState;
use crate::services::staff::{self, digest};

/// `GET /staff/enrol/{token}`.
pub async fn enrol_form(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let at = state.clock.unix();
    match state.store.enrolment(&digest(&token), at).await? {
        Some(e) => match e.pending_secret {
            Some(sealed) => totp_step(&token, &open(&state, &sealed)?, String::new()),
            None => password_step(&token, String::new()),
        },
        None => link_gone(),
    }
}

/// A stored TOTP secret in the clear (it is kept sealed with the data key).
fn open(state: &AppState, sealed: &str) -> Result<String, AppError> {
    state
        .keys()?
        .open(sealed)
        .map_err(|e| AppError::Unavailable(Box::new(e)))
}

fn link_gone() -> Result<Response, AppError> {
    message(
        StatusCode::GONE,
        "staff-link-gone-heading",
        "staff-link-gone-text",
    )
}

fn password_step(token: &str, error: String) -> Result<Response, AppError> {
    page(
        form_status(&error),
        StaffPage {
            heading: st::t("staff-enrol-heading"),
            mode: "enrol-password",
            action: format!("/staff/enrol/{token}"),
            error,
            ..Default::default()
        },
    )
}

fn totp_step(token: &str, secret: &str, error: String) -> Result<Response, AppError> {
    let url = staff::totp(secret, "staff").and_then(|t| t.to_url().ok());
    page(
        form_status(&error),
        StaffPage {
            heading: st::t("staff-enrol-totp-heading"),
            mode: "enrol-totp",
            action: format!("/staff/enrol/{token}"),
            qr: url
                .as_deref()
                .and_then(|u| staff::qr_svg(u, &st::t("staff-enrol-qr-label")))
                .unwrap_or_default(),
            secret: secret.to_string(),
            error,
            ..Default::default()
        },
    )
}

/// `POST /staff/enrol/{token}`: the password, then the first TOTP code.
pub async fn enrol(
    State(state): State<AppState>,
    Path(token): Path<String>,
    request: Request,
) -> Result<Response, AppError> {
    let f = read_form(request).await;
    let hash = digest(&token);
    let Some(e) = state.store.enrolment(&hash, state.clock.unix()).await? else {
        return link_gone();
    };
    let account = state
        .store
        .account_by_id(e.account_id)
        .await?
        .ok_or(AppError::unavailable("the enrolment's account is gone"))?;
    if field(&f, "step") == "password" {
        return set_password(&state, &token, &hash, &account, &f).await;
    }
    let Some(secret) = e
        .pending_secret
        .as_deref()
        .map(|s| open(&state, s))
        .transpose()?
    else {
        return password_step(&token, String::new());
    };
    let Some(step) = staff::accepted_step(&secret, field(&f, "code"), 0, state.clock.unix()) else {
        return totp_step(&token, &secret, st::t("staff-enrol-wrong-code"));
    };
    finish(&state, &token, &hash, &e, &account, step).await
}

/// The password step: checked, hashed, kept with a new TOTP secret.
async fn set_password(
    state: &AppState,
    token: &str,
    hash: &str,
    account: &Account,
    f: &[(String, String)],
) -> Result<Response, AppError> {
    let password = field(f, "password");
    if password != field(f, "confirm") {
        return password_step(token, st::t("staff-enrol-not-same"));
    }
    if let Some(problem) = staff::password_problem(password, &account.name) {
        return password_step(token, st::t(problem));
    }
    let phc = state
        .hasher
        .hash(password.to_string())
        .await
        .map_err(|e| AppError::Unavailable(format!("password hashing: {e:?}").into()))?;
    let secret =
        staff::new_totp_secret().ok_or(AppError::unavailable("no randomness for a TOTP secret"))?;
    let sealed = state
        .keys()?
        .seal(&secret)
        .map_err(|e| AppError::Unavailable(Box::new(e)))?;
    state
        .store
        .set_enrolment_pending(hash, &phc, &sealed)
        .await?;
    totp_step(token, &secret, String::new())
}

/// The first code was right: the account is ready, with recovery codes.
async fn finish(
    state: &AppState,
    token: &str,
    hash: &str,
    e: &Enrolment,
    account: &Account,
    step: i64,
) -> Result<Response, AppError> {
    let codes =
        staff::recovery_codes().ok_or(AppError::unavailable("no randomness for recovery codes"))?;
    let keys = state.keys()?;
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| keys.keyed_hash(&staff::canonical_recovery(c)))
        .collect();
    if !state.store.finish_enrolment(hash, e, step, &hashes).await? {
        // Finished at the same moment elsewhere: the link is used up.
        return enrol_form(State(state.clone()), Path(token.to_string())).await;
    }
    audit(state, &account.name, "enrolled", "").await;
    page(
        StatusCode::OK,
        StaffPage {
            heading: st::t("staff-enrol-ready"),
            mode: "enrolled",
            codes,
            ..Default::default()
        },
    )
}
