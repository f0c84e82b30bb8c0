//! Writing to the helpline through the site: the pages before and after
//! writing, the contact-detail warning, the code shown once and its
//! downloads, reading, replying and deleting by code, every limit with the
//! text kept, cross-site refusal, and the whole feature gone when a service
//! does not switch it on.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::staff::{between, site};
use common::*;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

const MARKER: &str = "MARKER-8c2f-WRITER-TEXT";

fn enc(s: &str) -> String {
    utf8_percent_encode(s, NON_ALPHANUMERIC).to_string()
}

fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

async fn post_to(app: &axum::Router, path: &str, pairs: &[(&str, &str)]) -> Reply {
    send(app, post_form(path, form(pairs))).await
}

/// Sends a first message as it is; returns the page and the code.
async fn write(app: &axum::Router, text: &str, extra: &[(&str, &str)]) -> (Reply, String) {
    let mut pairs = vec![("text", text), ("action", "send-anyway")];
    pairs.extend_from_slice(extra);
    let r = post_to(app, "/messages/send", &pairs).await;
    let code = between(&r.text(), "id=\"conversation-code\">", "<").to_string();
    (r, code)
}

#[tokio::test]
async fn the_page_before_writing_says_who_reads_when_and_what_is_passed_on() {
    let app = app().await;
    let r = get(&app, "/messages").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let html = r.text();
    for want in [
        "trained helpline practitioners",
        "We aim to reply within 3 working days, so by ",
        "deleted 60 days after the last message",
        "we may have to pass that",
        "This is not for emergencies",
        "call 999",
        "116 123",
        "Up to 4000 characters",
        "We suggest a made-up name",
        "name=\"nickname\"",
        "<textarea id=\"text\" name=\"text\"",
    ] {
        assert!(html.contains(want), "{want} missing");
    }
    // A plain form: no JavaScript needed, nothing in the address.
    assert!(html.contains("<form method=\"post\" action=\"/messages/send\""));
    // Linked from Get in touch, and from the helpline block on every page
    // (the end of every module too).
    for page in ["/get-in-touch", "/", "/modules/sexual-communication-online"] {
        let html = get(&app, page).await.text();
        assert!(html.contains("href=\"/messages\""), "{page}");
    }
}

#[tokio::test]
async fn a_message_that_looks_like_it_holds_contact_details_is_shown_back_marked() {
    let app = app().await;
    let text = "I am scared. Call me on 07700 900123 or write to sam@example.org please.";
    let r = post_to(
        &app,
        "/messages/send",
        &[("text", text), ("nickname", "Sam")],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let html = r.text();
    assert!(html.contains("may hold details that identify you"));
    assert!(html.contains("possible phone number: </span>07700 900123</mark>"));
    assert!(html.contains("possible e-mail address: </span>sam@example.org</mark>"));
    // Nothing changed, nothing sent: the text and the name are in the form.
    assert!(html.contains(&format!(">{}</textarea>", text.replace('\'', "&#39;"))));
    assert!(html.contains("value=\"Sam\""));
    assert!(!html.contains("conversation-code"));
    assert!(html.contains("value=\"send-anyway\""));
    // Sent as it is, by choice.
    let (r, code) = write(&app, text, &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(code.len(), 27, "22 symbols in groups: {code}");
    // A message without contact details goes straight through.
    let r = post_to(&app, "/messages/send", &[("text", "I want to stop.")]).await;
    assert!(r.text().contains("id=\"conversation-code\""));
}

#[tokio::test]
async fn bad_messages_come_back_with_the_text_kept() {
    let app = app().await;
    let long = "a".repeat(4001);
    let r = post_to(
        &app,
        "/messages/send",
        &[("text", &long), ("nickname", "Jo")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text();
    assert!(html.contains("4001 characters long"));
    assert!(html.contains(&long) && html.contains("value=\"Jo\""));
    let r = post_to(&app, "/messages/send", &[("text", "  \r\n ")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("Write your message before sending it."));
}

#[tokio::test]
async fn the_code_reads_replies_and_deletes_and_never_travels_in_a_url() {
    let s = site().await;
    let (sent, code) = write(&s.app, &format!("Hello. {MARKER}"), &[]).await;
    let html = sent.text();
    assert!(html.contains("It is the only way back to your conversation"));
    assert!(html.contains("nobody can recover it for you"));
    assert!(sent.header("location").is_none());
    // Downloads: the code as text; a reminder with a neutral title.
    let file = post_to(&s.app, "/messages/code.txt", &[("code", &code)]).await;
    assert_eq!(file.header("cache-control"), Some("no-store"));
    assert!(file.text().contains(&code));
    let on = between(&html, "name=\"on\" value=\"", "\"").to_string();
    let ics = post_to(
        &s.app,
        "/reminder.ics",
        &[("on", &on), ("title", "Dentist")],
    )
    .await;
    assert_eq!(ics.status, StatusCode::OK);
    assert_eq!(
        ics.header("content-type"),
        Some("text/calendar; charset=utf-8")
    );
    let cal = ics.text();
    assert!(cal.contains("SUMMARY:Dentist\r\n"));
    assert!(cal.contains(&format!("DTSTART;VALUE=DATE:{}", on.replace('-', ""))));
    for never in ["Pathway", "Helpline", &code, "http", "URL"] {
        assert!(!cal.contains(never), "{never} in the reminder");
    }
    let bad = post_to(&s.app, "/reminder.ics", &[("on", "1999-01-01")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Reading: typed loosely, the whole conversation.
    let loose = code.to_lowercase().replace('-', " ");
    let r = post_to(&s.app, "/messages/read", &[("code", &loose)]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.text().contains(MARKER));
    assert!(
        r.text()
            .contains(&format!("name=\"code\" value=\"{code}\""))
    );
    // A wrong code opens nothing and says so.
    let wrong = post_to(
        &s.app,
        "/messages/read",
        &[("code", "2345-6789-ABCD-EFGH-JKMN-PQ")],
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.text().contains("could not find a conversation"));

    // Writing again, then deleting with a confirmation.
    let r = post_to(
        &s.app,
        "/messages/reply",
        &[("code", &code), ("text", "And again.")],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.text().contains("Your message has been sent."));
    assert!(r.text().contains("And again."));
    // A reply that looks like it holds contact details is shown back with
    // them marked, kept in the box, and sent only when the person says so.
    let reply = "Write to me at sam@example.org please.";
    let warned = post_to(
        &s.app,
        "/messages/reply",
        &[("code", &code), ("text", reply), ("action", "check")],
    )
    .await;
    let html = warned.text();
    assert!(
        html.contains("may hold details that identify you"),
        "{html}"
    );
    assert!(html.contains("<mark>"), "{html}");
    assert!(html.contains("sam@example.org please.</textarea>"));
    assert!(!html.contains("Your message has been sent."));
    let sent = post_to(
        &s.app,
        "/messages/reply",
        &[("code", &code), ("text", reply), ("action", "send-anyway")],
    )
    .await;
    assert!(sent.text().contains("Your message has been sent."));
    let ask = post_to(&s.app, "/messages/delete", &[("code", &code)]).await;
    assert!(ask.text().contains("Delete this conversation?"));
    assert!(
        post_to(&s.app, "/messages/read", &[("code", &code)])
            .await
            .text()
            .contains(MARKER)
    );
    let done = post_to(
        &s.app,
        "/messages/delete",
        &[("code", &code), ("confirm", "yes")],
    )
    .await;
    assert!(done.text().contains("has been deleted"));
    let after = post_to(&s.app, "/messages/read", &[("code", &code)]).await;
    assert_eq!(after.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Gone from every file of the database too.
    s.state
        .store
        .scrub_log()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let found = files_holding(s.dir.path(), MARKER);
    assert!(found.is_empty(), "deleted message text in {found:?}");
}

#[tokio::test]
async fn message_text_is_sealed_in_every_database_file() {
    let captured = Captured::default();
    let _guard = captured.install();
    let s = site().await;
    let (_, code) = write(
        &s.app,
        &format!("Sealed {MARKER}"),
        &[("nickname", "NICK-3b7e")],
    )
    .await;
    assert!(!code.is_empty());
    let r = post_to(
        &s.app,
        "/messages/reply",
        &[("code", &code), ("text", &format!("Again {MARKER}"))],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    s.state
        .store
        .scrub_log()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // A backup (`pathway backup`) beside the database is scanned too.
    s.state
        .store
        .backup_to(&s.dir.path().join("backup.db"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let log = captured.text();
    for marker in [MARKER, "NICK-3b7e", code.as_str(), &code.replace('-', "")] {
        let found = files_holding(s.dir.path(), marker);
        assert!(found.is_empty(), "{marker} in the clear in {found:?}");
        assert!(!log.contains(marker), "{marker} in the log:\n{log}");
    }
}

#[tokio::test]
async fn under_18s_are_signposted_to_the_young_peoples_service() {
    let app = app().await;
    let (r, code) = write(&app, "I am 16 and worried.", &[("under_18", "yes")]).await;
    let html = r.text();
    assert!(html.contains("Shore") && html.contains("This service is for adults"));
    let again = post_to(&app, "/messages/read", &[("code", &code)])
        .await
        .text();
    assert!(again.contains("Shore"));
    let (adult, _) = write(&app, "I am an adult.", &[]).await;
    assert!(!adult.text().contains("This service is for adults"));
}

/// Each limit stops the sending with the person's text still in the form.
#[tokio::test]
async fn limits_keep_the_text() {
    let app = app().await;
    // Conversations started per address: 10 an hour.
    for i in 0..10 {
        let (r, _) = write(&app, &format!("Start {i}"), &[]).await;
        assert_eq!(r.status, StatusCode::OK, "{i}");
    }
    let r = post_to(
        &app,
        "/messages/send",
        &[("text", "One more KEPT-1"), ("action", "send-anyway")],
    )
    .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.text().contains("One more KEPT-1</textarea>"));
    // Messages per conversation per day: 5 (the first counts).
    let app = common::app().await;
    let (_, code) = write(&app, "First", &[]).await;
    for i in 0..4 {
        let r = post_to(
            &app,
            "/messages/reply",
            &[("code", &code), ("text", &format!("More {i}"))],
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{i}");
    }
    let r = post_to(
        &app,
        "/messages/reply",
        &[("code", &code), ("text", "Sixth KEPT-2")],
    )
    .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.text().contains("Sixth KEPT-2</textarea>"));
    assert!(r.text().contains("Please write again tomorrow"));
    // Codes per address: 30 in ten minutes, then refused with the unsent
    // reply kept (the right code too: guessing is what this stops).
    for _ in 0..25 {
        post_to(
            &app,
            "/messages/read",
            &[("code", "2345-6789-ABCD-EFGH-JKMN-PQ")],
        )
        .await;
    }
    let r = post_to(
        &app,
        "/messages/reply",
        &[("code", &code), ("text", "Unsent KEPT-3")],
    )
    .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.text().contains("Too many codes have been tried"));
    assert!(r.text().contains("Unsent KEPT-3</textarea>"));
    // From another address the person still gets in.
    let other = from_addr(
        post_form("/messages/read", form(&[("code", &code)])),
        "192.0.2.7:4000",
    );
    assert_eq!(send(&app, other).await.status, StatusCode::OK);
}

/// Wrong codes from many addresses together reach a ceiling: then no code
/// is checked (the right one neither: a check would answer the guesser),
/// for messages and survey resume alike, and the typed text is kept.
#[tokio::test]
async fn wrong_codes_from_everyone_together_pause_code_checks() {
    let http = pathway::config::HttpConfig {
        wrong_codes_per_10_minutes: 5,
        ..Default::default()
    };
    let app = app_with(&sample_content(), http).await;
    let (_, code) = write(&app, "First", &[]).await;
    // The right code is not a wrong one: it never counts.
    for _ in 0..3 {
        let r = post_to(&app, "/messages/read", &[("code", &code)]).await;
        assert_eq!(r.status, StatusCode::OK);
    }
    // Five wrong codes, each from its own address (under every
    // per-address limit), some for surveys and some for conversations.
    for i in 0..5u8 {
        let (path, wrong) = if i % 2 == 0 {
            ("/messages/read", "2345-6789-ABCD-EFGH-JKMN-PQ")
        } else {
            ("/survey/resume", "2345-6789-ABCD-EFGH")
        };
        let req = from_addr(
            post_form(path, form(&[("code", wrong)])),
            &format!("198.51.100.{i}:4000"),
        );
        assert_eq!(
            send(&app, req).await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    let r = post_to(
        &app,
        "/messages/reply",
        &[("code", &code), ("text", "Unsent KEPT-5")],
    )
    .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let html = r.text();
    assert!(html.contains("checking codes is paused"), "{html}");
    assert!(html.contains("Unsent KEPT-5</textarea>"));
    let r = post_to(&app, "/survey/resume", &[("code", "2345-6789-ABCD-EFGH")]).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.text().contains("checking codes is paused"));
    // Pages without a code are not touched.
    assert_eq!(get(&app, "/messages/read").await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_full_inbox_asks_people_to_try_later_or_call_and_keeps_the_text() {
    let content = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    copy_dir(&sample_content(), content.path());
    let site_toml = content.path().join("site.toml");
    let text = std::fs::read_to_string(&site_toml).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&site_toml, text.replace("max_open = 5000", "max_open = 1"))
        .unwrap_or_else(|e| panic!("{e}"));
    let app = app_with(content.path(), Default::default()).await;
    let (first, _) = write(&app, "First", &[]).await;
    assert_eq!(first.status, StatusCode::OK);
    let r = post_to(
        &app,
        "/messages/send",
        &[("text", "Second KEPT-4"), ("action", "send-anyway")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    let html = r.text();
    assert!(html.contains("Second KEPT-4</textarea>"));
    assert!(html.contains("try again later, or call the helpline"));
    assert!(html.contains("0808 1000 900"));
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let app = app().await;
    for path in [
        "/messages/send",
        "/messages/read",
        "/messages/reply",
        "/messages/delete",
    ] {
        let request = Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "cross-site")
            .body(Body::from("text=hi&action=send-anyway"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            send(&app, request).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
}

#[tokio::test]
async fn switched_off_there_is_no_link_and_no_route() {
    let app = app_with(&fixture_content(), Default::default()).await;
    for page in ["/", "/get-in-touch"] {
        let html = get(&app, page).await.text();
        assert!(!html.contains("/messages"), "{page} links to messages");
    }
    assert_eq!(get(&app, "/messages").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        get(&app, "/messages/read").await.status,
        StatusCode::NOT_FOUND
    );
    for path in [
        "/messages/send",
        "/messages/read",
        "/messages/reply",
        "/messages/code.txt",
    ] {
        let r = post_to(&app, path, &[("text", "hi")]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
    }
}

/// `/transparency` adds conversations started and first answered per whole
/// month, with the small-count rule, and the median days to a first reply.
#[tokio::test]
async fn transparency_counts_conversations_by_month() {
    use pathway::services::keys::DataKeys;
    use pathway::services::messages;
    let (app, state) = app_state_on("sqlite::memory:", Default::default()).await;
    let keys = DataKeys::ephemeral().unwrap_or_else(|e| panic!("{e}"));
    let store = &state.store;
    let on = |m, d| jiff::civil::date(2026, m, d);
    let draft = pathway_core::message::check("Hello", "").unwrap_or_else(|p| panic!("{p:?}"));
    let staff = store
        .create_account("rae", "practitioner", on(9, 1))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // September: 6 started, each answered after 1, 2, 2, 3, 9 and 9 days.
    for wait in [1, 2, 2, 3, 9, 9] {
        let c = messages::start(store, &keys, &draft, on(9, 1), 100)
            .await
            .ok()
            .flatten();
        let c = c.unwrap_or_else(|| panic!("refused"));
        messages::reply(store, &keys, c.id, staff, "Hi", on(9, 1 + wait), 0)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        // A second reply does not count again.
        messages::reply(store, &keys, c.id, staff, "Hi", on(9, 28), 0)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    // October: two started, none answered.
    for _ in 0..2 {
        messages::start(store, &keys, &draft, on(10, 3), 100)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let html = get(&app, "/transparency").await.text();
    let table = between(&html, "Conversations per month", "</table>");
    assert!(
        table.contains("<th scope=\"row\">2026-09</th><td>6</td><td>6</td><td>2.5</td>"),
        "{table}"
    );
    assert!(
        table.contains(
            "<th scope=\"row\">2026-10</th><td>fewer than 5</td><td>fewer than 5</td><td>–</td>"
        ),
        "{table}"
    );
}
