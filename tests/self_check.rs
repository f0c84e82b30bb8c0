//! "Where do I start?": the bundled sample's questions, one POST per
//! result, each route (someone else, under 18, urgent, arrested), the
//! one-page PDF, and nothing kept: what was sent reaches no database file
//! and no log line; only the "self-check completed" counter moves.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::tools::{kept_nowhere, page_size};
use common::*;

/// The steps of a result page, as the links of its ordered list.
fn steps(html: &str) -> Vec<String> {
    let Some(start) = html.find(r#"<ol class="next-steps""#) else {
        panic!("no steps in {html}");
    };
    let list = &html[start..];
    let list = &list[..list.find("</ol>").unwrap_or(list.len())];
    list.split("<li><a href=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap_or(0)].to_string())
        .collect()
}

async fn result(app: &axum::Router, body: &str) -> Reply {
    send(app, post_form("/where-to-start", body.to_string())).await
}

#[tokio::test]
async fn the_questions_are_linked_first_and_every_one_can_be_skipped() {
    let app = app().await;
    let home = get(&app, "/").await.text();
    let start = home.find(r#"href="/where-to-start""#);
    let modules = home.find(r#"id="modules-heading""#);
    assert!(
        start.is_some() && start < modules,
        "the home page's first step"
    );
    let first = get(&app, "/modules/understanding-your-behaviour")
        .await
        .text();
    let end = first.find(r#"<p class="start-next"><a href="/where-to-start""#);
    assert!(end > first.find("</section>"), "at the end of module 1");
    let second = get(&app, "/modules/sexual-communication-online")
        .await
        .text();
    assert!(!second.contains("start-next"));

    let r = get(&app, "/where-to-start").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("cache-control"), Some("no-store"));
    assert!(r.headers.get("set-cookie").is_none());
    let html = r.text();
    assert!(html.contains(r#"<form method="post" action="/where-to-start""#));
    let questions = html.matches("<fieldset").count();
    assert!((8..=12).contains(&questions), "{questions} questions");
    assert_eq!(
        html.matches(r#"value="" checked> <label"#).count(),
        questions,
        "each question starts skipped"
    );
    assert!(!html.contains("<script>"), "no inline script");
}

#[tokio::test]
async fn each_route_leads_to_its_steps() {
    let app = app().await;
    let someone = result(&app, "who=someone").await;
    assert_eq!(someone.status, StatusCode::OK);
    assert_eq!(someone.header("cache-control"), Some("no-store"));
    assert_eq!(
        steps(&someone.text()),
        ["/#family-and-friends", "tel:08081000900"]
    );

    let young = result(&app, "age=under-18&what=online&now=").await.text();
    let young_steps = steps(&young);
    assert_eq!(
        young_steps[0], "https://shorespace.org.uk",
        "{young_steps:?}"
    );
    assert_eq!(young_steps[1], "/modules/sexual-communication-online");
    assert!(!young.contains("urgent-box"));

    let arrested = result(&app, "arrested=yes&what=online").await.text();
    assert_eq!(
        steps(&arrested)[0],
        "/modules/arrested-or-under-investigation"
    );

    for urgent in ["now=might-act", "contact=yes"] {
        let html = result(&app, &format!("{urgent}&often=daily&age=under-18"))
            .await
            .text();
        let top = html.find(r#"class="callout callout-warning urgent-box""#);
        assert!(top.is_some() && top < html.find("next-steps"), "{urgent}");
        for tel in ["tel:999", "tel:116123", "tel:08081000900"] {
            assert!(html.contains(tel), "{urgent}: {tel}");
        }
        let s = steps(&html);
        assert_eq!(
            s[0], "https://shorespace.org.uk",
            "then the young people's service"
        );
        assert_eq!(s[1], "/modules/managing-urges");
        assert!(s.contains(&"/urge".to_string()) && s.contains(&"/coping-card".to_string()));
    }
    let changed = result(&app, "who=someone").await.text();
    assert!(
        changed.contains(r#"id="again-who-someone" name="who" value="someone" checked>"#),
        "the answers can be changed"
    );
}

#[tokio::test]
async fn a_form_with_no_answer_or_a_changed_value_comes_back() {
    let app = app().await;
    let empty = result(&app, "who=&age=").await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty
            .text()
            .contains("Please answer at least one question.")
    );
    let changed = result(&app, "who=everyone").await;
    assert_eq!(changed.status, StatusCode::UNPROCESSABLE_ENTITY);
    let forged = Request::post("/where-to-start")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from("who=me"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(send(&app, forged).await.status, StatusCode::FORBIDDEN);
}

/// The result as one A4 page; nothing sent is kept or logged, and the one
/// counter moves once per result page.
#[tokio::test]
async fn the_result_downloads_as_one_page_and_nothing_is_kept() {
    let captured = Captured::default();
    let _guard = captured.install();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, state) = pdf_app(&sample_content(), dir.path(), 1, 1).await;
    const MARKER: &str = "SelfCheckMarker7731";
    let body = format!("now=might-act&age=under-18&what=online&often=daily&note={MARKER}");
    let page = result(&app, &body).await.text();
    assert!(page.contains(r#"<form method="post" action="/where-to-start.pdf""#));
    assert!(
        !page.contains(MARKER),
        "only the questions' answers come back"
    );
    let pdf = send(&app, post_form("/where-to-start.pdf", body.clone())).await;
    assert_eq!(pdf.status, StatusCode::OK, "{}", pdf.text());
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert_eq!(pdf.header("cache-control"), Some("no-store"));
    assert_eq!(
        pdf.header("content-disposition"),
        Some("attachment; filename=\"next-steps.pdf\"")
    );
    let (w, h, pages) = page_size(&pdf.body);
    assert!(
        (w - 595.3).abs() < 1.0 && (h - 841.9).abs() < 1.0 && pages == 1,
        "one A4 page: {w} x {h}, {pages} pages"
    );
    let text = pdf_text(&pdf.body);
    let urgent = text.find("999");
    assert!(urgent.is_some() && urgent < text.find("Shore"), "{text}");
    for want in [
        "Shore",
        "Sexual communication with children online",
        "0808 1000 900",
    ] {
        assert!(text.contains(want), "{want} in {text}");
    }
    assert_eq!(pdf_title(&pdf.body), "Where to start – Pathway");
    for tampered in [format!("who={MARKER}"), format!("age=adult&now={MARKER}")] {
        let r = send(&app, post_form("/where-to-start.pdf", tampered)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(!r.text().contains(MARKER));
    }
    state
        .usage
        .flush(&state.store, &state.clock)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let counted = state
        .store
        .usage_days("self-check-completed")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let day = pathway::db::surveys::day(today());
    assert_eq!(
        counted,
        vec![(day, String::new(), 1)],
        "the result page only"
    );
    state.store.close().await;
    kept_nowhere(dir.path(), &captured, MARKER);
}

#[tokio::test]
async fn without_self_check_toml_there_is_no_page_and_no_link() {
    let app = app_with(&fixture_content(), pathway::config::HttpConfig::default()).await;
    assert_eq!(
        get(&app, "/where-to-start").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(result(&app, "who=me").await.status, StatusCode::NOT_FOUND);
    assert!(!get(&app, "/").await.text().contains("/where-to-start"));
}

/// Bad rules in the sample are reported with the file and line: a step
/// that is not a module, and a rule the one before it hides.
#[test]
fn bad_rules_are_reported_with_their_file_and_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    copy_dir(&sample_content(), dir.path());
    let path = dir.path().join("self-check.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let broken = text
        .replacen("recommend = [\"family\", \"call\"]", "recommend = [\"family\", \"helpdesk\"]", 1)
        .replacen("when = { what = [\"online\"] }", "when = { what = [\"online\", \"images\"] }", 1)
        .replacen(
            "when = { what = [\"online\"], often = [\"weekly\", \"daily\"] }",
            "when = { what = [\"online\"], often = [\"daily\"] }\nrecommend = [\"managing-urges\"]\n\n[[rule]]\nwhen = { what = [\"online\", \"thoughts\"] }\nrecommend = [\"call\"]\n\n[[rule]]\nwhen = { what = [\"online\"], often = [\"weekly\"] }",
            1,
        );
    std::fs::write(&path, &broken).unwrap_or_else(|e| panic!("{e}"));
    let loaded = pathway::content::load(dir.path(), today());
    assert!(loaded.programme.is_none());
    let found: Vec<_> = loaded
        .diagnostics
        .sorted()
        .into_iter()
        .filter(|e| e.file.ends_with("self-check.toml"))
        .collect();
    let line_of = |needle: &str| {
        broken
            .lines()
            .position(|l| l.contains(needle))
            .map_or(0, |i| i + 1)
    };
    let unknown = found
        .iter()
        .find(|e| e.message.contains("`helpdesk`"))
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(unknown.line, line_of("\"helpdesk\""), "{unknown}");
    assert!(unknown.help.contains("getting-support"), "{unknown}");
    let hidden = found
        .iter()
        .find(|e| e.message.contains("never be chosen"))
        .unwrap_or_else(|| panic!("{found:?}"));
    assert!(hidden.message.contains("comes first"), "{hidden}");
    assert!(
        found.iter().any(|e| e.message.contains("overlap")),
        "{found:?}"
    );
}
