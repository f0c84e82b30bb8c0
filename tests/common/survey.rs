//! Survey helpers: the hidden token and the code read from a page, the
//! sample survey's pages answered in full, and a finished baseline.

use axum::Router;

use super::{Reply, post_form, send};

/// The sample survey's four pages, answered.
pub const PAGE1: &str = "q-age=25-34&q-reason=own-thoughts&action=next";
pub const PAGE2: &str = "q-helpful=3&q-statements-understand=4&action=next";
pub const PAGE3: &str =
    "q-behaviour-change=reduced&q-what-changed=Talking+helped&q-confidence=8&action=next";
pub const PAGE4: &str = "q-contacted-helpline=planning&q-weeks-using=6&action=next";

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

/// Starts a survey, answers every page and sends it: the series code
/// that the thank-you page shows.
pub async fn finished_baseline(app: &Router) -> String {
    let token = token_of(
        &send(app, post_form("/survey/start", "consent=yes"))
            .await
            .text(),
    );
    for body in [PAGE1, PAGE2, PAGE3, PAGE4] {
        post_page(app, &token, body).await;
    }
    code_of(&post_page(app, &token, "action=submit").await.text())
}
