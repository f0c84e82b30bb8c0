//! The staff area: enrolment (password, TOTP, recovery codes), sign-in
//! (password then TOTP or a recovery code), server-side sessions in a
//! `__Host-` cookie, CSRF tokens, sign out (everywhere), throttling and the
//! audit log. Every response is `no-store`.

use askama::Template;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::app::AppState;
use crate::staff::{self, HashError, digest, now};

pub mod content;
pub mod results;
pub mod usage;

pub use content::{content_page, preview, reload};
pub use results::{codebook, export_csv, export_json, free_text, results};
pub use usage::{usage, usage_csv};

pub const COOKIE: &str = "__Host-pathway-staff";

#[derive(Template, Default)]
#[template(path = "staff.html")]
pub struct StaffPage {
    pub heading: String,
    pub mode: &'static str,
    pub message: String,
    pub error: String,
    pub action: String,
    pub qr: String,
    pub secret: String,
    pub codes: Vec<String>,
    pub name: String,
    pub role: String,
    pub csrf: String,
    pub audit: Vec<(String, String, String, String)>,
    /// (id, title) of the surveys whose results this person may read.
    pub surveys: Vec<(String, String)>,
    /// Whether this person may reload content.
    pub edits: bool,
    /// Whether to show the staff navigation (signed-in pages).
    pub nav: bool,
    pub assets: &'static str,
}

pub(crate) fn page(status: StatusCode, mut p: StaffPage) -> Response {
    p.assets = crate::render::pages::asset_version();
    html_page(status, &p)
}

pub(crate) fn message(status: StatusCode, heading: &str, text: &str) -> Response {
    page(
        status,
        StaffPage {
            heading: heading.into(),
            mode: "message",
            message: text.into(),
            ..Default::default()
        },
    )
}

pub(crate) fn unavailable() -> Response {
    message(
        StatusCode::SERVICE_UNAVAILABLE,
        "Try again in a minute",
        "The server is busy or cannot reach its database.",
    )
}

async fn form(body: Body) -> Vec<(String, String)> {
    let bytes: Bytes = axum::body::to_bytes(body, 16 * 1024)
        .await
        .unwrap_or_default();
    crate::worksheet::decode_pairs(&bytes).unwrap_or_default()
}

pub(crate) fn field<'a>(form: &'a [(String, String)], name: &str) -> &'a str {
    form.iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

pub(crate) fn redirect(to: &'static str) -> Response {
    let mut r = StatusCode::SEE_OTHER.into_response();
    r.headers_mut()
        .insert(header::LOCATION, HeaderValue::from_static(to));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

fn set_cookie(r: &mut Response, value: &str, max_age: Option<i64>) {
    let age = max_age.map_or(String::new(), |a| format!("; Max-Age={a}"));
    let cookie = format!("{COOKIE}={value}; Path=/; Secure; HttpOnly; SameSite=Strict{age}");
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// `GET /staff/enrol/{token}`.
pub async fn enrol_form(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match state.store.enrolment(&digest(&token), now()).await {
        Ok(Some(e)) => match e.pending_secret {
            Some(secret) => totp_step(&token, &secret, String::new()),
            None => password_step(&token, String::new()),
        },
        Ok(None) => message(
            StatusCode::GONE,
            "This link does not work",
            "Enrolment links work once and for 24 hours. Ask an administrator for a new one.",
        ),
        Err(_) => unavailable(),
    }
}

/// 200 for a form shown fresh, 422 when it comes back with an error.
fn form_status(error: &str) -> StatusCode {
    if error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

fn password_step(token: &str, error: String) -> Response {
    page(
        form_status(&error),
        StaffPage {
            heading: "Set up your staff account".into(),
            mode: "enrol-password",
            action: format!("/staff/enrol/{token}"),
            error,
            ..Default::default()
        },
    )
}

fn totp_step(token: &str, secret: &str, error: String) -> Response {
    let url = staff::totp(secret, "staff").and_then(|t| t.to_url().ok());
    page(
        form_status(&error),
        StaffPage {
            heading: "Set up your authenticator app".into(),
            mode: "enrol-totp",
            action: format!("/staff/enrol/{token}"),
            qr: url.as_deref().and_then(staff::qr_svg).unwrap_or_default(),
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
    body: Body,
) -> Response {
    let f = form(body).await;
    let hash = digest(&token);
    let e = match state.store.enrolment(&hash, now()).await {
        Ok(Some(e)) => e,
        Ok(None) => return enrol_form(State(state), Path(token)).await,
        Err(_) => return unavailable(),
    };
    let Ok(Some(account)) = state.store.account_by_id(e.account_id).await else {
        return unavailable();
    };
    if field(&f, "step") == "password" {
        let password = field(&f, "password");
        if password != field(&f, "confirm") {
            return password_step(&token, "The two passwords are not the same.".into());
        }
        if let Some(problem) = staff::password_problem(password, &account.name) {
            return password_step(&token, problem.into());
        }
        let (Ok(phc), Some(secret)) = (
            state.hasher.hash(password.to_string()).await,
            staff::new_totp_secret(),
        ) else {
            return unavailable();
        };
        if state
            .store
            .set_enrolment_pending(&hash, &phc, &secret)
            .await
            .is_err()
        {
            return unavailable();
        }
        return totp_step(&token, &secret, String::new());
    }
    let Some(secret) = e.pending_secret.clone() else {
        return password_step(&token, String::new());
    };
    let Some(step) = staff::accepted_step(&secret, field(&f, "code"), 0, now()) else {
        return totp_step(
            &token,
            &secret,
            "That code is not right. Check the app and try the newest code.".into(),
        );
    };
    let Some(codes) = staff::recovery_codes() else {
        return unavailable();
    };
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| digest(&staff::canonical_recovery(c)))
        .collect();
    match state.store.finish_enrolment(&hash, &e, step, &hashes).await {
        Ok(true) => {
            let _ = state.store.audit(&account.name, "enrolled", "").await;
            page(
                StatusCode::OK,
                StaffPage {
                    heading: "Your account is ready".into(),
                    mode: "enrolled",
                    codes,
                    ..Default::default()
                },
            )
        }
        Ok(false) => enrol_form(State(state), Path(token)).await,
        Err(_) => unavailable(),
    }
}

fn sign_in_page(status: StatusCode, name: &str, error: &str) -> Response {
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
pub async fn sign_in_form() -> Response {
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
pub async fn sign_in(State(state): State<AppState>, request: axum::extract::Request) -> Response {
    let addr = crate::http::limit::client_addr(&request, &state.http.trusted_proxies);
    if !state.staff_limit.allow(addr) {
        return sign_in_page(
            StatusCode::TOO_MANY_REQUESTS,
            "",
            "Too many sign-in attempts from here. Wait 10 minutes and try again.",
        );
    }
    let f = form(request.into_body()).await;
    let name: String = field(&f, "name").chars().take(100).collect();
    let account = match state.store.account_by_name(&name).await {
        Ok(a) => a,
        Err(_) => return unavailable(),
    };
    let at = now();
    if let Some(a) = &account
        && a.locked_until > at
    {
        let _ = state
            .store
            .audit(&name, "sign-in refused (locked)", "")
            .await;
        return sign_in_page(
            StatusCode::TOO_MANY_REQUESTS,
            &name,
            "This account is locked for a while after failed sign-ins. Try again later.",
        );
    }
    let phc = account.as_ref().and_then(|a| a.password_hash.clone());
    let password_ok = match state.hasher.verify(field(&f, "password").into(), phc).await {
        Ok(ok) => ok,
        Err(HashError::Busy) => return unavailable(),
        Err(HashError::Failed) => false,
    };
    let Some(a) = account.filter(|a| !a.disabled && a.totp_secret.is_some()) else {
        let _ = state
            .store
            .audit(&name, "sign-in failed", "unknown, disabled or not enrolled")
            .await;
        return sign_in_page(StatusCode::UNPROCESSABLE_ENTITY, &name, WRONG);
    };
    let second = if password_ok {
        second_factor(&state, &a, field(&f, "code"), at).await
    } else {
        Ok(false)
    };
    match second {
        Ok(true) => {}
        Ok(false) => {
            let until = at + lock_seconds(a.failed_signins + 1);
            let _ = state.store.signin_failed(a.id, until).await;
            let _ = state.store.audit(&a.name, "sign-in failed", "").await;
            return sign_in_page(StatusCode::UNPROCESSABLE_ENTITY, &name, WRONG);
        }
        Err(()) => return unavailable(),
    }
    // A new session id at every sign-in (no fixation).
    let (Some(id), Some(csrf)) = (staff::random_hex(32), staff::random_hex(16)) else {
        return unavailable();
    };
    if state
        .store
        .create_session(&digest(&id), a.id, &csrf, at)
        .await
        .is_err()
    {
        return unavailable();
    }
    let _ = state.store.audit(&a.name, "signed in", "").await;
    let mut r = redirect("/staff");
    set_cookie(&mut r, &id, None);
    r
}

/// The TOTP code (never one from an already used step, on any instance)
/// or a recovery code (once).
async fn second_factor(
    state: &AppState,
    a: &crate::db::staff::Account,
    code: &str,
    at: i64,
) -> Result<bool, ()> {
    let Some(secret) = &a.totp_secret else {
        return Ok(false);
    };
    if let Some(step) = staff::accepted_step(secret, code, a.totp_last_step, at) {
        return state
            .store
            .accept_totp_step(a.id, step)
            .await
            .map_err(|_| ());
    }
    let canonical = staff::canonical_recovery(code);
    if canonical.len() == 10 {
        let used = state
            .store
            .use_recovery_code(a.id, &digest(&canonical))
            .await
            .map_err(|_| ())?;
        if used {
            let _ = state.store.audit(&a.name, "recovery code used", "").await;
        }
        return Ok(used);
    }
    Ok(false)
}

/// The signed-in staff member, if the cookie names a live session.
pub struct Signed {
    pub id_hash: String,
    pub account: crate::db::staff::Account,
    pub csrf: String,
}

pub(crate) async fn signed_in(state: &AppState, headers: &HeaderMap) -> Result<Option<Signed>, ()> {
    let Some(id) = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_string())
    else {
        return Ok(None);
    };
    let id_hash = digest(&id);
    let Some(s) = state.store.session(&id_hash).await.map_err(|_| ())? else {
        return Ok(None);
    };
    let at = now();
    let idle = i64::try_from(staff::IDLE.as_secs()).unwrap_or(i64::MAX);
    let absolute = i64::try_from(staff::ABSOLUTE.as_secs()).unwrap_or(i64::MAX);
    if at - s.seen_at > idle || at - s.created_at > absolute {
        let _ = state.store.end_session(&id_hash).await;
        return Ok(None);
    }
    let account = match state.store.account_by_id(s.account_id).await {
        Ok(Some(a)) if !a.disabled => a,
        Ok(_) => return Ok(None),
        Err(_) => return Err(()),
    };
    state
        .store
        .touch_session(&id_hash, at)
        .await
        .map_err(|_| ())?;
    Ok(Some(Signed {
        id_hash,
        account,
        csrf: s.csrf,
    }))
}

/// `GET /staff`: who is signed in; for admins, the audit log.
pub async fn home(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let s = match signed_in(&state, &headers).await {
        Ok(Some(s)) => s,
        Ok(None) => return redirect("/staff/sign-in"),
        Err(()) => return unavailable(),
    };
    let audit = if s.account.role == "admin" {
        state.store.audit_entries(50).await.unwrap_or_default()
    } else {
        Vec::new()
    };
    let surveys = if reads_results(&s.account.role) {
        state
            .pages()
            .programme()
            .surveys
            .iter()
            .map(|x| (x.id.clone(), x.title.clone()))
            .collect()
    } else {
        Vec::new()
    };
    page(
        StatusCode::OK,
        StaffPage {
            heading: "Staff area".into(),
            mode: "home",
            name: s.account.name.clone(),
            role: s.account.role.clone(),
            csrf: s.csrf,
            audit,
            surveys,
            edits: edits_content(&s.account.role),
            nav: true,
            ..Default::default()
        },
    )
}

/// A state-changing POST: a live session and its CSRF token, or nothing.
pub(crate) async fn checked_post(
    state: &AppState,
    request: axum::extract::Request,
) -> Result<Signed, Response> {
    let headers = request.headers().clone();
    let s = match signed_in(state, &headers).await {
        Ok(Some(s)) => s,
        Ok(None) => return Err(redirect("/staff/sign-in")),
        Err(()) => return Err(unavailable()),
    };
    let f = form(request.into_body()).await;
    if !staff::constant_time_eq(field(&f, "csrf").as_bytes(), s.csrf.as_bytes()) {
        let _ = state
            .store
            .audit(&s.account.name, "refused: bad CSRF token", "")
            .await;
        return Err(message(
            StatusCode::FORBIDDEN,
            "That form has expired",
            "Go back, reload the page and try again.",
        ));
    }
    Ok(s)
}

/// `POST /staff/sign-out`.
pub async fn sign_out(State(state): State<AppState>, request: axum::extract::Request) -> Response {
    let s = match checked_post(&state, request).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let _ = state.store.end_session(&s.id_hash).await;
    let _ = state.store.audit(&s.account.name, "signed out", "").await;
    let mut r = redirect("/staff/sign-in");
    set_cookie(&mut r, "", Some(0));
    r
}

/// `POST /staff/sign-out-everywhere`: every session of the account.
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    request: axum::extract::Request,
) -> Response {
    let s = match checked_post(&state, request).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let n = state.store.end_sessions_of(s.account.id).await.unwrap_or(0);
    let _ = state
        .store
        .audit(
            &s.account.name,
            "signed out everywhere",
            &format!("{n} session(s)"),
        )
        .await;
    let mut r = redirect("/staff/sign-in");
    set_cookie(&mut r, "", Some(0));
    r
}

/// Whether `role` may read survey results and usage figures.
pub fn reads_results(role: &str) -> bool {
    role == "admin" || role == "analyst"
}

/// Whether `role` may reload content.
pub fn edits_content(role: &str) -> bool {
    role == "admin" || role == "editor"
}

/// Any role: every signed-in staff member may preview drafts.
fn any_role(_: &str) -> bool {
    true
}

/// The signed-in staff member whose role passes `allowed`, or the page to
/// show instead: sign-in for nobody, 403 with `refusal` for another role.
pub(crate) async fn with_role(
    state: &AppState,
    headers: &HeaderMap,
    allowed: fn(&str) -> bool,
    refusal: &str,
) -> Result<Signed, Response> {
    match signed_in(state, headers).await {
        Ok(Some(s)) if allowed(&s.account.role) => Ok(s),
        Ok(Some(_)) => Err(message(StatusCode::FORBIDDEN, "Not for your role", refusal)),
        Ok(None) => Err(redirect("/staff/sign-in")),
        Err(()) => Err(unavailable()),
    }
}

/// The signed-in analyst or admin.
pub(crate) async fn analyst(state: &AppState, headers: &HeaderMap) -> Result<Signed, Response> {
    with_role(
        state,
        headers,
        reads_results,
        "Survey results and usage figures are for analysts and administrators.",
    )
    .await
}

/// Any signed-in staff member.
pub(crate) async fn any_staff(state: &AppState, headers: &HeaderMap) -> Result<Signed, Response> {
    with_role(state, headers, any_role, "").await
}

/// A download with `no-store` and a neutral file name.
pub(crate) fn download(body: String, content_type: &'static str, file: &'static str) -> Response {
    let mut r = (StatusCode::OK, body).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// An HTML page that is never stored.
pub(crate) fn html_page(status: StatusCode, t: &impl Template) -> Response {
    let mut r = match t.render() {
        Ok(html) => (status, [(header::CONTENT_TYPE, crate::render::HTML)], html).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "a staff page failed to render");
            return unavailable();
        }
    };
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// The staff listener's fallback: the site's static files (its style
/// sheet), and nothing else.
pub async fn static_only(
    state: State<AppState>,
    method: axum::http::Method,
    uri: axum::http::Uri,
    headers: HeaderMap,
) -> Response {
    if uri.path().starts_with("/static/") {
        crate::http::pages::stored(state, method, uri, headers).await
    } else {
        StatusCode::NOT_FOUND.into_response()
    }
}
