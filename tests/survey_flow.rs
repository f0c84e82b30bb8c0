//! The survey as a person goes through it: no cookie, tokens and codes only
//! in POST bodies, answers kept on errors, under-18s not stored, save and
//! resume with a code, review and submit.

mod common;

use axum::http::StatusCode;
use common::survey::{checked_page as page, *};
use common::*;

async fn start(app: &axum::Router) -> String {
    let r = send(app, post_form("/survey/start", "consent=yes")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let token = token_of(&r.text());
    // A prefix (day and count) and 128 random bits, in hex.
    let (prefix, secret) = token.split_once('.').unwrap_or_default();
    assert_eq!((prefix.len(), secret.len()), (16, 32), "{token}");
    assert!(token.bytes().all(|b| b == b'.' || b.is_ascii_hexdigit()));
    token
}

#[tokio::test]
async fn a_whole_survey_is_completed_and_stored() {
    let app = app().await;
    let intro = get(&app, "/survey").await;
    assert_eq!(intro.status, StatusCode::OK);
    assert!(intro.text().contains("This takes about 6 minutes."));
    assert_eq!(intro.header("cache-control"), Some("no-store"));
    let refused = send(&app, post_form("/survey/start", "")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().contains("tick the box"));

    let token = start(&app).await;
    // A missing required answer keeps the other answers.
    let r = page(&app, &token, "q-reason=police&action=next").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("Please answer this question."));
    // The error is tied to its question, so a screen reader reads it there.
    assert!(
        r.text()
            .contains(r#"<p class="error-message" id="q-age-error">"#)
    );
    assert!(
        r.text()
            .contains(r#"id="q-age" aria-describedby="q-age-error""#),
        "{}",
        r.text()
    );
    assert!(r.text().contains(r#"value="police" checked"#));
    // The first question with an error takes the focus (no JavaScript).
    assert_eq!(r.text().matches("autofocus").count(), 1);
    assert!(
        r.text().contains(r#"value="under-18" autofocus"#),
        "{}",
        r.text()
    );
    assert_eq!(page(&app, &token, PAGE1).await.status, StatusCode::OK);
    // A question shown only after an answer on the same page is there from
    // the start (no JavaScript can reveal it), saying when to answer it.
    let third = page(&app, &token, PAGE2).await.text();
    assert!(third.contains(r#"name="q-what-changed""#), "{third}");
    assert!(third.contains(
        "Answer this only if you chose “I have stopped what worried me” or “I do it less” above."
    ));
    assert_eq!(page(&app, &token, PAGE3).await.status, StatusCode::OK);
    let review = page(&app, &token, PAGE4).await;
    let html = review.text();
    assert!(html.contains("Check your answers"), "{html}");
    assert!(html.contains("25 to 34") && html.contains("Talking helped"));
    // Change a page from the review, then come back and submit.
    let change = page(&app, &token, "action=change-0").await;
    assert!(change.text().contains(r#"value="25-34" checked"#));
    for body in [PAGE1, PAGE2, PAGE3, PAGE4] {
        page(&app, &token, body).await;
    }
    let done = page(&app, &token, "action=submit").await;
    assert_eq!(done.status, StatusCode::OK);
    assert!(done.text().contains("Your answers have been sent"));
    assert!(
        done.text().contains("0808 1000 900"),
        "the helpline follows the thank-you"
    );
    // The token is spent.
    let again = page(&app, &token, "action=submit").await;
    assert_eq!(again.status, StatusCode::GONE);
}

#[tokio::test]
async fn under_18s_are_thanked_signposted_and_nothing_is_kept() {
    let app = app().await;
    let token = start(&app).await;
    let r = page(&app, &token, "q-age=under-18&action=next").await;
    let html = r.text();
    assert!(html.contains("This survey is for adults"), "{html}");
    assert!(html.contains("Shore"));
    let after = page(&app, &token, "action=stay").await;
    assert_eq!(after.status, StatusCode::GONE, "the draft is gone");
}

#[tokio::test]
async fn save_and_resume_with_a_code() {
    let app = app().await;
    let token = start(&app).await;
    page(&app, &token, PAGE1).await;
    let saved = page(&app, &token, "q-helpful=2&action=save").await;
    let code = code_of(&saved.text());
    assert_eq!(code.len(), 22, "{}", saved.text());
    assert!(saved.text().contains("nobody can recover it"));
    // The code as a text file.
    let file = send(&app, post_form("/survey/code.txt", format!("code={code}"))).await;
    assert_eq!(
        file.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert!(file.text().contains(&code));
    // A wrong code gets a clear message.
    let wrong = send(
        &app,
        post_form("/survey/resume", "code=2222-2222-2222-2222-22"),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong
            .text()
            .contains("could not find answers for that code")
    );
    // Typed in lower case with spaces.
    let typed = code.to_lowercase().replace('-', " ");
    let resumed = send(
        &app,
        post_form(
            "/survey/resume",
            format!("code={}", typed.replace(' ', "+")),
        ),
    )
    .await;
    assert_eq!(resumed.status, StatusCode::OK, "{}", resumed.text());
    let html = resumed.text();
    assert!(
        html.contains(r#"name="q-helpful" value="2" checked"#),
        "answers kept: {html}"
    );
    let new_token = token_of(&html);
    assert_ne!(new_token, token);
    assert_eq!(
        page(&app, &token, "action=stay").await.status,
        StatusCode::GONE,
        "the old token no longer works"
    );
    for body in [PAGE2, PAGE3, PAGE4] {
        page(&app, &new_token, body).await;
    }
    let done = page(&app, &new_token, "action=submit").await;
    assert!(done.text().contains("Your answers have been sent"));
    // The feedback survey has no follow-up: no code is offered or kept
    // with the answers (tests/evaluation.rs covers the entry series).
    assert!(!done.text().contains("follow-up"), "{}", done.text());
    assert!(code_of(&done.text()).is_empty());
}

#[tokio::test]
async fn forged_and_broken_input_loses_nothing() {
    let app = app().await;
    let token = start(&app).await;
    page(&app, &token, PAGE1).await;
    let r = page(
        &app,
        &token,
        "q-helpful=99&q-statements-understand=4&action=next",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("Please choose one of the options."));
    assert!(
        r.text()
            .contains(r#"name="q-statements-understand" value="4" checked"#)
    );
    let bad = send(
        &app,
        post_form(
            "/survey/page",
            format!("token={token}&q-helpful=%FF&action=next"),
        ),
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let unknown = page(&app, "0000", "action=next").await;
    assert_eq!(unknown.status, StatusCode::GONE);
    assert!(unknown.text().contains("expired"));
}

#[tokio::test]
async fn each_module_ends_with_the_quick_survey() {
    let app = app().await;
    let html = get(&app, "/modules/managing-urges").await.text();
    assert!(html.contains("Was this module helpful?"));
    assert!(html.contains(r#"action="/survey/quick/managing-urges""#));
    let bad = send(
        &app,
        post_form("/survey/quick/managing-urges", "q-clear=yes"),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().contains("Please answer this question."));
    assert!(
        bad.text().contains(r#"value="yes" checked"#),
        "the other answer is kept"
    );
    let ok = send(
        &app,
        post_form("/survey/quick/managing-urges", "q-helpful=4&q-clear=mostly"),
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK);
    assert!(ok.text().contains("Thank you"));
    let missing = send(
        &app,
        post_form("/survey/quick/no-such-module", "q-helpful=4"),
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

/// A full flow with marker values in every identifying header and in the
/// free text: afterwards no table, WAL page or log line holds a header
/// marker, an address or a time of day.
#[tokio::test]
async fn a_survey_leaves_no_identifier() {
    use axum::body::Body;
    use axum::http::Request;
    const UA: &str = "UaMarker9931";
    const REF: &str = "https://ref-marker-9932.example/";
    const XFF: &str = "203.0.113.99";
    let captured = Captured::default();
    let _guard = captured.install();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, state) = pdf_app(&sample_content(), dir.path(), 1, 1).await;
    let post = |path: &str, body: String| {
        Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("user-agent", UA)
            .header("referer", REF)
            .header("x-forwarded-for", XFF)
            .header("x-real-ip", XFF)
            .body(Body::from(body))
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let r = send(&app, post("/survey/start", "consent=yes".into())).await;
    let token = token_of(&r.text());
    for body in [
        PAGE1,
        PAGE2,
        "q-behaviour-change=stopped&q-what-changed=FreeTextMarker7&action=next",
        PAGE4,
        "action=submit",
    ] {
        let r = send(&app, post("/survey/page", format!("token={token}&{body}"))).await;
        assert!(r.status.is_success(), "{}", r.text());
    }
    // The entry questionnaire too, which keeps a code's hash for its
    // follow-up, and shows the safety block after a contact answer.
    let r = send(
        &app,
        post("/survey/start", "consent=yes&survey=entry".into()),
    )
    .await;
    let token = token_of(&r.text());
    let contact = "q-contact=more&q-images=none&action=next";
    let pages = [
        PAGE1,
        ENTRY_PAGES[0],
        contact,
        ENTRY_PAGES[2],
        ENTRY_PAGES[3],
    ];
    for body in pages.into_iter().chain(["action=submit"]) {
        let r = send(&app, post("/survey/page", format!("token={token}&{body}"))).await;
        assert!(r.status.is_success(), "{}", r.text());
    }
    let quick = send(
        &app,
        post("/survey/quick/getting-support", "q-helpful=2".into()),
    )
    .await;
    assert!(quick.status.is_success());
    state.store.close().await;
    let time_of_day =
        regex::bytes::Regex::new(r"\b\d{2}:\d{2}(:\d{2})?\b").unwrap_or_else(|e| panic!("{e}"));
    // Each migration's description, as sqlx stores it ("0002_surveys.sql"
    // is "surveys").
    let migrations: Vec<String> = std::fs::read_dir(root().join("migrations/sqlite"))
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stem = name.strip_suffix(".sql")?;
            Some(stem.split_once('_')?.1.replace('_', " "))
        })
        .collect();
    assert!(migrations.len() >= 4);
    let mut free_text_found = false;
    for entry in std::fs::read_dir(dir.path()).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let bytes = std::fs::read(&path).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        for marker in [UA, "ref-marker-9932", XFF] {
            assert!(!text.contains(marker), "{} holds {marker}", path.display());
        }
        // The only clock time allowed is the one sqlx records when it
        // installs a migration (not visitor data).
        for m in time_of_day.find_iter(&bytes) {
            let around = String::from_utf8_lossy(
                &bytes[m.start().saturating_sub(40)..(m.end() + 10).min(bytes.len())],
            );
            // In `_sqlx_migrations`, the description runs straight into the
            // install date: "surveys2026-11-25 23:58:19".
            assert!(
                migrations.iter().any(|d| around.contains(&format!("{d}2"))),
                "{} holds a time of day: {around:?}",
                path.display()
            );
        }
        free_text_found |= text.contains("FreeTextMarker7");
    }
    assert!(free_text_found, "the free-text answer itself is stored");
    let log = captured.text();
    for marker in [UA, "ref-marker-9932", XFF, "FreeTextMarker7"] {
        assert!(!log.contains(marker), "the log holds {marker}");
    }
}

#[tokio::test]
async fn guessing_resume_codes_is_rate_limited() {
    let app = app().await;
    let token = start(&app).await;
    page(&app, &token, PAGE1).await;
    let code = code_of(&page(&app, &token, "action=save").await.text());
    for _ in 0..10 {
        let r = send(
            &app,
            post_form("/survey/resume", "code=2222-2222-2222-2222-22"),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Even the right code is refused until the window passes.
    let r = send(&app, post_form("/survey/resume", format!("code={code}"))).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.text().contains("Please wait 10 minutes"));
}

#[tokio::test]
async fn a_huge_page_changes_nothing_and_an_expired_code_is_explained() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, state) = pdf_app(&sample_content(), dir.path(), 1, 1).await;
    let token = start(&app).await;
    page(&app, &token, PAGE1).await;
    let huge = format!(
        "token={token}&q-helpful=1&action=next&q-x={}",
        "x".repeat(300 * 1024)
    );
    let r = send(&app, post_form("/survey/page", huge)).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        r.text()
            .contains("the answers you saved before are still there")
    );
    // The stored answers are intact: back on page 1 they are still chosen.
    let back = page(&app, &token, "action=back").await;
    assert!(
        back.text().contains(r#"value="25-34" checked"#),
        "{}",
        back.text()
    );

    // A code whose draft has expired gets a clear message.
    use pathway::survey::code;
    let typed = code::new_code().unwrap_or_else(|e| panic!("{e}"));
    let canonical = code::normalise(&typed).unwrap_or_default();
    state
        .store
        .create_draft("old-token-hash", "feedback", 1, "2020-01-01", today())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    state
        .store
        .set_draft_codes(
            "old-token-hash",
            &code::hash(&canonical),
            None,
            jiff::civil::date(2020, 1, 1),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let r = send(&app, post_form("/survey/resume", format!("code={typed}"))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .contains("Codes stop working 30 days after they were made")
    );
}

/// Many people sending at once (the writer commits them in groups): every
/// thank-you page means a stored response, and a response sent twice at the
/// same moment is stored once, the second sender told it has ended.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simultaneous_submissions_are_each_stored_once() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, state) = pdf_app(&sample_content(), dir.path(), 1, 1).await;
    let mut tokens = Vec::new();
    for _ in 0..20 {
        let token = start(&app).await;
        for body in [PAGE1, PAGE2, PAGE3, PAGE4] {
            assert!(page(&app, &token, body).await.status.is_success());
        }
        tokens.push(token);
    }
    let mut sends = tokio::task::JoinSet::new();
    for token in tokens.iter().chain(tokens.iter()) {
        let (app, token) = (app.clone(), token.clone());
        sends.spawn(async move { page(&app, &token, "action=submit").await });
    }
    let (mut thanked, mut gone) = (0, 0);
    while let Some(reply) = sends.join_next().await {
        let reply = reply.unwrap_or_else(|e| panic!("{e}"));
        match reply.status {
            StatusCode::OK => {
                assert!(reply.text().contains("Your answers have been sent"));
                thanked += 1;
            }
            StatusCode::GONE => gone += 1,
            other => panic!("unexpected {other}: {}", reply.text()),
        }
    }
    assert_eq!((thanked, gone), (20, 20));
    let stored = state
        .store
        .survey_responses("feedback", "en-GB")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stored.len(), 20);
    assert!(
        stored
            .iter()
            .all(|r| r.answers.iter().any(|a| a.2 == "Talking helped"))
    );
}

/// Unfinished surveys are capped so that drafts cannot fill the disk; the
/// person over the cap gets a clear page and nothing is stored.
#[tokio::test]
async fn too_many_unfinished_surveys_are_refused_clearly() {
    let http = pathway::config::HttpConfig {
        survey_max_open_drafts: 2,
        ..Default::default()
    };
    let app = app_with(&sample_content(), http).await;
    start(&app).await;
    start(&app).await;
    let r = send(&app, post_form("/survey/start", "consent=yes")).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        r.text().contains("Too many surveys are in progress"),
        "{}",
        r.text()
    );
    assert!(!r.text().contains(r#"name="token""#));
}

/// A person mid-survey during an upgrade holds a token from before draft
/// keys had a prefix (32 hex digits, stored as the hash of the whole
/// token). Their draft is still found, and their answers kept.
#[tokio::test]
async fn a_draft_started_before_the_token_format_changed_carries_on() {
    let store = pathway::db::Store::connect("sqlite::memory:", true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let old = "00112233445566778899aabbccddeeff";
    store
        .create_draft(
            &pathway::survey::token::key(old),
            "feedback",
            1,
            "2999-12-31",
            today(),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let app = pathway::http::router(pathway::http::AppState::new(
        pages(&sample_content()),
        store,
        pathway::config::HttpConfig::default(),
    ));
    let r = page(&app, old, PAGE1).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(token_of(&r.text()), old);
    let back = page(&app, old, "action=back").await;
    assert!(
        back.text().contains(r#"value="25-34" checked"#),
        "{}",
        back.text()
    );
}

/// Saving on the review keeps every answer and resumes at the review (it
/// used to drop the last page's answers and resume on the last page).
#[tokio::test]
async fn saving_on_the_review_resumes_at_the_review_with_every_answer() {
    let app = app().await;
    let token = start(&app).await;
    for body in [PAGE1, PAGE2, PAGE3, PAGE4] {
        page(&app, &token, body).await;
    }
    let saved = page(&app, &token, "action=save").await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text());
    let code = code_of(&saved.text());
    assert_eq!(code.len(), 22, "{}", saved.text());
    // "Carry on now" goes back to the review.
    let now = page(&app, &token, "action=stay").await;
    assert!(now.text().contains("Check your answers"), "{}", now.text());
    let resumed = send(&app, post_form("/survey/resume", format!("code={code}"))).await;
    assert_eq!(resumed.status, StatusCode::OK);
    let html = resumed.text();
    assert!(html.contains("Check your answers"), "{html}");
    assert!(
        html.contains("Talking helped") && html.contains("25 to 34") && html.contains("6"),
        "every page's answers are kept: {html}"
    );
    let done = page(&app, &token_of(&html), "action=submit").await;
    assert!(done.text().contains("Your answers have been sent"));
}

/// A draft whose saved answers cannot be read gives a clear page, not an
/// empty survey that would overwrite them.
#[tokio::test]
async fn a_corrupt_draft_gives_a_clear_page() {
    let store = pathway::db::Store::connect("sqlite::memory:", true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let app = pathway::http::router(pathway::http::AppState::new(
        pages(&sample_content()),
        store.clone(),
        pathway::config::HttpConfig::default(),
    ));
    let token = start(&app).await;
    page(&app, &token, PAGE1).await;
    let key = pathway::survey::token::key(&token);
    store
        .save_draft(&key, 1, "{not json")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let r = page(&app, &token, "action=stay").await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(
        r.text().contains("We cannot open your saved answers"),
        "{}",
        r.text()
    );
}
