//! Module PDFs and worksheet PDFs: their text, outline and metadata, the
//! download headers, every bad worksheet input, the busy queue, and the
//! rule that answers are never kept.

mod common;

use axum::http::StatusCode;
use common::*;
use pathway::content::{Block, load};
use pathway::services::pdf::document::plain;
use pathway::services::pdf::markdown::blocks;

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every heading, case title and reflection question of a module.
fn expected_texts(m: &pathway::content::Module) -> (Vec<String>, Vec<String>) {
    let sections: Vec<String> = m.sections.iter().map(|s| s.title.clone()).collect();
    let mut texts = vec![m.front.title.clone()];
    texts.extend(sections.iter().cloned());
    for b in m.blocks() {
        match b {
            Block::Case { title, .. } => texts.push(title.clone()),
            Block::Reflection { body, .. } => {
                for block in blocks(&body.text) {
                    if let pathway_pdf::Block::List { items, .. } = block {
                        texts.extend(items.iter().map(|i| plain(i)));
                    }
                }
            }
            _ => {}
        }
    }
    (texts, sections)
}

#[tokio::test]
async fn every_module_pdf_has_its_text_outline_and_neutral_metadata() {
    let db = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, state) = pdf_app(&sample_content(), db.path(), 2, 4).await;
    let programme = state.pages().programme().clone();
    for m in &programme.modules {
        let path = format!("/modules/{}.pdf", m.front.slug);
        let r = get(&app, &path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert_eq!(r.header("content-type"), Some("application/pdf"));
        assert_eq!(
            r.header("content-disposition"),
            Some(format!("attachment; filename=\"module-{}.pdf\"", m.number).as_str())
        );
        assert!(r.body.starts_with(b"%PDF-"));
        assert!(
            r.body.len() < 300 * 1024,
            "{path} is {} bytes",
            r.body.len()
        );
        let text = squash(&pdf_text(&r.body));
        let (expected, sections) = expected_texts(m);
        for needle in expected {
            assert!(text.contains(&squash(&needle)), "{path} lacks {needle:?}");
        }
        for needle in ["0808 1000 900", "Samaritans", "116 123"] {
            assert!(text.contains(needle), "{path}: help page lacks {needle}");
        }
        assert_eq!(
            pdf_outline(&r.body),
            sections,
            "{path}: one bookmark per section"
        );
        assert_eq!(pdf_title(&r.body), format!("Module {} – Pathway", m.number));
        // The ETag answers conditional requests.
        let etag = r.header("etag").unwrap_or_default().to_string();
        let again = send(&app, request(&path, &[("if-none-match", &etag)])).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path}");
    }
    let missing = get(&app, "/modules/nothing-here.pdf").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_translated_module_has_its_own_pdf_in_its_language() {
    let db = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, state) = pdf_app(&sample_content(), db.path(), 2, 4).await;
    let programme = state.pages().programme().clone();
    let welsh = programme
        .translations
        .iter()
        .find(|t| t.locale == "cy")
        .unwrap_or_else(|| panic!("the sample has Welsh"));
    let m = welsh
        .module("sexual-communication-online")
        .unwrap_or_else(|| panic!("module 2 is in Welsh"));

    let english = get(&app, "/modules/sexual-communication-online.pdf").await;
    assert_eq!(pdf_lang(&english.body), "en-GB");
    let r = get(&app, "/cy/modules/sexual-communication-online.pdf").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(pdf_lang(&r.body), "cy");
    assert_eq!(
        r.header("content-disposition"),
        Some("attachment; filename=\"module-2-cy.pdf\"")
    );
    let text = squash(&pdf_text(&r.body));
    assert!(text.contains(&squash(&m.front.title)), "{text}");
    for s in &m.sections {
        assert!(text.contains(&squash(&s.title)), "lacks {:?}", s.title);
    }
    assert!(
        text.contains("Modiwl 2"),
        "the PDF's own words are Welsh: {text}"
    );
    assert_ne!(english.body, r.body);

    // The Welsh page links to its PDF; a module with no translation links
    // to the English PDF, and there is no Welsh one.
    let page = get(&app, "/cy/modules/sexual-communication-online").await;
    assert!(
        page.text()
            .contains("href=\"/cy/modules/sexual-communication-online.pdf\"")
    );
    let fallback = get(&app, "/cy/modules/managing-urges").await;
    assert!(
        fallback
            .text()
            .contains("href=\"/modules/managing-urges.pdf\"")
    );
    let none = get(&app, "/cy/modules/managing-urges.pdf").await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn module_pages_link_to_pdfs_and_show_worksheet_forms() {
    let db = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, _) = pdf_app(&sample_content(), db.path(), 2, 4).await;
    let html = get(&app, "/modules/getting-support").await.text();
    assert!(html.contains(
        r#"<a href="/modules/getting-support.pdf" download>Download module as a PDF</a>"#
    ));
    assert!(html.contains(
        r#"<form method="post" action="/modules/getting-support/worksheets/safety-plan-worksheet""#
    ));
    assert!(html.contains("Download my answers as a PDF"));
    assert!(html.contains("Your answers are never stored"));
    for label in [
        "My warning signs",
        "Risky situations, and how I will avoid them",
        "What I will do instead when an urge is strong",
        "People I can talk to",
    ] {
        assert!(html.contains(label), "safety plan lacks {label}");
    }
    let urges = get(&app, "/modules/managing-urges").await.text();
    assert!(urges.contains(r#"type="radio""#) && urges.contains(r#"type="checkbox""#));
}

const SAFETY: &str = "/modules/getting-support/worksheets/safety-plan-worksheet";
const URGES: &str = "/modules/managing-urges/worksheets/warning-signs-worksheet";

#[tokio::test]
async fn a_worksheet_pdf_holds_every_answer() {
    let db = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, _) = pdf_app(&sample_content(), db.path(), 2, 4).await;
    let body = "f-warning-signs=Feeling+restless+at+night&f-risky-situations=Tablet+stays+downstairs\
                &f-instead=Walk+round+the+block&f-people=My+brother+Sam&f-numbers=0&f-numbers=1";
    let r = send(&app, post_form(SAFETY, body)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("application/pdf"));
    assert_eq!(r.header("cache-control"), Some("no-store"));
    assert_eq!(
        r.header("content-disposition"),
        Some("attachment; filename=\"worksheet.pdf\"")
    );
    assert!(r.headers.get("etag").is_none());
    let text = squash(&pdf_text(&r.body));
    for answer in [
        "Feeling restless at night",
        "Tablet stays downstairs",
        "Walk round the block",
        "My brother Sam",
    ] {
        assert!(
            text.contains(answer),
            "worksheet PDF lacks {answer}: {text}"
        );
    }
    assert!(text.contains("My safety plan") && text.contains("0808 1000 900"));
    assert_eq!(pdf_title(&r.body), "Worksheet – Pathway");

    let scale = send(
        &app,
        post_form(URGES, "f-signs=Boredom&f-confidence=7&f-situations=3"),
    )
    .await;
    assert_eq!(scale.status, StatusCode::OK);
    assert!(squash(&pdf_text(&scale.body)).contains("Boredom"));
}

#[tokio::test]
async fn a_welsh_worksheet_is_typeset_in_welsh_and_its_errors_shown_in_welsh() {
    let db = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, _) = pdf_app(&sample_content(), db.path(), 2, 4).await;
    let path = "/cy/modules/sexual-communication-online/worksheets/progression-worksheet";
    let page = get(&app, "/cy/modules/sexual-communication-online").await;
    assert!(page.text().contains(&format!("action=\"{path}\"")));

    let body =
        "f-first-step=Siarad+yn+hwyr+yn+y+nos&f-turning-points=Dŵr&f-could-stop=Ar+y+dechrau";
    let r = send(&app, post_form(path, body)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(pdf_lang(&r.body), "cy");
    let text = squash(&pdf_text(&r.body));
    for needle in [
        "Siarad yn hwyr yn y nos",
        "Dŵr",
        "Sut datblygodd fy ymddygiad",
    ] {
        assert!(text.contains(needle), "lacks {needle}: {text}");
    }

    // Too long an answer: the form again, in Welsh, answers kept, under /cy.
    let long = "x".repeat(2001);
    let r = send(
        &app,
        post_form(path, format!("f-first-step={long}&f-could-stop=Cadw")),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text();
    assert!(html.contains("<html lang=\"cy\""), "{html}");
    assert!(html.contains("Cadw") && html.contains(&format!("action=\"{path}\"")));
    assert!(
        html.contains("href=\"/cy/modules/sexual-communication-online#progression-worksheet\"")
    );

    // A module with no Welsh translation: its English worksheet, under /cy.
    let r = send(
        &app,
        post_form(
            &format!("/cy{URGES}"),
            "f-signs=Boredom&f-confidence=7&f-situations=3",
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(squash(&pdf_text(&r.body)).contains("Boredom"));
    let unknown = send(&app, post_form(&format!("/xx{URGES}"), "f-signs=Boredom")).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn bad_worksheet_input_is_explained_and_answers_are_kept() {
    let db = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, _) = pdf_app(&sample_content(), db.path(), 2, 4).await;
    let long = "x".repeat(2001);
    let cases: Vec<(String, &str)> = vec![
        (
            format!("f-signs={long}&f-instead=Call+a+friend&f-situations=1&f-confidence=4"),
            "This answer is too long",
        ),
        (
            "f-signs=ok&f-instead=Call+a+friend&f-situations=1&f-confidence=4&f-secret=1"
                .to_string(),
            "something we did not expect",
        ),
        (
            "f-signs=%FF%FE&f-instead=Call+a+friend&f-situations=1&f-confidence=4".to_string(),
            "could not be read",
        ),
        (
            format!(
                "f-instead=Call+a+friend&f-situations=1&f-confidence=4{}",
                "&f-situations=0".repeat(40)
            ),
            "more answers than it has questions",
        ),
        (
            "f-instead=Call+a+friend&f-situations=1&f-confidence=11".to_string(),
            "not one of the options",
        ),
    ];
    for (body, message) in cases {
        let r = send(&app, post_form(URGES, body.clone())).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{message}");
        assert_eq!(r.header("cache-control"), Some("no-store"));
        let html = r.text();
        assert!(html.contains(message), "no message {message:?}");
        assert!(html.contains("Please check your answers"));
        assert!(
            html.contains(">Call a friend</textarea>"),
            "{message}: the other answers were lost"
        );
        assert!(
            html.contains(r#"value="1" checked"#),
            "{message}: ticked option lost"
        );
        assert!(html.contains(r#"<form method="post" action="/modules/managing-urges/worksheets/warning-signs-worksheet""#));
    }
    let huge = format!("f-signs={}", "y".repeat(300 * 1024));
    let r = send(&app, post_form(URGES, huge)).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.text().contains("too large to read"));
    assert!(r.text().contains("<form"), "the form is offered again");
    let r = send(
        &app,
        post_form("/modules/managing-urges/worksheets/nope", "f-signs=x"),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_full_queue_says_busy_and_keeps_the_answers() {
    let db = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, state) = pdf_app(&sample_content(), db.path(), 1, 0).await;
    let queue = state
        .worksheets
        .clone()
        .unwrap_or_else(|| panic!("worksheets on"));
    let hold = queue.try_hold().unwrap_or_else(|| panic!("a free slot"));
    let r = send(&app, post_form(URGES, "f-signs=Late+nights&f-confidence=6")).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.header("retry-after"), Some("60"));
    let html = r.text();
    assert!(html.contains("try again in a minute"));
    assert!(html.contains(">Late nights</textarea>"));
    assert!(html.contains(r#"value="6" checked"#));
    drop(hold);
    let r = send(&app, post_form(URGES, "f-signs=Late+nights&f-confidence=6")).await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn worksheet_answers_leave_no_trace() {
    const MARKER: &str = "ZebraMarker4417";
    let captured = Captured::default();
    let _guard = captured.install();
    let db = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, state) = pdf_app(&sample_content(), db.path(), 2, 4).await;
    let ok = send(&app, post_form(SAFETY, format!("f-warning-signs={MARKER}"))).await;
    assert_eq!(ok.status, StatusCode::OK);
    assert!(
        squash(&pdf_text(&ok.body)).contains(MARKER),
        "the marker reached the PDF"
    );
    let bad = send(
        &app,
        post_form(URGES, format!("f-signs={MARKER}&f-confidence=99")),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    state.store.close().await;
    let log = captured.text();
    assert!(!log.contains(MARKER), "an answer reached the log");
    for entry in std::fs::read_dir(db.path()).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let bytes = std::fs::read(&path).unwrap_or_default();
        let found = bytes.windows(MARKER.len()).any(|w| w == MARKER.as_bytes());
        assert!(!found, "{} holds an answer", path.display());
    }
    let reopened = pathway::db::Store::connect(
        &format!("sqlite:{}", db.path().join("pathway.db").display()),
        false,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    for v in reopened
        .content_versions()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
    {
        assert!(!v.hash.contains(MARKER));
    }
}

#[test]
fn the_cli_writes_module_pdfs() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pathway"))
        .args(["pdf", "--content"])
        .arg(sample_content())
        .arg("--all")
        .arg(dir.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let programme = load(&sample_content(), jiff::civil::date(2026, 11, 25))
        .programme
        .unwrap_or_else(|| panic!("loads"));
    for m in &programme.modules {
        let bytes = std::fs::read(dir.path().join(format!("module-{}.pdf", m.number)))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(squash(&pdf_text(&bytes)).contains(&squash(&m.front.title)));
    }
    // The Welsh translations, in Welsh.
    for tr in &programme.translations {
        for m in &tr.modules {
            let name = format!("module-{}-{}.pdf", m.number, tr.locale);
            let bytes = std::fs::read(dir.path().join(&name)).unwrap_or_else(|e| panic!("{e}"));
            assert!(squash(&pdf_text(&bytes)).contains(&squash(&m.front.title)));
            assert_eq!(pdf_lang(&bytes), tr.locale, "{name}");
        }
    }
    let one = dir.path().join("one.pdf");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pathway"))
        .args(["pdf", "managing-urges", "--content"])
        .arg(sample_content())
        .arg("-o")
        .arg(&one)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    assert!(one.exists());
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_pathway"))
        .args(["pdf", "no-such-module", "--content"])
        .arg(sample_content())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no module `no-such-module`"));
}

/// A reload swaps the whole content version at once and stops the old
/// version's module PDF renders that had not started.
#[tokio::test]
async fn a_new_content_version_stops_the_old_ones_pending_renders() {
    let db = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (_app, state) = pdf_app(&sample_content(), db.path(), 1, 1).await;
    let old = state.pages();
    old.start_pdfs();
    let Some(pdfs) = old.pdfs() else {
        panic!("PDFs are on")
    };
    let modules = old.programme().modules.len();
    assert!(modules > 1);
    // A new version of the same content, swapped in at once.
    let options = pathway::services::content::ContentOptions {
        render: pathway::render::RenderOptions::default(),
        pdf: Some(std::sync::Arc::new(
            pathway::services::pdf::Engine::new().into(),
        )),
    };
    let programme = old.programme().as_ref().clone();
    let new = pathway::services::content::ContentVersion::build(programme, &options)
        .unwrap_or_else(|e| panic!("{e}"));
    state.content.replace(new);
    assert!(!std::sync::Arc::ptr_eq(&old, &state.pages()));
    // The old version's background task ends without rendering the rest.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !pdfs.background_done() {
        assert!(
            std::time::Instant::now() < deadline,
            "the old renders never stopped"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    assert!(
        pdfs.rendered() < modules,
        "{} of {modules} old PDFs were rendered after the swap",
        pdfs.rendered()
    );
}

/// The server typesets each PDF in a child process of its binary: the same
/// bytes as typesetting here, a font that is not a font refused before the
/// server starts, and a binary that cannot run named.
#[test]
fn a_child_process_typesets_the_same_pdf_and_its_failures_are_reported() {
    use pathway::services::pdf::{ChildError, Engine, Typesetter, document::module_doc};
    let programme = load(&sample_content(), jiff::civil::date(2026, 11, 25))
        .programme
        .unwrap_or_else(|| panic!("loads"));
    let t = pathway::i18n::I18n::new(&programme.locale);
    let doc = module_doc(&programme, &programme.modules[0], &t);
    let here = Typesetter::from(Engine::new()).render(&doc);
    let child = Typesetter::child(env!("CARGO_BIN_EXE_pathway").into(), &sample_content())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(child, Typesetter::Child(_)));
    let there = child.render(&doc);
    match (here, there) {
        (Ok(here), Ok(there)) => {
            assert!(there.starts_with(b"%PDF-"));
            assert!(here == there, "the same document, byte for byte");
        }
        (here, there) => panic!("{:?} / {:?}", here.err(), there.err()),
    }

    // Data the template cannot read: one line on standard error, no PDF.
    let mut bad = std::process::Command::new(env!("CARGO_BIN_EXE_pathway"))
        .args(["typeset", "worksheet"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut input) = bad.stdin.take() {
        std::io::Write::write_all(&mut input, b"{}").unwrap_or_else(|e| panic!("{e}"));
    }
    let bad = bad.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(bad.status.code(), Some(1));
    assert!(bad.stdout.is_empty());
    assert!(!bad.stderr.is_empty());

    let content = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir(content.path().join("fonts")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(content.path().join("fonts/broken.ttf"), b"not a font")
        .unwrap_or_else(|e| panic!("{e}"));
    match Typesetter::child(env!("CARGO_BIN_EXE_pathway").into(), content.path()) {
        Err(ChildError::Check(reason)) => assert!(reason.contains("broken.ttf"), "{reason}"),
        other => panic!("a broken font is refused at start: {:?}", other.err()),
    }
    let missing = content.path().join("no-such-binary");
    match Typesetter::child(missing.clone(), &sample_content()) {
        Err(e @ ChildError::Start { .. }) => {
            assert!(e.to_string().contains("no-such-binary"), "{e}")
        }
        other => panic!("a missing binary is named: {:?}", other.err()),
    }
}

/// A child that does not finish within the deadline is killed and reaped,
/// and its PDF refused with a reason; the data is not left blocking us.
#[cfg(unix)]
#[test]
fn a_typesetting_process_past_its_deadline_is_stopped() {
    use pathway::services::pdf::{Typesetter, document::module_doc};
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let pid_file = dir.path().join("pid");
    // Passes the start-up check, then never reads its input or answers.
    let script = format!(
        "#!/bin/sh\ncase \" $* \" in *\" --check \"*) exit 0;; esac\necho $$ > '{}'\nexec /bin/sleep 120\n",
        pid_file.display()
    );
    let exe = dir.path().join("stuck");
    std::fs::write(&exe, script).unwrap_or_else(|e| panic!("{e}"));
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755))
        .unwrap_or_else(|e| panic!("{e}"));
    let stuck = Typesetter::child(exe, &sample_content())
        .unwrap_or_else(|e| panic!("{e}"))
        .with_deadline(std::time::Duration::from_secs(2));

    let programme = load(&sample_content(), jiff::civil::date(2026, 11, 25))
        .programme
        .unwrap_or_else(|| panic!("loads"));
    let t = pathway::i18n::I18n::new(&programme.locale);
    let mut doc = module_doc(&programme, &programme.modules[0], &t);
    // More data than a pipe holds, so a blocking write would never return.
    doc.title = "x".repeat(1 << 20);
    let started = std::time::Instant::now();
    match stuck.render(&doc) {
        Err(e) => assert!(e.to_string().contains("took longer than 2 s"), "{e}"),
        Ok(_) => panic!("a stuck child gives no PDF"),
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    let pid = std::fs::read_to_string(&pid_file).unwrap_or_else(|e| panic!("{e}"));
    let proc_dir = std::path::Path::new("/proc").join(pid.trim());
    assert!(
        !proc_dir.exists(),
        "the child {} was killed and reaped",
        pid.trim()
    );
}
