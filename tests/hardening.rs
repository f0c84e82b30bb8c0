//! The outside review's findings (issue 14): forged cross-site requests,
//! floods that could shut the survey, and privacy promises kept in the
//! store itself.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::survey::{post_page as page, *};
use common::*;
use pathway::config::HttpConfig;

const MODULE: &str = "sexual-communication-online";

fn with_headers(mut r: Request<Body>, headers: &[(&'static str, &str)]) -> Request<Body> {
    for (k, v) in headers {
        if let Ok(v) = v.parse() {
            r.headers_mut().insert(*k, v);
        }
    }
    r
}

/// Every state-changing route, with a body that would otherwise be read.
fn state_changing() -> Vec<(String, String)> {
    [
        ("/survey/start", "consent=yes"),
        ("/survey/page", "token=x&action=next"),
        ("/survey/resume", "code=2222-2222-2222-2222-22"),
        ("/survey/code.txt", "code=2222-2222-2222-2222-22"),
        ("/survey/follow-up", "code=2222&consent=yes"),
        ("/survey/quick/sexual-communication-online", "q-helpful=yes"),
        (
            "/modules/getting-support/worksheets/safety-plan-worksheet",
            "a=b",
        ),
        ("/staff/sign-in", "name=a&password=b&code=123456"),
        ("/staff/enrol/abc", "password=x"),
        ("/staff/sign-out", ""),
        ("/staff/sign-out-everywhere", ""),
        ("/staff/content/reload", ""),
    ]
    .iter()
    .map(|(p, b)| (p.to_string(), b.to_string()))
    .collect()
}

/// A form on another website cannot make a visitor's browser start a
/// survey, send a quick survey or sign in to the staff area: Fetch
/// Metadata or a foreign Origin gets a clear 403 page and nothing is done.
#[tokio::test]
async fn forms_from_other_sites_are_refused_and_change_nothing() {
    let (app, state) = app_state_on("sqlite::memory:", HttpConfig::default()).await;
    let forged: [&[(&str, &str)]; 3] = [
        &[("sec-fetch-site", "cross-site")],
        &[
            ("origin", "https://elsewhere.example"),
            ("host", "pathway.example"),
        ],
        &[
            ("origin", "http://pathway.example:8080"),
            ("host", "pathway.example"),
        ],
    ];
    for (path, body) in state_changing() {
        for headers in forged {
            let r = send(&app, with_headers(post_form(&path, body.clone()), headers)).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{path} {headers:?}");
            let text = r.text();
            assert!(
                text.contains("another website"),
                "{path}: a clear page: {text}"
            );
            assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
        }
    }
    assert_eq!(
        state
            .store
            .open_drafts(today())
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        0,
        "no draft was started"
    );
    // The same site, a same-site page, an old browser, and a privacy-minded
    // browser's `Origin: null`: carried out as before.
    let fine: [&[(&str, &str)]; 5] = [
        &[("sec-fetch-site", "same-origin")],
        &[("sec-fetch-site", "same-site")],
        &[
            ("origin", "https://pathway.example"),
            ("host", "pathway.example"),
        ],
        &[],
        &[("origin", "null")],
    ];
    for headers in fine {
        let r = send(
            &app,
            with_headers(post_form("/survey/start", "consent=yes"), headers),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{headers:?}: {}", r.text());
    }
    // Links from other sites still open pages.
    let r = send(
        &app,
        request(
            &format!("/modules/{MODULE}"),
            &[("sec-fetch-site", "cross-site")],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
}

/// The staff area on its own listener refuses them too (login CSRF).
#[tokio::test]
async fn the_staff_listener_refuses_cross_site_sign_in() {
    let (_, state) = app_state_on("sqlite::memory:", HttpConfig::default()).await;
    let staff = pathway::http::staff_router(state);
    let r = send(
        &staff,
        with_headers(
            post_form("/staff/sign-in", "name=a&password=b"),
            &[("sec-fetch-site", "cross-site")],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.text().contains("another website"), "{}", r.text());
}

/// The quick survey has the full survey's per-address limit and body
/// limit.
#[tokio::test]
async fn the_quick_survey_is_limited_per_address_and_in_size() {
    let (app, state) = app_state_on("sqlite::memory:", HttpConfig::default()).await;
    let path = format!("/survey/quick/{MODULE}");
    let quick = |addr: &str| from_addr(post_form(&path, "q-helpful=yes"), addr);
    let mut statuses = Vec::new();
    for _ in 0..31 {
        statuses.push(send(&app, quick("192.0.2.7:4000")).await.status);
    }
    assert!(
        statuses[..30]
            .iter()
            .all(|s| *s != StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    let last = send(&app, quick("192.0.2.7:4001")).await;
    assert_eq!(last.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        last.text()
            .contains("Many answers have been sent from here")
    );
    assert_ne!(
        send(&app, quick("192.0.2.8:4000")).await.status,
        StatusCode::TOO_MANY_REQUESTS,
        "another address is not held back"
    );
    let huge = format!("q-helpful=yes&x={}", "a".repeat(300 * 1024));
    let r = send(&app, from_addr(post_form(&path, huge), "192.0.2.9:1")).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    let stored = state
        .store
        .survey_responses("module-helpful", "en-GB")
        .await
        .map(|r| r.len())
        .unwrap_or(0);
    assert!(stored <= 31, "{stored}");
}

/// Starts from addresses that change every time (IPv4 and whole IPv6
/// /64s), far beyond the cap on open drafts, fill it: new starts are
/// refused, but a person who already holds a code resumes and sends, and
/// the limiter's memory stays bounded.
#[tokio::test]
async fn a_flood_of_starts_cannot_stop_a_person_holding_a_code() {
    let http = HttpConfig {
        survey_max_open_drafts: 20,
        ..Default::default()
    };
    let (app, state) = app_state_on("sqlite::memory:", http).await;
    // The person starts, answers a page and saves.
    let first = send(
        &app,
        from_addr(post_form("/survey/start", "consent=yes"), "198.51.100.1:1"),
    )
    .await;
    let token = token_of(&first.text());
    page(&app, &token, PAGE1).await;
    let saved = page(&app, &token, "q-helpful=2&action=save").await;
    let code = code_of(&saved.text());
    assert_eq!(code.len(), 22, "{}", saved.text());
    // Someone else finished the baseline weeks ago and holds its code.
    let baseline_code = finished_baseline(&app).await;
    sent_long_ago(&state).await;
    // The flood: 500 starts, each from a new address.
    let mut refused = 0;
    for i in 0..500u32 {
        let addr = if i % 2 == 0 {
            format!("10.{}.{}.{}:1", (i >> 16) & 255, (i >> 8) & 255, i & 255)
        } else {
            format!("[2001:db8:{:x}:{:x}::1]:1", i >> 16, i & 0xffff)
        };
        let r = send(
            &app,
            from_addr(post_form("/survey/start", "consent=yes"), &addr),
        )
        .await;
        if r.status == StatusCode::SERVICE_UNAVAILABLE {
            refused += 1;
        }
    }
    assert!(refused >= 480, "the cap held: {refused} refused");
    assert!(state.limits.start.len() <= pathway::http::limit::DEFAULT_CAPACITY);
    // The follow-up opens for the person holding the baseline's code.
    let follow = send(
        &app,
        post_form(
            "/survey/follow-up",
            format!("code={baseline_code}&consent=yes"),
        ),
    )
    .await;
    assert_eq!(follow.status, StatusCode::OK, "{}", follow.text());
    assert!(follow.text().contains("Page 1 of 5"), "{}", follow.text());
    // The person comes back with their code, from yet another address.
    let resumed = send(
        &app,
        from_addr(
            post_form("/survey/resume", format!("code={code}")),
            "203.0.113.50:1",
        ),
    )
    .await;
    assert_eq!(resumed.status, StatusCode::OK, "{}", resumed.text());
    let token = token_of(&resumed.text());
    for body in [PAGE2, PAGE3, PAGE4] {
        let r = page(&app, &token, body).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }
    let done = page(&app, &token, "action=submit").await;
    assert!(
        done.text().contains("Your answers have been sent"),
        "{}",
        done.text()
    );
    let stored = state
        .store
        .survey_responses("feedback", "en-GB")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        stored.len(),
        1,
        "this person's (the other's baseline is the entry's)"
    );
}

/// A draft nobody saved lives one day; a saved one `survey_draft_days`.
#[tokio::test]
async fn unsaved_drafts_expire_the_next_day_and_saved_ones_later() {
    let (app, state) = app_state_on("sqlite::memory:", HttpConfig::default()).await;
    let left = token_of(
        &send(&app, post_form("/survey/start", "consent=yes"))
            .await
            .text(),
    );
    let kept = token_of(
        &send(&app, post_form("/survey/start", "consent=yes"))
            .await
            .text(),
    );
    page(&app, &kept, PAGE1).await;
    page(&app, &kept, "q-helpful=2&action=save").await;
    let today = pathway::clock::Clock::system().today();
    let expiry = |token: String| {
        let store = state.store.clone();
        async move {
            let key = pathway::survey::token::key(&token);
            let pathway::db::Store::Sqlite(pool) = &store else {
                panic!("SQLite")
            };
            let (e,): (String,) =
                sqlx::query_as("SELECT expires_on FROM survey_drafts WHERE token_hash = $1")
                    .bind(key)
                    .fetch_one(pool)
                    .await
                    .unwrap_or_else(|e| panic!("{e}"));
            e
        }
    };
    let tomorrow = today.tomorrow().unwrap_or(today).to_string();
    assert_eq!(expiry(left).await, tomorrow);
    let later = today
        .checked_add(jiff::Span::new().days(30))
        .unwrap_or(today)
        .to_string();
    assert_eq!(expiry(kept).await, later);
}

/// Free text is scrubbed of contact details before a draft is stored, not
/// only when the survey is sent.
#[tokio::test]
async fn contact_details_never_reach_a_draft() {
    let (app, state) = app_state_on("sqlite::memory:", HttpConfig::default()).await;
    let token = token_of(
        &send(&app, post_form("/survey/start", "consent=yes"))
            .await
            .text(),
    );
    page(&app, &token, PAGE1).await;
    page(&app, &token, PAGE2).await;
    page(
        &app,
        &token,
        "q-behaviour-change=reduced&q-what-changed=write+to+me+at+sam%40example.com+or+07700+900123&q-confidence=8&action=save",
    )
    .await;
    let pathway::db::Store::Sqlite(pool) = &state.store else {
        panic!("SQLite")
    };
    let (answers,): (String,) = sqlx::query_as("SELECT answers FROM survey_drafts")
        .fetch_one(pool)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(answers.contains("write to me at [removed]"), "{answers}");
    assert!(!answers.contains("example.com") && !answers.contains("900123"));
}

/// An option sent twice is bad input (it used to break the answers'
/// primary key and leave a draft that could never be sent).
#[tokio::test]
async fn a_repeated_option_is_refused_and_the_page_shown_again() {
    let app = app().await;
    let token = token_of(
        &send(&app, post_form("/survey/start", "consent=yes"))
            .await
            .text(),
    );
    page(&app, &token, PAGE1).await;
    let r = page(
        &app,
        &token,
        "q-modules-used=urges&q-modules-used=urges&q-helpful=3&q-statements-understand=4&action=next",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert!(r.text().contains(r#"name="q-helpful" value="3" checked"#));
}

/// A follow-up saved with a code part-way keeps its link to the baseline,
/// and cannot then be answered twice.
#[tokio::test]
async fn saving_a_follow_up_keeps_its_link_to_the_baseline() {
    let (app, state) = app_state_on("sqlite::memory:", HttpConfig::default()).await;
    let baseline_code = finished_baseline(&app).await;
    assert_eq!(baseline_code.len(), 27, "18 random symbols, 4 for the id");
    sent_long_ago(&state).await;
    let follow = send(
        &app,
        post_form(
            "/survey/follow-up",
            format!("code={baseline_code}&consent=yes"),
        ),
    )
    .await;
    let token = token_of(&follow.text());
    let saved = page(&app, &token, "q-age=35-44&action=save").await;
    let save_code = code_of(&saved.text());
    assert_eq!(save_code.len(), 22, "{}", saved.text());
    let resumed = send(
        &app,
        post_form("/survey/resume", format!("code={save_code}")),
    )
    .await;
    let token = token_of(&resumed.text());
    page(&app, &token, "q-age=35-44&action=next").await;
    for body in ENTRY_PAGES {
        page(&app, &token, body).await;
    }
    let done = page(&app, &token, "action=submit").await;
    assert!(
        done.text().contains("Your answers have been sent"),
        "{}",
        done.text()
    );
    let (base, after) = entry_series(&state).await;
    assert_eq!((base.len(), after.len()), (1, 1));
    assert_eq!(base[0].series_code_hash, after[0].series_code_hash);
    let again = send(
        &app,
        post_form(
            "/survey/follow-up",
            format!("code={baseline_code}&consent=yes"),
        ),
    )
    .await;
    assert!(again.text().contains("already answered the follow-up"));
}

/// SQLite overwrites deleted rows: a deleted draft's answers cannot be
/// read back from the database file or its WAL.
#[tokio::test]
async fn deleted_drafts_are_not_left_in_the_database_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("p.db");
    let store = migrated_store(&format!("sqlite:{}", path.display())).await;
    let marker = "MARKER-7f3a9c-UNDER-18-ANSWER";
    for i in 0..50 {
        let token = format!("tok{i}");
        store
            .create_draft(&token, "feedback", 1, "2999-01-01", today())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        store
            .save_draft(&token, 1, &format!(r#"{{"what-changed":"{marker}"}}"#))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        store
            .delete_draft(&token)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    // Before the scrub, the WAL still holds the pages as they were when
    // the answers were saved (so the check below can fail).
    assert!(
        !files_holding(dir.path(), marker).is_empty(),
        "the saved answers never reached the files"
    );
    assert!(
        store.scrub_log().await.unwrap_or_else(|e| panic!("{e}")),
        "the WAL was busy"
    );
    let found = files_holding(dir.path(), marker);
    assert!(
        found.is_empty(),
        "deleted answers still readable in {found:?}"
    );
    store.close().await;
}

/// On the onion listener no forwarding header is believed, even from a
/// trusted proxy's address: every Tor visitor counts against the onion
/// listener's own limits, together.
#[tokio::test]
async fn the_onion_listener_believes_no_forwarded_address() {
    let http = HttpConfig {
        trusted_proxies: vec![[127, 0, 0, 1].into()],
        ..Default::default()
    };
    let (app, state) = app_state_on("sqlite::memory:", http).await;
    let onion = pathway::http::onion_router(state.clone());
    for i in 0..5 {
        let r = with_headers(
            from_addr(post_form("/survey/start", "consent=yes"), "127.0.0.1:9"),
            &[("x-forwarded-for", &format!("203.0.113.{i}"))],
        );
        assert_eq!(send(&onion, r).await.status, StatusCode::OK);
    }
    assert_eq!(
        state.onion_limits.start.len(),
        1,
        "one key for every onion visitor"
    );
    assert!(state.limits.start.is_empty());
    // The public listener behind the same proxy believes it: one key each.
    for i in 0..5 {
        let r = with_headers(
            from_addr(post_form("/survey/start", "consent=yes"), "127.0.0.1:9"),
            &[("x-forwarded-for", &format!("203.0.113.{i}"))],
        );
        assert_eq!(send(&app, r).await.status, StatusCode::OK);
    }
    assert_eq!(state.limits.start.len(), 5);
}

/// The server's own checkpoint copies the WAL back into the database
/// without waiting for a reader: it copies what it can and returns.
#[tokio::test]
async fn the_wal_is_copied_back_without_waiting_for_readers() {
    use sqlx::Connection;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("c.db");
    let url = format!("sqlite:{}", path.display());
    let store = migrated_store(&url).await;
    let drafts = |from: usize| {
        let store = store.clone();
        async move {
            for i in from..from + 20 {
                let token = format!("tok{i}");
                store
                    .create_draft(&token, "feedback", 1, "2999-01-01", today())
                    .await
                    .unwrap_or_else(|e| panic!("{e}"));
            }
        }
    };
    drafts(0).await;
    let copy = || async {
        store
            .copy_log_back()
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let (log, done) = copy().await;
    assert!(
        log > 0 && done == log,
        "all copied with no reader: {log} {done}"
    );

    // A reader whose snapshot is older than the next writes.
    let mut reader = sqlx::SqliteConnection::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut read = reader.begin().await.unwrap_or_else(|e| panic!("{e}"));
    let _: (i64,) = sqlx::query_as("SELECT count(*) FROM survey_drafts")
        .fetch_one(&mut *read)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    drafts(20).await;
    let (log, done) = tokio::time::timeout(std::time::Duration::from_secs(2), copy())
        .await
        .unwrap_or_else(|_| panic!("the copy waited for the reader"));
    assert!(
        done < log,
        "frames past the reader's snapshot wait: {log} {done}"
    );
    read.rollback().await.unwrap_or_else(|e| panic!("{e}"));
    let (log, done) = copy().await;
    assert!(
        log > 0 && done == log,
        "the rest copied once the reader left: {log} {done}"
    );
}
