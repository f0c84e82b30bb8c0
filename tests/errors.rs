//! One error path: a database that cannot be reached, a template that fails
//! and a request that takes too long each end in the right error page
//! (public, survey or staff), logged once, with nothing about the visitor.

mod common;

use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::get as route_get;
use common::*;
use pathway::config::HttpConfig;
use pathway::db::Store;
use pathway::http::error::AppError;
use pathway::http::{AppState, router};

async fn state_with(http: HttpConfig) -> (AppState, Store) {
    let store = Store::connect("sqlite::memory:", true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let state = AppState::new(pages(&sample_content()), store.clone(), http);
    (state, store)
}

#[tokio::test]
async fn a_lost_database_gives_the_survey_and_staff_503_pages_logged_once() {
    let log = Captured::default();
    let _guard = log.install();
    let (state, store) = state_with(HttpConfig::default()).await;
    let app = router(state);
    store.close().await;

    let survey = send(&app, post_form("/survey/start", "consent=yes")).await;
    assert_eq!(survey.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        survey
            .text()
            .contains("We cannot save survey answers just now"),
        "{}",
        survey.text()
    );
    assert_eq!(survey.header("cache-control"), Some("no-store"));
    assert_eq!(
        log.text().matches("request failed").count(),
        1,
        "{}",
        log.text()
    );

    let staff = send(
        &app,
        post_form("/staff/sign-in", "name=someone&password=x&code=1"),
    )
    .await;
    assert_eq!(staff.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        staff.text().contains("Try again in a minute"),
        "{}",
        staff.text()
    );
    assert_eq!(log.text().matches("request failed").count(), 2);
    assert!(
        !log.text().contains("someone") && !log.text().contains("127.0.0.1"),
        "nothing the visitor sent is logged: {}",
        log.text()
    );
}

#[tokio::test]
async fn a_request_that_takes_too_long_gets_a_page() {
    let http = HttpConfig {
        request_timeout: Duration::from_millis(1),
        ..HttpConfig::default()
    };
    let (state, _store) = state_with(http).await;
    let app = router(state);
    // Checking a password (argon2id) takes far longer than a millisecond.
    let r = send(
        &app,
        post_form("/staff/sign-in", "name=someone&password=x&code=1"),
    )
    .await;
    assert_eq!(r.status, StatusCode::REQUEST_TIMEOUT);
    assert!(r.text().contains("That took too long"), "{}", r.text());
    assert_eq!(r.header("cache-control"), Some("no-store"));
}

/// A template that fails to render is an internal error: the site's error
/// page (or the staff area's), never a blank 500, and logged once.
#[tokio::test]
async fn a_template_failure_shows_the_error_page_of_its_area() {
    let log = Captured::default();
    let _guard = log.install();
    let (state, _store) = state_with(HttpConfig::default()).await;
    let failing = || async { Err::<String, _>(AppError::from(askama::Error::Fmt)) };
    let app = Router::new()
        .route("/survey/broken", route_get(failing))
        .route("/staff/broken", route_get(failing))
        .route("/broken", route_get(failing))
        .layer(pathway::http::around::AroundLayer(
            pathway::http::middleware::ErrorPages(state.clone()),
        ))
        .with_state(state);
    for (path, says) in [
        ("/survey/broken", "Sorry, something went wrong"),
        ("/broken", "Sorry, something went wrong"),
        ("/staff/broken", "Something went wrong"),
    ] {
        let r = get(&app, path).await;
        assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "{path}");
        assert!(r.text().contains(says), "{path}: {}", r.text());
        assert!(r.text().contains("</html>"), "{path}: a whole page");
    }
    assert_eq!(
        log.text().matches("request failed").count(),
        3,
        "{}",
        log.text()
    );
}

#[tokio::test]
async fn a_page_that_does_not_exist_is_the_sites_404_page() {
    let app = app().await;
    let r = get(&app, "/no/such/page").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.text().contains("Page not found"));
    let quick = send(&app, post_form("/survey/quick/no-such-module", "")).await;
    assert_eq!(quick.status, StatusCode::NOT_FOUND);
    assert!(quick.text().contains("Page not found"));
}

/// A staff route behind `require_session` is for signed-in staff even when
/// its handler asks for nobody (a route added without an access check).
#[tokio::test]
async fn a_staff_route_that_forgets_its_check_is_still_signed_in_only() {
    let (state, _store) = state_with(HttpConfig::default()).await;
    let forgetful = || async { "the secret figures" };
    let app = Router::new()
        .route("/staff/new-page", route_get(forgetful))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            pathway::http::staff::auth::require_session,
        ))
        .with_state(state);
    let r = get(&app, "/staff/new-page").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.header("location"), Some("/staff/sign-in"));
    assert!(!r.text().contains("secret"));
    let forged = send(
        &app,
        axum::http::Request::get("/staff/new-page")
            .header(
                "cookie",
                format!("{}=not-a-session", pathway::http::staff::COOKIE),
            )
            .body(axum::body::Body::empty())
            .unwrap_or_else(|e| panic!("{e}")),
    )
    .await;
    assert_eq!(forged.status, StatusCode::SEE_OTHER);
}
