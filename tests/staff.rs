//! The staff area: enrolment, sign-in with TOTP or a recovery code,
//! sessions, CSRF, sign out (everywhere), expiry, throttling and the audit
//! log.

mod common;

use common::staff::*;

use axum::http::StatusCode;
use common::*;
use pathway::http::AppState;
use pathway::services::staff;

#[tokio::test]
async fn enrolment_refuses_weak_passwords_and_wrong_codes() {
    let s = site().await;
    let id = s
        .state
        .store
        .create_account("ana", "analyst", today())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    s.state
        .store
        .create_enrolment(
            &staff::digest("t1"),
            id,
            pathway::clock::Clock::system().unix() + 60,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    for (pw, confirm, needle) in [
        ("short", "short", "at least 12"),
        ("mypassword2024", "mypassword2024", "very common"),
        ("ana-is-my-name-ok", "ana-is-my-name-ok", "your name"),
        ("long enough one", "long enough two", "not the same"),
    ] {
        let body = format!(
            "step=password&password={}&confirm={}",
            pw.replace(' ', "+"),
            confirm.replace(' ', "+")
        );
        let r = send(&s.app, post("/staff/enrol/t1", body, None)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{pw}");
        assert!(r.text().contains(needle), "{pw}: {}", r.text());
        assert_eq!(r.header("cache-control"), Some("no-store"));
    }
    let body = format!(
        "step=password&password={p}&confirm={p}",
        p = PASSWORD.replace(' ', "+")
    );
    assert_eq!(
        send(&s.app, post("/staff/enrol/t1", body, None))
            .await
            .status,
        StatusCode::OK
    );
    let wrong = send(
        &s.app,
        post("/staff/enrol/t1", "step=code&code=000000".into(), None),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.text().contains("not right"));
    // An expired link.
    s.state
        .store
        .create_enrolment(
            &staff::digest("old"),
            id,
            pathway::clock::Clock::system().unix() - 1,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        get(&s.app, "/staff/enrol/old").await.status,
        StatusCode::GONE
    );
}

#[tokio::test]
async fn sign_in_needs_password_and_a_fresh_code_and_makes_a_strict_session() {
    let s = site().await;
    let (key, codes) = enrolled(&s, "alex", "admin").await;
    // Anonymous: to the sign-in page.
    let anon = get(&s.app, "/staff").await;
    assert_eq!(anon.status, StatusCode::SEE_OTHER);
    assert_eq!(anon.header("location"), Some("/staff/sign-in"));
    // A wrong password, an unknown name: the same message.
    let wrong = sign_in(&s, "alex", "not the password", &code_at(&key, 0)).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.text().contains("name, password or code is not right"));
    let nobody = sign_in(&s, "nobody", PASSWORD, &code_at(&key, 0)).await;
    assert!(
        nobody
            .text()
            .contains("name, password or code is not right")
    );
    // Right: a session cookie and the staff home page.
    let ok = sign_in(&s, "alex", PASSWORD, &code_at(&key, 0)).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());
    let session = session_of(&ok);
    let home = send(&s.app, get_with("/staff", &session)).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.text()
            .contains("Signed in as <strong>alex</strong> (admin)")
    );
    assert_eq!(home.header("cache-control"), Some("no-store"));
    assert!(
        home.text().contains("signed in"),
        "admins read the audit log"
    );
    // The same code again (a replay) is refused, even with the password.
    let replay = sign_in(&s, "alex", PASSWORD, &code_at(&key, 0)).await;
    assert_eq!(replay.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A recovery code works once.
    let rec = sign_in(&s, "alex", PASSWORD, &codes[0].to_lowercase()).await;
    assert_eq!(rec.status, StatusCode::SEE_OTHER);
    assert_ne!(
        session_of(&rec),
        session,
        "a new session id at each sign-in"
    );
    let again = sign_in(&s, "alex", PASSWORD, &codes[0]).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn csrf_sign_out_everywhere_expiry_and_disabling() {
    let s = site().await;
    let (key, codes) = enrolled(&s, "sam", "analyst").await;
    let first = session_of(&sign_in(&s, "sam", PASSWORD, &code_at(&key, 0)).await);
    let second = session_of(&sign_in(&s, "sam", PASSWORD, &codes[1]).await);
    let home = send(&s.app, get_with("/staff", &first)).await.text();
    assert!(
        !home.contains("Audit log"),
        "analysts do not read the audit log"
    );
    let csrf = between(&home, "name=\"csrf\" value=\"", "\"").to_string();
    assert_eq!(csrf.len(), 32);
    // Without the token: refused, still signed in.
    let forged = send(
        &s.app,
        post("/staff/sign-out", "csrf=nope".into(), Some(&first)),
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(
        send(&s.app, get_with("/staff", &first)).await.status,
        StatusCode::OK
    );
    // Everywhere: both sessions end.
    let out = send(
        &s.app,
        post(
            "/staff/sign-out-everywhere",
            format!("csrf={csrf}"),
            Some(&first),
        ),
    )
    .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(
        out.header("set-cookie")
            .unwrap_or_default()
            .contains("Max-Age=0")
    );
    for session in [&first, &second] {
        assert_eq!(
            send(&s.app, get_with("/staff", session)).await.status,
            StatusCode::SEE_OTHER
        );
    }
    // Idle expiry: 31 minutes without a request.
    let third = session_of(&sign_in(&s, "sam", PASSWORD, &code_at(&key, 1)).await);
    let pathway::db::Store::Sqlite(pool) = &s.state.store else {
        panic!("SQLite")
    };
    sqlx::query("UPDATE staff_sessions SET seen_at = seen_at - 1860")
        .execute(pool)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        send(&s.app, get_with("/staff", &third)).await.status,
        StatusCode::SEE_OTHER
    );
    // Disabling ends sessions and refuses sign-in.
    let fourth = session_of(&sign_in(&s, "sam", PASSWORD, &codes[2]).await);
    let id = s
        .state
        .store
        .account_by_name("sam")
        .await
        .ok()
        .flatten()
        .map(|a| a.id)
        .unwrap_or(0);
    s.state
        .store
        .set_disabled(id, true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        send(&s.app, get_with("/staff", &fourth)).await.status,
        StatusCode::SEE_OTHER
    );
    let refused = sign_in(&s, "sam", PASSWORD, &codes[3]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn failed_sign_ins_lock_the_account_for_a_growing_time() {
    assert_eq!(pathway::http::staff::lock_seconds(2), 0);
    assert_eq!(pathway::http::staff::lock_seconds(3), 1);
    assert_eq!(pathway::http::staff::lock_seconds(6), 8);
    assert_eq!(pathway::http::staff::lock_seconds(60), 900);
    let s = site().await;
    let (key, _) = enrolled(&s, "kim", "editor").await;
    for _ in 0..3 {
        let r = sign_in(&s, "kim", "wrong password!", "000000").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let log = audit(&s, 100).await;
    assert_eq!(
        log.iter()
            .filter(|e| e.1 == "kim" && e.2 == "sign-in failed")
            .count(),
        3
    );
    // After many failures the lock is long: wait out the short one, fail
    // once more, and even the right password and code are refused.
    let pathway::db::Store::Sqlite(pool) = &s.state.store else {
        panic!("SQLite")
    };
    sqlx::query(
        "UPDATE staff_accounts SET failed_signins = 8, locked_until = 0 WHERE name = 'kim'",
    )
    .execute(pool)
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let wrong = sign_in(&s, "kim", "wrong password!", "000000").await;
    let locked = sign_in(&s, "kim", PASSWORD, &code_at(&key, 0)).await;
    // Locked, wrong and unknown all get the same page.
    assert_eq!(locked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(locked.text(), wrong.text());
    let log = audit(&s, 1).await;
    assert_eq!(log[0].2, "sign-in refused (locked)");
}

/// Fifty wrong sign-ins at once: each try is claimed on the account before
/// its password is checked, so only the tries the lockout allows (three in
/// a row before the first lock) are checked. Locked, wrong and unknown get
/// the same page, and a name that is not an account's (perhaps a password
/// typed in the wrong box) is never written to the audit log.
#[tokio::test]
async fn parallel_wrong_sign_ins_cannot_get_past_the_lockout() {
    let s = site().await;
    let (key, _) = enrolled(&s, "lee", "editor").await;
    // From fifty addresses, so that the per-address limit is not what stops them.
    let tries: Vec<_> = (0..50)
        .map(|i| {
            let app = s.app.clone();
            tokio::spawn(async move {
                let request = post(
                    "/staff/sign-in",
                    "name=lee&password=wrong+password!&code=000000".into(),
                    None,
                );
                send(&app, from_addr(request, &format!("192.0.2.{i}:1"))).await
            })
        })
        .collect();
    // Each try costs one password check's time, so some may be told the
    // server is busy (503, "try again"); the rest get the one failure page.
    let mut pages = std::collections::BTreeSet::new();
    let mut answered = 0;
    for t in tries {
        let r = t.await.unwrap_or_else(|e| panic!("{e}"));
        match r.status {
            StatusCode::UNPROCESSABLE_ENTITY => {
                answered += 1;
                pages.insert(r.text());
            }
            StatusCode::SERVICE_UNAVAILABLE => {}
            other => panic!("{other}: {}", r.text()),
        }
    }
    assert_eq!(pages.len(), 1, "one page for every failure");
    let log = audit(&s, 200).await;
    let checked = log
        .iter()
        .filter(|e| e.1 == "lee" && e.2 == "sign-in failed")
        .count();
    let refused = log
        .iter()
        .filter(|e| e.1 == "lee" && e.2 == "sign-in refused (locked)")
        .count();
    assert!(
        (1..=3).contains(&checked),
        "{checked} passwords checked: {log:?}"
    );
    assert_eq!(checked + refused, answered, "{log:?}");
    // An unknown name gets the same page; the log does not keep what was typed.
    let unknown = sign_in(&s, "Tr0ub4dor-3-secret", "x", "000000").await;
    assert_eq!(
        unknown.text().replace("Tr0ub4dor-3-secret", "lee"),
        pages.iter().next().cloned().unwrap_or_default()
    );
    let log = audit(&s, 1).await;
    assert_eq!(log[0].1, "(not a known name)");
    assert!(!format!("{log:?}").contains("Tr0ub4dor"));
    // Failures under unknown names leave the real account as it was.
    let pathway::db::Store::Sqlite(pool) = &s.state.store else {
        panic!("SQLite")
    };
    sqlx::query("UPDATE staff_accounts SET failed_signins = 0, locked_until = 0")
        .execute(pool)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    for _ in 0..5 {
        sign_in(&s, "le", PASSWORD, "000000").await;
    }
    let ok = sign_in(&s, "lee", PASSWORD, &code_at(&key, 0)).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());
}

#[test]
fn the_staff_command_adds_lists_and_disables_accounts() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = format!("sqlite:{}", dir.path().join("s.db").display());
    std::fs::write(dir.path().join("s.db"), b"").unwrap_or_else(|e| panic!("{e}"));
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_pathway"))
            .arg("staff")
            .args(args)
            .args(["--database", &db, "--base-url", "https://example.test"])
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let add = run(&["add", "dana", "--role", "analyst"]);
    let out = String::from_utf8_lossy(&add.stdout);
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
    assert!(out.contains("https://example.test/staff/enrol/"), "{out}");
    let dup = run(&["add", "dana", "--role", "admin"]);
    assert!(!dup.status.success());
    assert!(String::from_utf8_lossy(&dup.stderr).contains("already an account"));
    assert!(run(&["disable", "dana"]).status.success());
    let list = String::from_utf8_lossy(&run(&["list"]).stdout).into_owned();
    assert!(list.contains("dana\tanalyst\tdisabled"), "{list}");
    let missing = run(&["reset", "nobody"]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no account `nobody`"));
}

/// With a staff listener of its own, the public address answers 404 for
/// /staff and the staff address serves it, with the same headers.
#[tokio::test]
async fn the_staff_area_can_have_its_own_listener() {
    let store = pathway::db::Store::connect("sqlite::memory:", true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let http = pathway::config::HttpConfig {
        staff_separate: true,
        ..Default::default()
    };
    let state = AppState::new(pages(&sample_content()), store, http);
    let public = pathway::http::router(state.clone());
    let staff_only = pathway::http::staff_router(state);
    for path in ["/staff", "/staff/sign-in"] {
        assert_eq!(
            get(&public, path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let r = get(&staff_only, "/staff/sign-in").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header("content-security-policy").is_some());
    assert_eq!(r.header("cache-control"), Some("no-store"));
    assert_eq!(get(&staff_only, "/").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        get(&staff_only, "/modules/getting-support").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&staff_only, "/static/style.css").await.status,
        StatusCode::OK
    );
    // Without it, /staff is on the public site.
    let together = app().await;
    assert_eq!(
        get(&together, "/staff/sign-in").await.status,
        StatusCode::OK
    );
}

/// Survey results and the export are for analysts and admins; the export
/// is audited; everyone else is refused or sent to sign in.
#[tokio::test]
async fn results_and_export_follow_the_roles_and_are_audited() {
    let s = site().await;
    let (key, _) = enrolled(&s, "ann", "analyst").await;
    let (ekey, _) = enrolled(&s, "eddie", "editor").await;
    for _ in 0..6 {
        let r = pathway::db::surveys::NewResponse {
            survey_id: "feedback".into(),
            version: 2,
            content_hash: "c".into(),
            series_code_hash: None,
            series_by_id: false,
            locale: "en-GB".into(),
            answers: vec![("age".into(), String::new(), "45-54".into())],
        };
        s.state
            .store
            .submit_response(None, &r, today())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    // Anonymous: to the sign-in page, for both.
    for path in [
        "/staff/surveys/feedback",
        "/staff/surveys/feedback/export.csv",
    ] {
        assert_eq!(
            get(&s.app, path).await.status,
            StatusCode::SEE_OTHER,
            "{path}"
        );
    }
    let analyst = session_of(&sign_in(&s, "ann", PASSWORD, &code_at(&key, 0)).await);
    let home = send(&s.app, get_with("/staff", &analyst)).await.text();
    assert!(home.contains("href=\"/staff/surveys/feedback\""));
    let page = send(
        &s.app,
        get_with("/staff/surveys/feedback?from=2000-01-01", &analyst),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert!(
        page.text()
            .contains("<th scope=\"row\">45 to 54</th><td>6</td>")
    );
    let csv = send(
        &s.app,
        get_with("/staff/surveys/feedback/export.csv", &analyst),
    )
    .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(csv.text().starts_with("response,version,"));
    let log = audit(&s, 100).await;
    assert!(log.iter().any(|e| e.1 == "ann" && e.2 == "survey exported"));
    // An editor may not read results.
    let editor = session_of(&sign_in(&s, "eddie", PASSWORD, &code_at(&ekey, 0)).await);
    for path in [
        "/staff/surveys/feedback",
        "/staff/surveys/feedback/export.csv",
    ] {
        let r = send(&s.app, get_with(path, &editor)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
    }
    assert!(
        !send(&s.app, get_with("/staff", &editor))
            .await
            .text()
            .contains("Survey results")
    );
}
