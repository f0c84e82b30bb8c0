//! The staff area's pages beyond sign-in: every route for every role,
//! session fixation and absolute expiry, survey filters and free text,
//! exports, usage figures, content reload and draft previews.

mod common;

use axum::http::StatusCode;
use common::staff::*;
use common::*;
use pathway::services::usage::Count;

const DRAFT: &str = r#"+++
title = "Staying well over the holidays"
slug = "holidays"
summary = "A draft."
order = 9
minutes = 10
aims = ["Planning for a hard time of year"]
draft = true
reviewed_by = "Not reviewed"
review_due = 2027-06-30
+++

## Planning ahead {#planning}

DraftMarkerText: think about the days that will be hardest.
"#;

/// A copy of the sample content with a draft module, in a temp folder.
fn content_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    copy_dir(&sample_content(), dir.path());
    std::fs::write(dir.path().join("modules/09-holidays.md"), DRAFT)
        .unwrap_or_else(|e| panic!("{e}"));
    dir
}

async fn respond(s: &Site, version: i64, answers: Vec<(&str, &str, &str)>) {
    common::survey::stored_response(&s.state, "feedback", version, None, &answers).await;
}

struct People {
    admin: String,
    analyst: String,
    editor: String,
    practitioner: String,
}

async fn people(s: &Site) -> People {
    let mut sessions = Vec::new();
    for (name, role) in [
        ("ada", "admin"),
        ("ann", "analyst"),
        ("eve", "editor"),
        ("pip", "practitioner"),
    ] {
        let (key, _) = enrolled(s, name, role).await;
        sessions.push(session_of(
            &sign_in(s, name, PASSWORD, &code_at(&key, 0)).await,
        ));
    }
    People {
        practitioner: sessions.pop().unwrap_or_default(),
        editor: sessions.pop().unwrap_or_default(),
        analyst: sessions.pop().unwrap_or_default(),
        admin: sessions.pop().unwrap_or_default(),
    }
}

async fn csrf_of(s: &Site, session: &str) -> String {
    let home = send(&s.app, get_with("/staff", session)).await.text();
    between(&home, "name=\"csrf\" value=\"", "\"").to_string()
}

/// A conversation started through the public pages; its number.
async fn messages_started(s: &Site) -> i64 {
    let r = send(
        &s.app,
        common::post_form("/messages/send", "text=Hello&action=send-anyway"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let open = s
        .state
        .store
        .open_conversations(10)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    open.first()
        .map(|c| c.id)
        .unwrap_or_else(|| panic!("no conversation"))
}

/// Every staff route, for nobody and each role: who is sent to sign in,
/// who is refused and who gets the page.
#[tokio::test]
async fn every_route_for_every_role() {
    let content = content_copy();
    let s = site_over(content.path()).await;
    let p = people(&s).await;
    const IN: StatusCode = StatusCode::SEE_OTHER; // to the sign-in page
    const OK: StatusCode = StatusCode::OK;
    const NO: StatusCode = StatusCode::FORBIDDEN;
    let conversation = messages_started(&s).await;
    let one = format!("/staff/messages/{conversation}");
    // (path, anonymous, editor, analyst, admin, practitioner)
    let gets = [
        ("/staff", IN, OK, OK, OK, OK),
        ("/staff/surveys/feedback", IN, NO, OK, OK, NO),
        ("/staff/surveys/feedback?version=1", IN, NO, OK, OK, NO),
        ("/staff/surveys/feedback/free-text", IN, NO, OK, OK, NO),
        ("/staff/surveys/feedback/export.csv", IN, NO, OK, OK, NO),
        ("/staff/surveys/feedback/export.json", IN, NO, OK, OK, NO),
        ("/staff/surveys/feedback/codebook.json", IN, NO, OK, OK, NO),
        ("/staff/usage", IN, NO, OK, OK, NO),
        ("/staff/usage.csv", IN, NO, OK, OK, NO),
        ("/staff/content", IN, OK, OK, OK, OK),
        ("/staff/preview/holidays", IN, OK, OK, OK, OK),
        ("/staff/messages", IN, NO, NO, OK, OK),
        (one.as_str(), IN, NO, NO, OK, OK),
    ];
    for (path, anon, editor, analyst, admin, practitioner) in gets {
        let r = get(&s.app, path).await;
        assert_eq!(r.status, anon, "anonymous {path}");
        if anon == IN {
            assert_eq!(r.header("location"), Some("/staff/sign-in"), "{path}");
        }
        for (who, session, want) in [
            ("editor", &p.editor, editor),
            ("analyst", &p.analyst, analyst),
            ("admin", &p.admin, admin),
            ("practitioner", &p.practitioner, practitioner),
        ] {
            let r = send(&s.app, get_with(path, session)).await;
            assert_eq!(r.status, want, "{who} {path}: {}", r.text());
            assert_eq!(r.header("cache-control"), Some("no-store"), "{who} {path}");
        }
    }
    // Reloading content: editors and admins, with the CSRF token.
    let reload = |session: Option<String>, csrf: String| {
        let app = s.app.clone();
        async move {
            send(
                &app,
                post(
                    "/staff/content/reload",
                    format!("csrf={csrf}"),
                    session.as_deref(),
                ),
            )
            .await
            .status
        }
    };
    assert_eq!(reload(None, String::new()).await, IN);
    for (session, want) in [
        (&p.editor, OK),
        (&p.analyst, NO),
        (&p.admin, OK),
        (&p.practitioner, NO),
    ] {
        let csrf = csrf_of(&s, session).await;
        assert_eq!(reload(Some(session.clone()), csrf).await, want);
        // Without the token: refused whatever the role.
        assert_eq!(reload(Some(session.clone()), "x".into()).await, NO);
    }
    // Answering messages: practitioners and admins, with the CSRF token.
    let note = format!("/staff/messages/{conversation}/note");
    assert_eq!(
        send(&s.app, post(&note, "text=n".into(), None))
            .await
            .status,
        IN
    );
    for (session, want) in [
        (&p.editor, NO),
        (&p.analyst, NO),
        (&p.admin, IN),
        (&p.practitioner, IN),
    ] {
        let csrf = csrf_of(&s, session).await;
        let r = send(
            &s.app,
            post(&note, format!("csrf={csrf}&text=n"), Some(session)),
        )
        .await;
        // A note added goes back to the conversation (303).
        assert_eq!(r.status, want, "{}", r.text());
        let bad = send(&s.app, post(&note, "csrf=x&text=n".into(), Some(session))).await;
        assert_eq!(bad.status, NO);
        // Choosing the name writers see on replies: the same roles.
        let named = send(
            &s.app,
            post(
                "/staff/display-name",
                format!("csrf={csrf}&display_name=Jo"),
                Some(session),
            ),
        )
        .await;
        assert_eq!(named.status, want, "{}", named.text());
    }
    // Only admins read the audit log; the other roles do not.
    for (session, sees) in [
        (&p.admin, true),
        (&p.analyst, false),
        (&p.editor, false),
        (&p.practitioner, false),
    ] {
        let home = send(&s.app, get_with("/staff", session)).await.text();
        assert_eq!(home.contains("Audit log"), sees);
    }
    // The public site never shows the draft.
    assert_eq!(
        get(&s.app, "/modules/holidays").await.status,
        StatusCode::NOT_FOUND
    );
}

/// A session id chosen by someone else before sign-in is never adopted,
/// and an ended or too old session stops working.
#[tokio::test]
async fn session_fixation_and_absolute_expiry() {
    let s = site().await;
    let (key, codes) = enrolled(&s, "fay", "analyst").await;
    let planted = "0".repeat(64);
    let mut request = post(
        "/staff/sign-in",
        format!(
            "name=fay&password={}&code={}",
            PASSWORD.replace(' ', "+"),
            code_at(&key, 0)
        ),
        Some(&planted),
    );
    request.headers_mut().insert(
        "cookie",
        axum::http::HeaderValue::from_str(&format!("{}={planted}", pathway::http::staff::COOKIE))
            .unwrap_or_else(|e| panic!("{e}")),
    );
    let signed = send(&s.app, request).await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
    let session = session_of(&signed);
    assert_ne!(session, planted, "the server makes its own session id");
    assert_eq!(session.len(), 64);
    assert_eq!(
        send(&s.app, get_with("/staff", &planted)).await.status,
        StatusCode::SEE_OTHER,
        "the planted id opens nothing"
    );
    assert_eq!(
        send(&s.app, get_with("/staff", &session)).await.status,
        StatusCode::OK
    );
    // Absolute expiry: 12 hours after sign-in, however active.
    let pathway::db::Store::Sqlite(pool) = &s.state.store else {
        panic!("SQLite")
    };
    sqlx::query("UPDATE staff_sessions SET created_at = created_at - 43201")
        .execute(pool)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        send(&s.app, get_with("/staff", &session)).await.status,
        StatusCode::SEE_OTHER
    );
    // After sign-out the old id is dead even if replayed.
    let again = session_of(&sign_in(&s, "fay", PASSWORD, &codes[0]).await);
    let csrf = csrf_of(&s, &again).await;
    send(
        &s.app,
        post("/staff/sign-out", format!("csrf={csrf}"), Some(&again)),
    )
    .await;
    assert_eq!(
        send(&s.app, get_with("/staff", &again)).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn results_filter_by_version_and_date_and_show_abandoned_days() {
    let s = site().await;
    let p = people(&s).await;
    for _ in 0..6 {
        respond(&s, 2, vec![("age", "", "45-54")]).await;
    }
    for _ in 0..7 {
        respond(&s, 1, vec![("age", "", "25-34")]).await;
    }
    let day = pathway::db::surveys::day(today());
    s.state
        .store
        .add_usage(
            &day,
            &[Count {
                event: "survey-abandoned",
                subject: "feedback".into(),
                n: 8,
            }],
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let all = send(&s.app, get_with("/staff/surveys/feedback", &p.analyst))
        .await
        .text();
    assert!(all.contains("Completed responses: 13."), "{all}");
    assert!(all.contains("<option value=\"1\">Version 1</option>"));
    assert!(all.contains("<td>8</td></tr>"), "abandoned per day: {all}");
    assert!(all.contains("href=\"/static/staff.css?v="));
    assert!(!all.contains("<style"), "no inline style under the CSP");
    let v1 = send(
        &s.app,
        get_with("/staff/surveys/feedback?version=1", &p.analyst),
    )
    .await
    .text();
    assert!(v1.contains("Completed responses: 7."), "{v1}");
    assert!(v1.contains("version 1 only"));
    assert!(v1.contains("<option value=\"1\" selected>"));
    assert!(
        v1.contains("export.csv?version=1"),
        "downloads keep the filter"
    );
    let csv = send(
        &s.app,
        get_with("/staff/surveys/feedback/export.csv?version=1", &p.analyst),
    )
    .await
    .text();
    assert_eq!(csv.lines().count(), 8, "a header and version 1's seven");
    let future = send(
        &s.app,
        get_with("/staff/surveys/feedback?from=2999-01-01", &p.analyst),
    )
    .await
    .text();
    assert!(future.contains("Completed responses: &#60;5."), "{future}");
    // Nonsense filters are ignored, never an error.
    let odd = send(
        &s.app,
        get_with(
            "/staff/surveys/feedback?from=soon&version=x&to=%3Cb%3E",
            &p.analyst,
        ),
    )
    .await;
    assert_eq!(odd.status, StatusCode::OK);
    assert!(odd.text().contains("Completed responses: 13."));
    assert_eq!(
        send(&s.app, get_with("/staff/surveys/nope", &p.analyst))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn free_text_is_behind_a_warning_paged_searchable_and_audited() {
    let s = site().await;
    let p = people(&s).await;
    for i in 0..25 {
        let text = if i % 5 == 0 {
            format!("Talking to the helpline helped (answer {i})")
        } else {
            format!("Plain answer {i} <b>bold</b>")
        };
        respond(
            &s,
            2,
            vec![
                ("age", "", "45-54"),
                ("behaviour-change", "", "stopped"),
                ("what-changed", "", &text),
            ],
        )
        .await;
    }
    let base = "/staff/surveys/feedback/free-text";
    let warning = send(&s.app, get_with(base, &p.analyst)).await.text();
    assert!(warning.contains("Before you read"));
    assert!(warning.contains("https://intranet.example.org/safeguarding/free-text-review"));
    assert!(
        !warning.contains("Plain answer"),
        "nothing before the warning"
    );
    assert!(warning.contains("confirmed=1"));
    let first = send(&s.app, get_with(&format!("{base}?confirmed=1"), &p.analyst))
        .await
        .text();
    assert!(first.contains("25 answer(s)"), "{first}");
    assert!(first.contains("Page 1 of 2"));
    assert_eq!(first.matches("<blockquote>").count(), 20);
    assert!(first.contains("&#60;b&#62;bold"), "answers are escaped");
    assert!(!first.contains("<b>bold"));
    assert!(first.contains("Next page"));
    let second = send(
        &s.app,
        get_with(&format!("{base}?confirmed=1&page=2"), &p.analyst),
    )
    .await
    .text();
    assert_eq!(second.matches("<blockquote>").count(), 5);
    assert!(second.contains("answer 0)"), "oldest last: {second}");
    let found = send(
        &s.app,
        get_with(&format!("{base}?confirmed=1&q=HELPLINE"), &p.analyst),
    )
    .await
    .text();
    assert!(found.contains("5 answer(s) containing"), "{found}");
    assert_eq!(found.matches("<blockquote>").count(), 5);
    let log = audit(&s, 500).await;
    assert!(
        log.iter()
            .any(|e| e.1 == "ann" && e.2 == "free-text answers viewed" && e.3.contains("searched")),
        "{log:?}"
    );
    assert!(
        !log.iter().any(|e| e.3.to_lowercase().contains("helpline")),
        "search words are not written down"
    );
}

#[tokio::test]
async fn json_export_and_codebook_download_and_are_audited() {
    let s = site().await;
    let p = people(&s).await;
    for _ in 0..3 {
        respond(&s, 2, vec![("age", "", "45-54")]).await;
    }
    let json = send(
        &s.app,
        get_with("/staff/surveys/feedback/export.json", &p.admin),
    )
    .await;
    assert_eq!(json.header("content-type"), Some("application/json"));
    assert_eq!(
        json.header("content-disposition"),
        Some("attachment; filename=\"survey.json\"")
    );
    let rows: serde_json::Value =
        serde_json::from_slice(&json.body).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rows.as_array().map(Vec::len), Some(3));
    assert_eq!(rows[0]["age"], "45-54");
    let book = send(
        &s.app,
        get_with("/staff/surveys/feedback/codebook.json", &p.admin),
    )
    .await;
    let book: serde_json::Value =
        serde_json::from_slice(&book.body).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(book["survey"], "feedback");
    assert!(book["questions"].as_array().is_some_and(|q| !q.is_empty()));
    let log = audit(&s, 500).await;
    assert!(
        log.iter()
            .any(|e| e.2 == "survey exported" && e.3.contains("json"))
    );
    assert!(log.iter().any(|e| e.2 == "survey codebook downloaded"));
}

#[tokio::test]
async fn usage_figures_chart_a_range_with_the_small_count_rule() {
    let s = site().await;
    let p = people(&s).await;
    let count = |event: &'static str, subject: &str, n: i64| Count {
        event,
        subject: subject.into(),
        n,
    };
    s.state
        .store
        .add_usage(
            "2026-03-02",
            &[
                count("module-view", "managing-urges", 41),
                count("module-pdf", "managing-urges", 3),
                count("survey-started", "feedback", 9),
            ],
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    s.state
        .store
        .add_usage("2026-05-01", &[count("module-view", "managing-urges", 7)])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let march = send(
        &s.app,
        get_with("/staff/usage?from=2026-03-01&to=2026-03-31", &p.analyst),
    )
    .await;
    assert_eq!(march.status, StatusCode::OK);
    let html = march.text();
    assert!(html.contains("by day"));
    assert!(
        html.contains("<th scope=\"row\">2026-03-02</th><td class=\"n\">41</td>"),
        "{html}"
    );
    assert!(
        html.contains("<td class=\"n\">&#60;5</td>"),
        "the 3 PDFs are hidden"
    );
    assert!(!html.contains(">3</td>"));
    assert!(html.contains("<svg"), "charts");
    assert!(!html.contains("2026-05-01"), "outside the range");
    let year = send(
        &s.app,
        get_with("/staff/usage?from=2026-01-01&to=2026-12-31", &p.analyst),
    )
    .await
    .text();
    assert!(year.contains("by month"));
    assert!(
        year.contains("<th scope=\"row\">2026-05</th><td class=\"n\">7</td>"),
        "{year}"
    );
    let backwards = send(
        &s.app,
        get_with("/staff/usage?from=2026-12-01&to=2026-01-01", &p.analyst),
    )
    .await
    .text();
    assert!(backwards.contains("start date is after the end date"));
    let csv = send(
        &s.app,
        get_with("/staff/usage.csv?from=2026-03-01&to=2026-03-31", &p.analyst),
    )
    .await;
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    let text = csv.text();
    assert!(text.starts_with("day,counter,subject,count\n"));
    assert!(
        text.contains("2026-03-02,module-pdf,managing-urges,3"),
        "exact in the CSV"
    );
    assert!(!text.contains("2026-05-01"));
    assert!(audit(&s, 500).await.iter().any(|e| e.2 == "usage exported"));
}

#[tokio::test]
async fn reload_shows_every_problem_keeps_serving_and_then_swaps() {
    let content = content_copy();
    let s = site_over(content.path()).await;
    let p = people(&s).await;
    let csrf = csrf_of(&s, &p.editor).await;
    let reload = || {
        send(
            &s.app,
            post(
                "/staff/content/reload",
                format!("csrf={csrf}"),
                Some(&p.editor),
            ),
        )
    };
    let module = content.path().join("modules/03-managing-urges.md");
    let original = std::fs::read_to_string(&module).unwrap_or_else(|e| panic!("{e}"));
    // Two broken files: both problems are shown, nothing changes.
    std::fs::write(&module, original.replace("+++\ntitle", "+++\ntitel"))
        .unwrap_or_else(|e| panic!("{e}"));
    let site_toml = content.path().join("site.toml");
    let site = std::fs::read_to_string(&site_toml).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&site_toml, format!("{site}\nsurprise = 1\n")).unwrap_or_else(|e| panic!("{e}"));
    let refused = reload().await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text();
    assert!(html.contains("Nothing changed"), "{html}");
    assert!(html.contains("03-managing-urges.md:"), "{html}");
    assert!(html.contains("site.toml:"), "{html}");
    assert!(html.contains("fix:"));
    assert_eq!(
        get(&s.app, "/modules/managing-urges").await.status,
        StatusCode::OK
    );
    let reloads = || s.state.reloader.as_ref().map(|r| r.counts());
    assert_eq!(reloads(), Some((0, 1)), "one refused, for /metrics");
    let (from_memory, _) = s.state.pages().counts().read();
    assert!(from_memory >= 1);
    // Fixed, with a change: the new text is served at once.
    std::fs::write(&site_toml, site).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        &module,
        original.replacen("\n## ", "\nReloadedMarkerText.\n\n## ", 1),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let loaded = reload().await;
    assert_eq!(loaded.status, StatusCode::OK, "{}", loaded.text());
    assert_eq!(reloads(), Some((1, 1)));
    assert!(
        s.state.pages().counts().read().0 >= from_memory,
        "the new version carries on the old one's counts"
    );
    assert!(
        loaded
            .text()
            .contains("Reloaded. Now serving content version")
    );
    assert!(
        get(&s.app, "/modules/managing-urges")
            .await
            .text()
            .contains("ReloadedMarkerText")
    );
    assert!(
        audit(&s, 500)
            .await
            .iter()
            .any(|e| e.1 == "eve" && e.2 == "content reloaded" && e.3.starts_with("version "))
    );
}

#[tokio::test]
async fn drafts_are_previewed_by_staff_only_and_not_counted() {
    let content = content_copy();
    let s = site_over(content.path()).await;
    let p = people(&s).await;
    let list = send(&s.app, get_with("/staff/content", &p.analyst))
        .await
        .text();
    assert!(list.contains("href=\"/staff/preview/holidays\""), "{list}");
    assert!(
        !list.contains("Reload content</button>"),
        "analysts do not reload"
    );
    let preview = send(&s.app, get_with("/staff/preview/holidays", &p.analyst)).await;
    assert_eq!(preview.status, StatusCode::OK);
    assert_eq!(preview.header("cache-control"), Some("no-store"));
    let html = preview.text();
    assert!(html.contains("DraftMarkerText"));
    assert!(html.contains("Draft preview: only signed-in staff"));
    assert!(!html.contains(".pdf\""), "no PDF link for a draft");
    assert_eq!(
        send(
            &s.app,
            get_with("/staff/preview/managing-urges", &p.analyst)
        )
        .await
        .status,
        StatusCode::NOT_FOUND,
        "published modules are not previews"
    );
    assert_eq!(
        get(&s.app, "/modules/holidays").await.status,
        StatusCode::NOT_FOUND
    );
    s.state
        .usage
        .flush(&s.state.store, &s.state.clock)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let views = s
        .state
        .store
        .usage_days("module-view")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(views.iter().all(|v| v.1 != "holidays"), "{views:?}");
}

/// A reload asked for on one instance reaches another on the same
/// database, which reloads from its own content folder; both are audited.
#[tokio::test]
async fn a_reload_on_one_instance_reaches_the_other() {
    let (first, second) = (content_copy(), content_copy());
    let s = site_over(first.path()).await;
    let (other_app, other) = pdf_app(second.path(), s.dir.path(), 1, 1).await;
    let Some(follower) = other.reloader.clone() else {
        panic!("a reloader")
    };
    follower
        .follow_from(s.state.store.content_generation().await.unwrap_or(0))
        .await;
    assert!(follower.follow(&other).await.is_none(), "nothing to do yet");
    let p = people(&s).await;
    // The same change shipped to both folders.
    for dir in [&first, &second] {
        let module = dir.path().join("modules/03-managing-urges.md");
        let text = std::fs::read_to_string(&module).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(
            &module,
            text.replacen("\n## ", "\nShippedEverywhere.\n\n## ", 1),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
    let csrf = csrf_of(&s, &p.admin).await;
    let r = send(
        &s.app,
        post(
            "/staff/content/reload",
            format!("csrf={csrf}"),
            Some(&p.admin),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        !get(&other_app, "/modules/managing-urges")
            .await
            .text()
            .contains("ShippedEverywhere"),
        "not before it polls"
    );
    let outcome = follower.follow(&other).await;
    assert!(
        matches!(
            outcome,
            Some(pathway::services::reload::Outcome::Loaded { .. })
        ),
        "{outcome:?}"
    );
    assert!(
        get(&other_app, "/modules/managing-urges")
            .await
            .text()
            .contains("ShippedEverywhere")
    );
    assert!(follower.follow(&other).await.is_none(), "followed once");
    let log = audit(&s, 500).await;
    let reloads: Vec<_> = log.iter().filter(|e| e.2 == "content reloaded").collect();
    assert_eq!(reloads.len(), 2, "{log:?}");
    assert!(
        reloads
            .iter()
            .any(|e| e.1 == "system" && e.3.contains("another instance"))
    );
    assert!(reloads.iter().all(|e| e.3.starts_with("version ")));
}
