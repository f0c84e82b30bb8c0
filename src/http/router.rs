//! The router: the public site and the staff area, with their layers.

use axum::Router;
use axum::http::StatusCode;
use axum::routing::{get, post};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::http;
use crate::http::around::AroundLayer;
use crate::http::state::AppState;

/// The Content-Security-Policy of every response: nothing from elsewhere,
/// no inline script or style.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; \
font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; \
form-action 'self'; base-uri 'none'";

pub const PERMISSIONS_POLICY: &str = "accelerometer=(), autoplay=(), camera=(), display-capture=(), \
geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), \
publickey-credentials-get=(), screen-wake-lock=(), usb=(), browsing-topics=(), interest-cohort=()";

/// The staff area's routes. Only sign-in and enrolment are open; every
/// other route sits behind `require_session`, so a route added there is
/// for signed-in staff even if its handler forgets to ask for anyone (and
/// a handler that needs the person names the permission it needs, by
/// type: `Staff<P>` or `StaffForm<P>`).
fn staff_routes(state: &AppState) -> Router<AppState> {
    let open = Router::new()
        .route(
            "/staff/sign-in",
            get(http::staff::sign_in_form).post(http::staff::sign_in),
        )
        .route(
            "/staff/enrol/{token}",
            get(http::staff::enrol_form).post(http::staff::enrol),
        );
    let signed = Router::new()
        .route("/staff", get(http::staff::home))
        .route("/staff/sign-out", post(http::staff::sign_out))
        .route(
            "/staff/sign-out-everywhere",
            post(http::staff::sign_out_everywhere),
        )
        .route("/staff/surveys/{id}", get(http::staff::results))
        .route(
            "/staff/surveys/{id}/export.csv",
            get(http::staff::export_csv),
        )
        .route(
            "/staff/surveys/{id}/export.json",
            get(http::staff::export_json),
        )
        .route(
            "/staff/surveys/{id}/codebook.json",
            get(http::staff::codebook),
        )
        .route("/staff/surveys/{id}/free-text", get(http::staff::free_text))
        .route("/staff/usage", get(http::staff::usage))
        .route("/staff/usage.csv", get(http::staff::usage_csv))
        .route("/staff/content", get(http::staff::content_page))
        .route("/staff/content/reload", post(http::staff::reload))
        .route("/staff/preview/{slug}", get(http::staff::preview))
        .route("/staff/messages", get(http::staff::messages::inbox))
        .route(
            "/staff/display-name",
            post(http::staff::messages::display_name),
        )
        .route(
            "/staff/messages/{id}",
            get(http::staff::messages::conversation),
        )
        .route(
            "/staff/messages/{id}/{action}",
            post(http::staff::messages::act),
        )
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            http::staff::auth::require_session,
        ));
    open.merge(signed)
}

/// The staff area alone, for its own listener (`staff_bind`), with the
/// same security headers and limits as the public site.
pub fn staff_router(state: AppState) -> Router {
    let http = state.http.clone();
    let mut routes = staff_routes(&state)
        .route("/healthz", get(http::health::healthz))
        .route("/readyz", get(http::health::readyz_detailed));
    if http.metrics {
        routes = routes.route("/metrics", get(http::metrics::metrics));
    }
    let app = routes
        .fallback(http::staff::static_only)
        .layer(AroundLayer(http::middleware::RefuseCrossSite))
        .layer(RequestBodyLimitLayer::new(http.body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            http.request_timeout,
        ));
    finished(app, &state, false).with_state(state)
}

/// `app` with, from the inside out: error pages (outside the timeout, so
/// that a request that took too long gets a page too), counting for
/// `/metrics` (unless `metrics = false`), the request log when it is on,
/// and the security headers. One layer when the log is off: each layer on
/// a router wraps every route once more.
fn finished(app: Router<AppState>, state: &AppState, request_log: bool) -> Router<AppState> {
    let track = state
        .http
        .metrics
        .then(|| http::metrics::Track::new(state.metrics.clone()));
    let inner = (track, http::middleware::ErrorPages(state.clone()));
    let headers = http::middleware::SecurityHeaders::of(&state.http);
    if request_log {
        app.layer(AroundLayer(inner))
            .layer(axum::middleware::from_fn(http::middleware::request_log))
            .layer(AroundLayer(headers))
    } else {
        app.layer(AroundLayer((headers, inner)))
    }
}

/// Builds the whole site's router.
pub fn router(state: AppState) -> Router {
    let http = state.http.clone();
    let pages = Router::new()
        .route("/get-in-touch", get(http::pages::get_in_touch))
        .route(
            "/{locale}/get-in-touch",
            get(http::pages::get_in_touch_translated),
        )
        .route("/healthz", get(http::health::healthz))
        .route("/readyz", get(http::health::readyz))
        .route("/transparency", get(http::pages::transparency))
        .route("/{locale}/transparency", get(http::pages::transparency))
        .route("/urge", get(http::pages::urge))
        .route("/{locale}/urge", get(http::pages::urge_translated))
        .fallback(http::pages::stored)
        .layer(RequestBodyLimitLayer::new(http.body_limit));
    // Worksheet forms read their own body, with their own limit and page.
    let worksheets = form_routes();
    // /staff here, unless it has a listener of its own (then it is a 404).
    let worksheets = if http.staff_separate {
        worksheets
    } else {
        worksheets.merge(staff_routes(&state))
    };
    let app = pages
        .merge(worksheets)
        .layer(AroundLayer(http::middleware::RefuseCrossSite))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            http.request_timeout,
        ));
    finished(app, &state, http.request_log).with_state(state)
}

/// The pages whose handlers read their own form bodies (with their own
/// limits): worksheets, surveys, tools and messages.
fn form_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/modules/{slug}/worksheets/{id}",
            post(http::pdf::worksheet),
        )
        .route(
            "/{locale}/modules/{slug}/worksheets/{id}",
            post(http::pdf::worksheet_translated),
        )
        .route("/reminder", get(http::tools::reminder_page))
        .route("/reminder.ics", post(http::tools::reminder_file))
        .route("/{locale}/reminder", get(http::tools::reminder_page))
        .route("/{locale}/reminder.ics", post(http::tools::reminder_file))
        .route(
            "/where-to-start",
            get(http::tools::self_check_page).post(http::tools::self_check_result),
        )
        .route("/where-to-start.pdf", post(http::tools::self_check_pdf))
        .route(
            "/{locale}/where-to-start",
            get(http::tools::self_check_page).post(http::tools::self_check_result),
        )
        .route(
            "/{locale}/where-to-start.pdf",
            post(http::tools::self_check_pdf),
        )
        .route("/coping-card", get(http::tools::card_page))
        .route("/coping-card.pdf", post(http::tools::card_pdf))
        .route("/{locale}/coping-card", get(http::tools::card_page))
        .route("/{locale}/coping-card.pdf", post(http::tools::card_pdf))
        .merge(survey_routes())
        .merge(message_routes())
}

/// Messages to the helpline, in the default language and under each other
/// language's prefix (`/cy/messages`).
fn message_routes() -> Router<AppState> {
    let mut r = Router::new();
    for prefix in ["", "/{locale}"] {
        let at = |path: &str| format!("{prefix}{path}");
        r = r
            .route(&at("/messages"), get(http::messages::intro))
            .route(&at("/messages/send"), post(http::messages::send))
            .route(&at("/messages/code.txt"), post(http::messages::code_file))
            .route(
                &at("/messages/read"),
                get(http::messages::read_form).post(http::messages::read),
            )
            .route(&at("/messages/reply"), post(http::messages::reply))
            .route(&at("/messages/delete"), post(http::messages::delete));
    }
    r
}

/// The survey's routes, in the default language and under each other
/// language's prefix (`/cy/survey`; see `http::lang`).
fn survey_routes() -> Router<AppState> {
    let mut r = Router::new();
    for prefix in ["", "/{locale}"] {
        let at = |path: &str| format!("{prefix}{path}");
        r = r
            .route(&at("/survey"), get(http::survey::intro))
            .route(&at("/survey/entry"), get(http::survey::entry_intro))
            .route(&at("/survey/start"), post(http::survey::start))
            .route(&at("/survey/page"), post(http::survey::page))
            .route(
                &at("/survey/resume"),
                get(http::survey::resume_form).post(http::survey::resume),
            )
            .route(&at("/survey/code.txt"), post(http::survey::code_file))
            .route(
                &at("/survey/follow-up"),
                get(http::survey::follow_up_form).post(http::survey::follow_up),
            )
            .route(&at("/survey/quick/{slug}"), post(http::survey::quick));
    }
    r
}

/// The public site for the onion service's own listener (`onion_bind`):
/// every request is marked as arriving there, so no forwarding header is
/// believed and the onion limits apply.
pub fn onion_router(state: AppState) -> Router {
    router(state).layer(axum::middleware::from_fn(http::middleware::mark_onion))
}
