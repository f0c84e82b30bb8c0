//! Translated modules: `<locale>/modules/` for each language `site.toml`
//! lists in `translations`. A translation keeps its module's structure
//! (slug, order, anchors, worksheets); a difference is an error with the
//! file and line, a module with no translation is a warning.

mod common;

use std::path::Path;

use common::*;
use pathway::content::Severity;

const MODULE_2: &str = "02-sexual-communication-online.md";

/// A copy of the sample (Welsh listed in `translations`) with `files`
/// (name, text) written over its `cy/modules/`.
fn sample_with_welsh(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    copy_dir(&sample_content(), dir.path());
    let modules = dir.path().join("cy/modules");
    for (name, text) in files {
        std::fs::write(modules.join(name), text).unwrap_or_else(|e| panic!("{e}"));
    }
    dir
}

fn module_2() -> String {
    std::fs::read_to_string(sample_content().join("modules").join(MODULE_2))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Only the words change: the title, and a heading keeping its anchor.
fn translated() -> String {
    module_2()
        .replace(
            "title = \"Sexual communication with children online\"",
            "title = \"Cyfathrebu rhywiol â phlant ar-lein\"",
        )
        .replace(
            "## What the law says {#the-law}",
            "## Beth mae'r gyfraith yn ei ddweud {#the-law}",
        )
}

/// The content in `dir`, loaded; fails the test on any error.
fn load_without_errors(dir: &Path) -> pathway::content::Loaded {
    let loaded = pathway::content::load(dir, today());
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    loaded
}

fn found(dir: &Path) -> (bool, Vec<pathway::content::Diagnostic>) {
    let loaded = pathway::content::load(dir, today());
    let loaded_ok = loaded.programme.is_some();
    (loaded_ok, loaded.diagnostics.sorted())
}

#[test]
fn a_translation_that_keeps_the_structure_loads_and_the_rest_fall_back() {
    let dir = sample_with_welsh(&[(MODULE_2, translated())]);
    let loaded = load_without_errors(dir.path());
    let Some(p) = loaded.programme else {
        panic!("loads");
    };
    let cy = &p.translations[0];
    assert_eq!(cy.locale, "cy");
    let m = cy
        .module("sexual-communication-online")
        .unwrap_or_else(|| panic!("translated"));
    assert_eq!(m.front.title, "Cyfathrebu rhywiol â phlant ar-lein");
    assert_eq!(m.number, 2, "numbered as the default");
    assert_eq!(cy.missing.len(), p.modules.len() - 1);
    let warnings: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| {
            d.severity == Severity::Warning
                && d.message.starts_with("module ")
                && d.message.contains("no `cy` translation")
        })
        .collect();
    assert_eq!(
        warnings.len(),
        p.modules.len() - 1,
        "one per missing module"
    );
    assert!(warnings[0].help.contains("cy/modules/"), "{}", warnings[0]);
}

#[test]
fn a_translation_that_changes_the_structure_is_an_error_with_its_line() {
    let moved = translated().replace("order = 2", "order = 9");
    let renamed = translated().replace("{#the-law}", "{#y-gyfraith}");
    let unknown = translated().replace(
        "slug = \"sexual-communication-online\"",
        "slug = \"cyfathrebu\"",
    );
    for (what, text, want, line) in [
        ("order", moved, "order differs", 5),
        ("anchor", renamed, "anchors differ", 30),
        ("slug", unknown, "is not a published module", 1),
    ] {
        let dir = sample_with_welsh(&[(MODULE_2, text)]);
        let (ok, diags) = found(dir.path());
        assert!(!ok, "{what}");
        let e = diags
            .iter()
            .find(|d| d.severity == Severity::Error)
            .unwrap_or_else(|| panic!("{what}: {diags:?}"));
        assert!(e.message.contains(want), "{what}: {e}");
        assert!(
            e.file.ends_with(format!("cy/modules/{MODULE_2}")),
            "{what}: {e}"
        );
        assert_eq!(e.line, line, "{what}: {e}");
    }
}

#[test]
fn a_listed_language_needs_its_folder_and_a_real_tag() {
    for (list, want) in [
        ("\"cy\", \"Welsh!\"", "`Welsh!` is not a language tag"),
        ("\"en-GB\"", "`en-GB` is not a language tag"),
        ("\"cy\"", "no cy/modules folder"),
    ] {
        let dir = with_translations(&format!("translations = [{list}]\n"));
        std::fs::remove_dir_all(dir.path().join("cy")).unwrap_or_else(|e| panic!("{e}"));
        let (ok, diags) = found(dir.path());
        assert!(!ok, "{list}");
        let e = diags
            .iter()
            .find(|d| d.message.contains(want))
            .unwrap_or_else(|| panic!("{list}: {diags:?}"));
        assert!(e.file.ends_with("site.toml") && e.line == 1, "{e}");
    }
}

/// The Welsh pages: under `/cy`, `<html lang="cy">`, Welsh interface
/// strings, `hreflang` links to both versions and a switch to the same
/// page; a module without a translation is the English one, marked with
/// its language and a notice in Welsh. No cookie, no redirect.
#[tokio::test]
async fn translated_pages_are_served_under_their_prefix_with_a_switch() {
    let dir = sample_with_welsh(&[(MODULE_2, translated())]);
    let app = app_with(dir.path(), pathway::config::HttpConfig::default()).await;
    let home = get(&app, "/cy").await;
    assert_eq!(home.status, axum::http::StatusCode::OK);
    assert!(home.headers.get("set-cookie").is_none());
    let html = home.text();
    assert!(
        html.starts_with("<!doctype html>\n<html lang=\"cy\" dir=\"ltr\">"),
        "{html}"
    );
    assert!(html.contains("<h2 id=\"modules-heading\">Y modiwlau</h2>"));
    assert!(html.contains(r#"href="/cy/modules/sexual-communication-online""#));
    assert!(html.contains(r#"<link rel="alternate" hreflang="en-GB" href="/">"#));
    assert!(html.contains(r#"<link rel="alternate" hreflang="cy" href="/cy">"#));
    assert!(html.contains(
        r#"<li class="language-switch"><a href="/" hreflang="en-GB" lang="en-GB">English</a></li>"#
    ));
    assert!(!html.contains(pathway::i18n::MISSING));

    let m2 = get(&app, "/cy/modules/sexual-communication-online")
        .await
        .text();
    assert!(
        m2.contains("<h1>Cyfathrebu rhywiol â phlant ar-lein</h1>"),
        "{m2}"
    );
    assert!(m2.contains("Modiwl 2 o 5"), "Welsh interface strings");
    assert!(!m2.contains("translation-note"));
    assert!(m2.contains(r#"href="/cy/modules/arrested-or-under-investigation""#));
    assert!(
        m2.contains(r#"rel="next""#)
            && m2.contains(r#"href="/cy/modules/managing-urges" rel="next""#)
    );
    assert!(m2.contains(r#"hreflang="en-GB" lang="en-GB">English</a>"#));

    let m3 = get(&app, "/cy/modules/managing-urges").await.text();
    assert!(
        m3.contains("<p class=\"translation-note\" role=\"note\">Nid yw"),
        "{m3}"
    );
    assert!(m3.contains(r#"<article class="module" lang="en-GB" dir="ltr">"#));

    let english = send(
        &app,
        request(
            "/modules/sexual-communication-online",
            &[("accept-language", "cy")],
        ),
    )
    .await;
    assert_eq!(english.status, axum::http::StatusCode::OK, "no redirect");
    let english = english.text();
    assert!(english.contains("<html lang=\"en-GB\" dir=\"ltr\">"));
    assert!(english.contains(
        r#"<a href="/cy/modules/sexual-communication-online" hreflang="cy" lang="cy">Cymraeg</a>"#
    ));
    assert_eq!(
        get(&app, "/cy/modules/no-such").await.status,
        axum::http::StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn with_one_language_there_is_no_switch() {
    let dir = with_translations("");
    let app = app_with(dir.path(), pathway::config::HttpConfig::default()).await;
    let html = get(&app, "/modules/managing-urges").await.text();
    assert!(!html.contains("hreflang") && !html.contains("language-switch"));
}

/// Get in touch, Urgent help and the privacy page in Welsh: the words from
/// `cy/site.toml` and `cy/main.ftl`, the numbers and hours from the
/// default `site.toml`; every link to a page that exists in Welsh stays in
/// Welsh, and a Welsh module view is counted under `cy/<slug>`.
#[tokio::test]
async fn the_welsh_site_texts_and_pages_share_the_numbers_and_hours() {
    let (app, state) =
        app_state_on("sqlite::memory:", pathway::config::HttpConfig::default()).await;
    let git = get(&app, "/cy/get-in-touch").await;
    assert_eq!(git.status, axum::http::StatusCode::OK);
    let html = git.text();
    assert!(html.contains("<html lang=\"cy\" dir=\"ltr\">"), "{html}");
    assert!(html.contains("Llinell Gymorth Gyfrinachol"), "{html}");
    assert!(html.contains("0808 1000 900"), "the same number");
    assert!(html.contains("Dydd Llun"), "Welsh day names");
    assert!(html.contains(r#"<a href="/cy/get-in-touch" aria-current="page">"#));
    assert!(
        html.contains(r#"<a href="/cy/privacy">Preifatrwydd</a>"#),
        "{html}"
    );
    assert!(html.contains(r#"hreflang="en-GB" lang="en-GB">English</a>"#));
    assert!(!html.contains(pathway::i18n::MISSING));

    let crisis = get(&app, "/cy/crisis").await.text();
    assert!(crisis.contains("Samariaid") && crisis.contains("116 123"));
    assert!(
        crisis.contains(r#"href="/cy/modules/arrested-or-under-investigation""#),
        "links in site texts stay in Welsh: {crisis}"
    );
    let privacy = get(&app, "/cy/privacy").await.text();
    assert!(privacy.contains("Cymru a Lloegr"), "{privacy}");
    let english = get(&app, "/get-in-touch").await.text();
    assert!(english.contains("Confidential Helpline"));
    assert!(english.contains(r#"<a href="/cy/get-in-touch" hreflang="cy" lang="cy">Cymraeg</a>"#));
    assert_eq!(
        get(&app, "/fr/get-in-touch").await.status,
        axum::http::StatusCode::NOT_FOUND
    );

    get(&app, "/cy/modules/sexual-communication-online").await;
    get(&app, "/modules/sexual-communication-online").await;
    let counted = state.usage.take();
    for subject in [
        "cy/sexual-communication-online",
        "sexual-communication-online",
    ] {
        assert!(
            counted
                .iter()
                .any(|c| c.event == "module-view" && c.subject == subject && c.n == 1),
            "{subject}: {counted:?}"
        );
    }
}

/// The right-to-left fixture (Hebrew, `tests/fixtures/rtl`, not shipped):
/// its pages say `dir="rtl"`, a module it does not translate says `ltr`
/// on the English text, and the default language's pages stay `ltr`.
#[tokio::test]
async fn a_right_to_left_language_is_laid_out_right_to_left() {
    let dir = with_translations("translations = [\"cy\", \"he\"]\n");
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rtl/he");
    copy_dir(&fixture, &dir.path().join("he"));
    load_without_errors(dir.path());
    let app = app_with(dir.path(), pathway::config::HttpConfig::default()).await;

    let home = get(&app, "/he").await.text();
    assert!(home.starts_with("<!doctype html>\n<html lang=\"he\" dir=\"rtl\">"));
    assert!(home.contains(r#"<link rel="alternate" hreflang="he" href="/he">"#));
    let m2 = get(&app, "/he/modules/sexual-communication-online")
        .await
        .text();
    assert!(m2.contains("<html lang=\"he\" dir=\"rtl\">"));
    assert!(
        m2.contains("<h1>מודול בדיקה: עמוד מימין לשמאל</h1>"),
        "{m2}"
    );
    assert!(m2.contains(
        r#"action="/he/modules/sexual-communication-online/worksheets/progression-worksheet""#
    ));
    // A survey page, in the words of he/surveys/feedback.toml.
    let survey = get(&app, "/he/survey").await.text();
    assert!(survey.contains("<html lang=\"he\" dir=\"rtl\">"));
    assert!(survey.contains("עזרו לנו לשפר את האתר"), "{survey}");
    let first = send(&app, post_form("/he/survey/start", "consent=yes")).await;
    assert!(first.text().contains("בן/בת כמה את/ה?"), "{}", first.text());
    assert!(first.text().contains(r#"action="/he/survey/page""#));
    let fallback = get(&app, "/he/modules/managing-urges").await.text();
    assert!(fallback.contains(r#"<article class="module" lang="en-GB" dir="ltr">"#));
    for path in ["/", "/cy", "/modules/managing-urges"] {
        let html = get(&app, path).await.text();
        assert!(html.contains("dir=\"ltr\">"), "{path}");
        assert!(!html.contains("dir=\"rtl\""), "{path}");
    }
    assert_eq!(pathway::i18n::direction_of("ar"), "rtl");
    assert_eq!(pathway::i18n::direction_of("cy"), "ltr");
    assert_eq!(pathway::i18n::direction_of("not a tag"), "ltr");
}

fn ftl_keys(locale: &str) -> std::collections::BTreeSet<String> {
    ftl_keys_of(&root().join("locales").join(locale).join("main.ftl"))
}

#[test]
fn every_string_of_a_page_with_a_welsh_address_is_in_welsh() {
    let (en, cy) = (ftl_keys("en-GB"), ftl_keys("cy"));
    assert!(
        en.len() > 300 && cy.len() > 150,
        "{} {}",
        en.len(),
        cy.len()
    );
    let missing: Vec<&String> = en.iter().filter(|k| !cy.contains(*k)).collect();
    assert!(
        missing.is_empty(),
        "not in locales/cy/main.ftl: {missing:?}"
    );
    let extra: Vec<&String> = cy.iter().filter(|k| !en.contains(*k)).collect();
    assert!(extra.is_empty(), "only in locales/cy/main.ftl: {extra:?}");
}

#[tokio::test]
async fn the_urge_page_is_in_welsh_and_falls_back_with_a_notice() {
    let app = app().await;
    let r = get(&app, "/cy/urge").await;
    let html = r.text();
    assert_eq!(r.status, axum::http::StatusCode::OK);
    assert!(html.contains(r#"<html lang="cy""#), "{html}");
    assert!(html.contains("Pan fydd ysfa&#39;n gryf"), "{html}");
    assert!(html.contains("Arhoswch 15 munud"), "{html}");
    assert!(
        html.contains(r#"<li class="language-switch"><a href="/urge""#),
        "{html}"
    );
    assert!(html.contains(r#"href="/cy/urge#delay-heading""#), "{html}");
    assert!(!html.contains("translation-note"), "translated: no notice");
    // Every Welsh page's header leads to the Welsh urge page.
    let home = get(&app, "/cy").await.text();
    assert!(
        home.contains(r#"class="urge-link" href="/cy/urge""#),
        "{home}"
    );
    let english = get(&app, "/").await.text();
    assert!(english.contains(r#"class="urge-link" href="/urge""#));

    // Without cy/urge.toml: the English words, marked, with a notice.
    let dir = sample_with_welsh(&[]);
    std::fs::remove_file(dir.path().join("cy/urge.toml")).unwrap_or_else(|e| panic!("{e}"));
    let (loaded, found) = found(dir.path());
    assert!(loaded);
    assert!(
        found
            .iter()
            .any(|d| d.message.contains("the urge page has no `cy` translation")),
        "{found:?}"
    );
    let app = app_with(dir.path(), pathway::config::HttpConfig::default()).await;
    let html = get(&app, "/cy/urge").await.text();
    assert!(html.contains("When an urge is strong"), "{html}");
    assert!(html.contains(r#"<div lang="en-GB" dir="ltr">"#), "{html}");
    assert!(html.contains(r#"class="translation-note""#), "{html}");
}

#[test]
fn a_welsh_urge_page_keeps_the_countdown_and_the_sections() {
    let dir = sample_with_welsh(&[]);
    let path = dir.path().join("cy/urge.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let cut = text
        .rfind("[[section]]")
        .unwrap_or_else(|| panic!("sections"));
    let changed = text[..cut].replace("delay_minutes = 15", "delay_minutes = 10");
    std::fs::write(&path, &changed).unwrap_or_else(|e| panic!("{e}"));
    let (loaded, found) = found(dir.path());
    assert!(!loaded);
    let line = changed
        .lines()
        .position(|l| l.starts_with("delay_minutes"))
        .map(|i| i + 1);
    let errors: Vec<(usize, &str)> = found
        .iter()
        .filter(|d| d.severity == Severity::Error && d.file.ends_with("cy/urge.toml"))
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    assert!(
        errors.contains(&(
            line.unwrap_or(0),
            "delay_minutes is 10 here and 15 in urge.toml"
        )),
        "{errors:?}"
    );
    assert!(
        errors.contains(&(1, "2 sections here and 3 in urge.toml")),
        "{errors:?}"
    );
}
