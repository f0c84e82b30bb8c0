//! `/healthz` (the process answers) and `/readyz` (this instance should
//! be sent visitors) for a proxy, a load balancer or systemd. Plain text,
//! never stored. On the public listener `/readyz` says one word; on the
//! staff listener it lists every check and what it found.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::http::state::AppState;
use crate::services::health::{self, Known, Readiness};

fn text(status: StatusCode, body: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// `GET /healthz`: the process is running and answering.
pub async fn healthz() -> Response {
    text(StatusCode::OK, "ok\n".into())
}

/// Every readiness check for `state`'s instance (also read by `/metrics`).
pub(crate) async fn readiness(state: &AppState) -> Readiness {
    let pages = state.pages();
    let known = Known {
        content_hash: &pages.programme().hash,
        survey_writer: state.submitter.alive(),
        message_writer: state.starter.alive(),
    };
    health::readiness(&state.store, known).await
}

async fn check(state: &AppState) -> Readiness {
    let readiness = readiness(state).await;
    if !readiness.ready() {
        let report = readiness.report();
        tracing::warn!(checks = %report.trim_end().replace('\n', "; "), "not ready");
    }
    readiness
}

fn status_of(r: &Readiness) -> StatusCode {
    if r.ready() {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    }
}

/// `GET /readyz` on the public listener: "ready" or "not ready", nothing
/// that would tell a stranger about the server.
pub async fn readyz(State(state): State<AppState>) -> Response {
    let r = check(&state).await;
    let word = if r.ready() { "ready\n" } else { "not ready\n" };
    text(status_of(&r), word.into())
}

/// `GET /readyz` on the staff listener: the same status, with every check.
pub async fn readyz_detailed(State(state): State<AppState>) -> Response {
    let r = check(&state).await;
    let word = if r.ready() { "ready" } else { "not ready" };
    text(status_of(&r), format!("{word}\n{}", r.report()))
}
