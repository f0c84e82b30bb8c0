//! Survey helpers: the hidden token and the code read from a page, the
//! sample surveys' pages answered in full, and a finished baseline (the
//! entry questionnaire).

use axum::Router;

use super::{Reply, post_form, send};

/// The sample feedback survey's four pages, answered.
pub const PAGE1: &str = "q-age=25-34&q-reason=own-thoughts&action=next";
pub const PAGE2: &str = "q-helpful=3&q-statements-understand=4&action=next";
pub const PAGE3: &str = "q-behaviour-change=reduced&q-what-changed=Talking+helped&action=next";
pub const PAGE4: &str = "q-contacted-helpline=planning&q-weeks-using=6&action=next";

/// The sample entry questionnaire's pages after the first (its follow-up
/// asks the same), answered: worrying thoughts on 3 or 4 days (position 3),
/// urge strength 7, a sense of control of 2.5 (two items reversed).
pub const ENTRY_PAGES: [&str; 4] = [
    "q-urge-days=3-4-days&q-urge-strength=7&q-distress=3&action=next",
    "q-contact=none&q-images=none&action=next",
    "q-control-can-stop=1&q-control-out-of-control=2&q-control-get-through=2&q-control-will-give-in=3&action=next",
    "q-help-intention-will-talk=2&q-help-intention-on-my-own=2&q-other-help=none&action=next",
];

/// Posts one survey page and checks that the answer is never stored by the
/// browser and sets no cookie.
pub async fn checked_page(app: &Router, token: &str, body: &str) -> super::Reply {
    let r = post_page(app, token, body).await;
    assert_eq!(r.header("cache-control"), Some("no-store"));
    assert!(r.headers.get("set-cookie").is_none());
    r
}

/// The stored responses to the entry questionnaire and to its follow-up.
pub async fn entry_series(
    state: &pathway::http::AppState,
) -> (
    Vec<pathway::survey::export::StoredResponse>,
    Vec<pathway::survey::export::StoredResponse>,
) {
    let of = |id: &'static str| state.store.survey_responses(id, "en-GB");
    (
        of("entry").await.unwrap_or_default(),
        of("entry-follow-up").await.unwrap_or_default(),
    )
}

/// Starts the entry questionnaire: the draft token.
pub async fn start_entry(app: &Router) -> String {
    token_of(
        &send(app, post_form("/survey/start", "consent=yes&survey=entry"))
            .await
            .text(),
    )
}

/// The draft token in a survey page's hidden field.
pub fn token_of(html: &str) -> String {
    html.split(r#"name="token" value=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_string()
}

/// The code shown once on a page (a resume code or a series code).
pub fn code_of(html: &str) -> String {
    html.split(r#"<p class="resume-code" id="resume-code">"#)
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap_or_default()
        .to_string()
}

/// Posts one survey page for `token`.
pub async fn post_page(app: &Router, token: &str, body: &str) -> Reply {
    send(
        app,
        post_form("/survey/page", format!("token={token}&{body}")),
    )
    .await
}

/// Starts the entry questionnaire, answers every page and sends it: the
/// series code that the thank-you page shows.
pub async fn finished_baseline(app: &Router) -> String {
    let token = start_entry(app).await;
    post_page(app, &token, PAGE1).await;
    for body in ENTRY_PAGES {
        post_page(app, &token, body).await;
    }
    code_of(&post_page(app, &token, "action=submit").await.text())
}

/// Moves every stored response back to 2020, so that a follow-up is due
/// (the test app runs on SQLite).
pub async fn sent_long_ago(state: &pathway::http::AppState) {
    let pathway::db::Store::Sqlite(pool) = &state.store else {
        panic!("the test app runs on SQLite")
    };
    sqlx::query("UPDATE survey_responses SET submitted_on = '2020-01-01'")
        .execute(pool)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

/// Stores a response to `survey` (version `version`, with the series code
/// hash `series` if any) as the survey writer would, dated today.
pub async fn stored_response(
    state: &pathway::http::AppState,
    survey: &str,
    version: i64,
    series: Option<&str>,
    answers: &[(&str, &str, &str)],
) {
    let r = pathway::db::surveys::NewResponse {
        survey_id: survey.into(),
        version,
        content_hash: "c".into(),
        series_code_hash: series.map(str::to_string),
        series_by_id: false,
        locale: "en-GB".into(),
        answers: answers
            .iter()
            .map(|(q, i, v)| (q.to_string(), i.to_string(), v.to_string()))
            .collect(),
    };
    state
        .store
        .submit_response(None, &r, super::today())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}
