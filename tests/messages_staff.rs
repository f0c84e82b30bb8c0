//! Practitioners answering messages in the staff area: the inbox, taking a
//! conversation (one wins), replies signed by role, notes the writer never
//! sees, snippets, safeguarding concerns reviewed by a second person,
//! closing, marking under 18, deleting, and the audit log (never the text).

mod common;

use axum::http::StatusCode;
use common::staff::*;
use common::*;

const MARKER: &str = "MARKER-61aa-TO-PRACTITIONER";
const NOTE: &str = "NOTE-0e4d-INTERNAL";

async fn signed(s: &Site, name: &str, role: &str) -> (String, String) {
    let (key, _) = enrolled(s, name, role).await;
    let session = session_of(&sign_in(s, name, PASSWORD, &code_at(&key, 0)).await);
    let home = send(&s.app, get_with("/staff", &session)).await.text();
    let csrf = between(&home, "name=\"csrf\" value=\"", "\"").to_string();
    (session, csrf)
}

async fn act(s: &Site, who: &(String, String), id: i64, action: &str, extra: &str) -> Reply {
    let path = format!("/staff/messages/{id}/{action}");
    send(
        &s.app,
        post(&path, format!("csrf={}&{extra}", who.1), Some(&who.0)),
    )
    .await
}

async fn writer_reads(s: &Site, code: &str) -> String {
    send(&s.app, post_form("/messages/read", format!("code={code}")))
        .await
        .text()
}

#[tokio::test]
async fn practitioners_answer_and_the_writer_reads_the_reply() {
    let s = site().await;
    let pip = signed(&s, "pip", "practitioner").await;
    let pat = signed(&s, "pat", "practitioner").await;
    let sent = send(
        &s.app,
        post_form(
            "/messages/send",
            format!("text=Help+me+{MARKER}&nickname=Robin&action=send-anyway"),
        ),
    )
    .await;
    let code = between(&sent.text(), "id=\"conversation-code\">", "<").to_string();
    let home = send(&s.app, get_with("/staff", &pip.0)).await.text();
    assert!(
        home.contains("1 conversation waiting for a reply"),
        "{home}"
    );
    let inbox = send(&s.app, get_with("/staff/messages", &pip.0))
        .await
        .text();
    let id: i64 = between(&inbox, "href=\"/staff/messages/", "\"")
        .parse()
        .unwrap_or(0);
    assert!(id > 0 && inbox.contains("<td>New</td>"), "{inbox}");
    assert!(!inbox.contains(MARKER), "the inbox shows no text");

    // Opening shows the text and is audited (without it).
    let page = send(&s.app, get_with(&format!("/staff/messages/{id}"), &pip.0))
        .await
        .text();
    assert!(page.contains(MARKER) && page.contains("Robin"));
    // Taking: the first wins, the second is told who.
    assert_eq!(
        act(&s, &pip, id, "take", "").await.status,
        StatusCode::SEE_OTHER
    );
    let lost = act(&s, &pat, id, "take", "").await;
    assert_eq!(lost.status, StatusCode::CONFLICT);
    assert!(lost.text().contains("pip took this conversation first"));
    // A snippet goes into the reply box, to edit.
    let with = send(
        &s.app,
        get_with(&format!("/staff/messages/{id}?snippet=first-reply"), &pip.0),
    )
    .await;
    assert!(with.text().contains("Thank you for writing to us."));
    // Reply, note, and what the writer sees.
    let r = act(&s, &pip, id, "reply", "text=We+read+your+message.+REPLY-1").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let empty = act(&s, &pip, id, "reply", "text=+").await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        act(&s, &pip, id, "note", &format!("text={NOTE}"))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let seen = writer_reads(&s, &code).await;
    assert!(seen.contains("REPLY-1") && seen.contains("Helpline practitioner"));
    assert!(
        !seen.contains("pip") && !seen.contains(NOTE),
        "no name, no note"
    );
    // A display name, if the practitioner chooses one, replaces the role
    // on every reply of theirs; a bad one comes back with the text kept.
    let bad = send(
        &s.app,
        post(
            "/staff/display-name",
            format!("csrf={}&display_name=%3Cb%3EPip%3C%2Fb%3E", pip.1),
            Some(&pip.0),
        ),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.text().contains("value=\"&#60;b&#62;Pip&#60;/b&#62;\""),
        "{}",
        bad.text()
    );
    let named = send(
        &s.app,
        post(
            "/staff/display-name",
            format!("csrf={}&display_name=Sam+K", pip.1),
            Some(&pip.0),
        ),
    )
    .await;
    assert_eq!(named.status, StatusCode::SEE_OTHER);
    let seen = writer_reads(&s, &code).await;
    assert!(seen.contains("Sam K") && !seen.contains("Helpline practitioner"));
    let page = send(&s.app, get_with(&format!("/staff/messages/{id}"), &pip.0))
        .await
        .text();
    assert!(page.contains("signed &#34;Sam K&#34;"), "{page}");
    send(
        &s.app,
        post(
            "/staff/display-name",
            format!("csrf={}&display_name=", pip.1),
            Some(&pip.0),
        ),
    )
    .await;
    assert!(
        writer_reads(&s, &code)
            .await
            .contains("Helpline practitioner")
    );

    // A concern needs a second person to review it.
    assert_eq!(
        act(&s, &pip, id, "concern", "text=Mentions+a+child+nearby")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let inbox = send(&s.app, get_with("/staff/messages", &pat.0))
        .await
        .text();
    assert!(inbox.contains("<strong>Concern</strong>") && inbox.contains("1 safeguarding concern"));
    let concern = s.state.store.concerns(id).await.unwrap_or_default();
    let cid = concern.first().map(|c| c.id).unwrap_or(0);
    let own = act(&s, &pip, id, "review", &format!("concern={cid}&text=fine")).await;
    assert_eq!(own.status, StatusCode::CONFLICT);
    let other = act(
        &s,
        &pat,
        id,
        "review",
        &format!("concern={cid}&text=Referred"),
    )
    .await;
    assert_eq!(other.status, StatusCode::SEE_OTHER);
    let inbox = send(&s.app, get_with("/staff/messages", &pat.0))
        .await
        .text();
    assert!(!inbox.contains("<strong>Concern</strong>"));

    // Marked under 18: the writer is signposted.
    act(&s, &pip, id, "under-18", "").await;
    assert!(writer_reads(&s, &code).await.contains("Shore"));
    // Closed: off the inbox until the writer writes again.
    act(&s, &pip, id, "close", "").await;
    let inbox = send(&s.app, get_with("/staff/messages", &pip.0))
        .await
        .text();
    assert!(!inbox.contains(&format!("/staff/messages/{id}\"")));
    send(
        &s.app,
        post_form("/messages/reply", format!("code={code}&text=Back+again")),
    )
    .await;
    let inbox = send(&s.app, get_with("/staff/messages", &pip.0))
        .await
        .text();
    assert!(inbox.contains("Waiting for us"), "{inbox}");

    // Deleting needs the box ticked.
    let r = act(&s, &pat, id, "delete", "").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = act(&s, &pat, id, "delete", "confirm=yes").await;
    assert_eq!(r.header("location"), Some("/staff/messages"));
    assert!(
        writer_reads(&s, &code)
            .await
            .contains("could not find a conversation")
    );

    // The audit log has every step, never a message's text or a code.
    let log = audit(&s, 50).await;
    for action in [
        "opened a conversation",
        "took a conversation",
        "replied to a conversation",
        "wrote a note on a conversation",
        "raised a safeguarding concern",
        "reviewed a safeguarding concern",
        "marked a writer as under 18",
        "closed a conversation",
        "deleted a conversation",
    ] {
        assert!(
            log.iter().any(|e| e.2 == action && e.3 == format!("#{id}")),
            "{action}"
        );
    }
    let all = format!("{log:?}");
    for secret in [MARKER, NOTE, "REPLY-1", "Referred", code.as_str()] {
        assert!(!all.contains(secret), "{secret} in the audit log");
    }
}

/// A conversation records the language of the pages it was started from:
/// the inbox has a column for it and the conversation says to reply in it.
#[tokio::test]
async fn the_inbox_shows_the_language_each_conversation_was_written_in() {
    let s = site().await;
    let pip = signed(&s, "pip", "practitioner").await;
    for path in ["/messages/send", "/cy/messages/send"] {
        let sent = send(
            &s.app,
            post_form(path, "text=Helo&action=send-anyway".to_string()),
        )
        .await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.text());
    }
    let inbox = send(&s.app, get_with("/staff/messages", &pip.0))
        .await
        .text();
    assert!(
        inbox.contains(r#"<th scope="col">Language</th>"#),
        "{inbox}"
    );
    assert!(inbox.contains("<td>Cymraeg (cy)</td>"), "{inbox}");
    assert!(inbox.contains("<td>English (en-GB)</td>"), "{inbox}");
    let mut welsh = None;
    for c in s
        .state
        .store
        .open_conversations(10)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
    {
        match c.locale.as_deref() {
            Some("cy") => welsh = Some(c.id),
            Some("en-GB") => {}
            other => panic!("conversation #{} stored {other:?}", c.id),
        }
    }
    let Some(id) = welsh else {
        panic!("no Welsh conversation stored")
    };
    let page = send(&s.app, get_with(&format!("/staff/messages/{id}"), &pip.0))
        .await
        .text();
    assert!(
        page.contains("Written from the <strong>Cymraeg (cy)</strong> pages"),
        "{page}"
    );
}
