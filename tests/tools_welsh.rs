//! The tools and messages in Welsh: "Where do I start?" at
//! `/cy/where-to-start` gives the same steps for the same answers as in
//! English, in Welsh words, with links to the Welsh pages, and its PDF is
//! typeset in Welsh; the coping card, reminders and messages to the
//! helpline work the same under `/cy`.

mod common;

use axum::http::StatusCode;
use common::*;
use pathway::content::Severity;

const ANSWERS: &str = "who=me&what=online&often=daily";

#[tokio::test]
async fn where_do_i_start_is_in_welsh_with_the_same_steps() {
    let app = app().await;
    let questions = get(&app, "/cy/where-to-start").await;
    let html = questions.text();
    assert_eq!(questions.status, StatusCode::OK);
    assert!(html.contains(r#"<html lang="cy""#), "{html}");
    assert!(html.contains("Ble ydw i&#39;n dechrau?"), "{html}");
    assert!(html.contains("Am bwy rydych chi&#39;n poeni?"), "{html}");
    assert!(html.contains(r#"action="/cy/where-to-start""#), "{html}");
    assert!(html.contains(r#"<li class="language-switch"><a href="/where-to-start""#));

    let welsh = send(&app, post_form("/cy/where-to-start", ANSWERS)).await;
    let english = send(&app, post_form("/where-to-start", ANSWERS)).await;
    assert_eq!(
        (welsh.status, english.status),
        (StatusCode::OK, StatusCode::OK)
    );
    let (cy, en) = (welsh.text(), english.text());
    assert!(cy.contains("Eich camau nesaf"), "{cy}");
    assert!(
        cy.contains("Fe ddywedoch chi fod yr ysfaoedd yn dod yn aml."),
        "{cy}"
    );
    assert!(cy.contains(r#"action="/cy/where-to-start.pdf""#), "{cy}");
    // The same steps, each to its page in the reader's language.
    let links = |html: &str, prefix: &str| -> Vec<String> {
        html.split(r#"<a href=""#)
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .filter(|h| h.starts_with(&format!("{prefix}/modules/")) || h.ends_with("/urge"))
            .map(|h| h.trim_start_matches(prefix).to_string())
            .collect()
    };
    let (cy_links, en_links) = (links(&cy, "/cy"), links(&en, ""));
    assert!(cy_links.contains(&"/modules/sexual-communication-online".to_string()));
    assert!(cy_links.contains(&"/urge".to_string()), "{cy_links:?}");
    assert_eq!(cy_links, en_links);

    // Nothing chosen: the questions again, in Welsh.
    let empty = send(&app, post_form("/cy/where-to-start", "")).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.text().contains("Atebwch o leiaf un cwestiwn."));
}

#[tokio::test]
async fn the_welsh_next_steps_pdf_is_in_welsh() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, _) = pdf_app(&sample_content(), dir.path(), 1, 1).await;
    let pdf = send(&app, post_form("/cy/where-to-start.pdf", ANSWERS)).await;
    assert_eq!(pdf.status, StatusCode::OK, "{}", pdf.text());
    assert_eq!(pdf_lang(&pdf.body), "cy");
    let text = pdf_text(&pdf.body);
    assert!(text.contains("Ble i ddechrau"), "{text}");
}

#[test]
fn a_welsh_self_check_with_other_ids_is_an_error_with_its_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    copy_dir(&sample_content(), dir.path());
    let path = dir.path().join("cy/self-check.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{e}"))
        .replace("[questions.told]", "[questions.talked]")
        .replace("calm = ", "relaxed = ")
        .replace("  \"\",\n]", "]");
    std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{e}"));
    let loaded = pathway::content::load(dir.path(), today());
    assert!(loaded.programme.is_none());
    let line = |needle: &str| text.lines().position(|l| l.contains(needle)).map(|i| i + 1);
    let errors: Vec<(usize, String)> = loaded
        .diagnostics
        .sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Error && d.file.ends_with("cy/self-check.toml"))
        .map(|d| (d.line, d.message))
        .collect();
    for (at, what) in [
        (
            line("[questions.talked]"),
            "question `talked` is not in self-check.toml",
        ),
        (
            line("[questions.now]"),
            "question `now` has no options relaxed",
        ),
        (
            line("messages = ["),
            "messages lists 6 texts; self-check.toml has 7 rules",
        ),
    ] {
        let at = at.unwrap_or(0);
        assert!(
            errors.iter().any(|(l, m)| *l == at && m == what),
            "{what} on line {at}: {errors:?}"
        );
    }
}

#[tokio::test]
async fn the_coping_card_is_in_welsh_and_its_pdf_too() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, _) = pdf_app(&sample_content(), dir.path(), 1, 1).await;
    let form = get(&app, "/cy/coping-card").await.text();
    assert!(form.contains(r#"<html lang="cy""#), "{form}");
    assert!(form.contains("Fy arwyddion rhybudd"), "{form}");
    assert!(form.contains(r#"action="/cy/coping-card.pdf""#), "{form}");
    // Nothing written: the form again, in Welsh.
    let empty = send(&app, post_form("/cy/coping-card.pdf", "size=a4")).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty
            .text()
            .contains("Ysgrifennwch rywbeth mewn o leiaf un blwch.")
    );
    let body = "warning-signs=Aros+ar+fy+mhen+fy+hun&size=a4";
    let pdf = send(&app, post_form("/cy/coping-card.pdf", body)).await;
    assert_eq!(pdf.status, StatusCode::OK, "{}", pdf.text());
    assert_eq!(pdf_lang(&pdf.body), "cy");
    let text = pdf_text(&pdf.body);
    assert!(text.contains("Fy arwyddion rhybudd"), "{text}");
}

#[tokio::test]
async fn a_reminder_is_made_from_the_welsh_page() {
    let app = app().await;
    let on = today()
        .checked_add(jiff::Span::new().days(7))
        .unwrap_or_else(|e| panic!("{e}"));
    let page = get(&app, &format!("/cy/reminder?on={on}")).await.text();
    assert!(
        page.contains("Ychwanegu nodyn atgoffa at eich calendr"),
        "{page}"
    );
    assert!(page.contains(r#"action="/cy/reminder.ics""#), "{page}");
    assert!(page.contains(&format!(r#"value="{on}""#)), "{page}");
    let file = send(&app, post_form("/cy/reminder.ics", format!("on={on}"))).await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(
        file.header("content-type"),
        Some("text/calendar; charset=utf-8")
    );
    assert!(
        file.text().contains("SUMMARY:Nodyn atgoffa"),
        "{}",
        file.text()
    );
    let bad = send(&app, post_form("/cy/reminder.ics", "on=1999-01-01")).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.text().contains("Dewiswch ddiwrnod rhwng heddiw"),
        "{}",
        bad.text()
    );
}

#[tokio::test]
async fn a_message_is_written_and_read_in_welsh() {
    let app = app().await;
    let r = get(&app, "/cy/messages").await;
    assert_eq!(r.status, StatusCode::OK);
    let html = r.text();
    assert!(html.contains(r#"<html lang="cy""#), "{html}");
    assert!(html.contains("Anfon neges at y llinell gymorth"), "{html}");
    assert!(html.contains(r#"action="/cy/messages/send""#), "{html}");
    assert!(html.contains(r#"<li class="language-switch"><a href="/messages""#));
    // Every Welsh page's helpline block leads to the Welsh messages page.
    let home = get(&app, "/cy").await.text();
    assert!(home.contains(r#"href="/cy/messages""#), "{home}");

    // A message left empty: the form again, the reason in Welsh.
    let empty = send(&app, post_form("/cy/messages/send", "text=&action=send")).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty
            .text()
            .contains("Ysgrifennwch eich neges cyn ei hanfon"),
        "{}",
        empty.text()
    );

    let body = "text=Rwy%27n+poeni+am+fy+meddyliau&action=send-anyway";
    let sent = send(&app, post_form("/cy/messages/send", body)).await;
    let html = sent.text();
    assert_eq!(sent.status, StatusCode::OK, "{html}");
    assert!(
        html.contains("Mae eich neges wedi cael ei hanfon"),
        "{html}"
    );
    assert!(
        !html.contains(r#"class="language-switch""#),
        "no switch past the form"
    );
    let code = html
        .split(r#"id="conversation-code">"#)
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap_or_default()
        .to_string();
    assert!(!code.is_empty(), "{html}");
    let read = send(&app, post_form("/cy/messages/read", format!("code={code}"))).await;
    let html = read.text();
    assert_eq!(read.status, StatusCode::OK, "{html}");
    assert!(html.contains("Eich sgwrs"), "{html}");
    assert!(html.contains("Rwy&#39;n poeni am fy meddyliau"), "{html}");
    assert!(html.contains(r#"action="/cy/messages/reply""#), "{html}");
    // A wrong code: the code form again, in Welsh.
    let wrong = send(&app, post_form("/cy/messages/read", "code=AAAA")).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong
            .text()
            .contains("Doedd dim modd i ni ddod o hyd i sgwrs")
    );
}
