//! Surveys in more than one language: `<locale>/surveys/<id>.toml` gives
//! the words, keyed by the default file's question ids. Answers from every
//! language land in the same columns, with the language beside them, on
//! SQLite and PostgreSQL; the translation never changes the version's
//! questions; its errors name the file and line.

mod common;

use std::path::Path;

use axum::Router;
use axum::http::StatusCode;
use common::pg::PgDatabase;
use common::survey::{PAGE1, PAGE2, PAGE3, PAGE4, token_of};
use common::*;
use pathway::content::Severity;

/// Posts one page of a survey under `prefix` ("" or "/cy").
async fn page_in(app: &Router, prefix: &str, token: &str, body: &str) -> Reply {
    let r = send(
        app,
        post_form(
            &format!("{prefix}/survey/page"),
            format!("token={token}&{body}"),
        ),
    )
    .await;
    assert_eq!(r.header("cache-control"), Some("no-store"));
    r
}

/// Answers the feedback survey in full under `prefix`; the thank-you page.
async fn answered_in(app: &Router, prefix: &str) -> Reply {
    let start = send(
        app,
        post_form(&format!("{prefix}/survey/start"), "consent=yes"),
    )
    .await;
    assert_eq!(start.status, StatusCode::OK, "{}", start.text());
    let token = token_of(&start.text());
    for body in [PAGE1, PAGE2, PAGE3, PAGE4] {
        let r = page_in(app, prefix, &token, body).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }
    page_in(app, prefix, &token, "action=submit").await
}

/// The Welsh survey as a person sees it, then one response in each
/// language, pooled: the same columns, the language beside them.
async fn welsh_and_english_answers_are_pooled(database: &str) {
    let (app, state) = app_state_on(database, Default::default()).await;
    let intro = get(&app, "/cy/survey").await;
    let html = intro.text();
    assert_eq!(intro.status, StatusCode::OK);
    assert!(html.contains(r#"<html lang="cy""#), "{html}");
    assert!(
        html.contains("Helpwch ni i wella&#39;r wefan hon"),
        "{html}"
    );
    assert!(html.contains(r#"action="/cy/survey/start""#), "{html}");
    assert!(
        html.contains(r#"hreflang="en-GB" href="/survey""#),
        "{html}"
    );
    assert!(html.contains(r#"href="/cy/survey/resume""#), "{html}");
    // A missing answer: the Welsh page again, in Welsh, answers kept.
    let start = send(&app, post_form("/cy/survey/start", "consent=yes")).await;
    assert!(
        start.text().contains("Faint yw eich oed chi?"),
        "{}",
        start.text()
    );
    let token = token_of(&start.text());
    let r = page_in(&app, "/cy", &token, "q-reason=police&action=next").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("Atebwch y cwestiwn hwn."), "{}", r.text());
    assert!(r.text().contains(r#"value="police" checked"#));
    assert!(r.text().contains("Amdanoch chi"), "the page title in Welsh");
    // Mid-survey, no language switch (it would leave the answers behind);
    // the introduction has one, to the same page in English.
    assert!(!r.text().contains(r#"class="language-switch""#));
    assert!(
        html.contains(r#"<li class="language-switch"><a href="/survey" hreflang="en-GB""#),
        "{html}"
    );

    let welsh = answered_in(&app, "/cy").await;
    assert!(welsh.text().contains("Diolch"), "{}", welsh.text());
    let english = answered_in(&app, "").await;
    assert!(english.text().contains("Your answers have been sent"));

    let stored = state
        .store
        .survey_responses("feedback", "en-GB")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let locales: Vec<&str> = stored.iter().map(|r| r.locale.as_str()).collect();
    assert_eq!(locales, ["cy", "en-GB"]);
    assert_eq!(
        stored[0].answers, stored[1].answers,
        "same ids, same columns"
    );
    let survey = state
        .pages()
        .programme()
        .surveys
        .iter()
        .find(|s| s.id == "feedback")
        .cloned()
        .unwrap_or_else(|| panic!("feedback survey"));
    let key = pathway::survey::export::SeriesKey::new([7; 32]);
    let csv =
        pathway::survey::export::to_csv(&survey, &stored, key).unwrap_or_else(|e| panic!("{e}"));
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let at = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("no column {name}: {header:?}"))
    };
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (rows[0][at("locale")], rows[1][at("locale")]),
        ("cy", "en-GB")
    );
    for column in ["age", "helpful", "statements.understand", "weeks-using"] {
        assert_eq!(rows[0][at(column)], rows[1][at(column)], "{column}");
        assert!(!rows[0][at(column)].is_empty(), "{column}");
    }
    // The results filter: Welsh answers only.
    let only = pathway::render::report::Filter {
        locale: Some("cy"),
        ..Default::default()
    };
    assert_eq!(only.responses(&stored).len(), 1);
    assert_eq!(only.responses(&stored)[0].locale, "cy");
}

#[tokio::test]
async fn sqlite_welsh_and_english_answers_are_pooled() {
    welsh_and_english_answers_are_pooled("sqlite::memory:").await;
}

#[tokio::test]
async fn postgres_welsh_and_english_answers_are_pooled() {
    let Some(db) = PgDatabase::create("survey_languages").await else {
        return;
    };
    welsh_and_english_answers_are_pooled(&db.url).await;
    db.drop().await;
}

#[tokio::test]
async fn the_quick_survey_on_a_welsh_module_is_in_welsh_and_stored_as_welsh() {
    let (app, state) = app_state_on("sqlite::memory:", Default::default()).await;
    let module = get(&app, "/cy/modules/sexual-communication-online").await;
    let html = module.text();
    let action = r#"action="/cy/survey/quick/sexual-communication-online""#;
    assert!(html.contains(action), "{html}");
    assert!(
        html.contains("Pa mor ddefnyddiol oedd y modiwl hwn?"),
        "{html}"
    );
    let path = "/cy/survey/quick/sexual-communication-online";
    let done = send(&app, post_form(path, "q-helpful=4&q-clear=yes")).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    assert!(done.text().contains("Diolch."), "{}", done.text());
    let stored = state
        .store
        .survey_responses("module-helpful", "en-GB")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].locale, "cy");
}

#[tokio::test]
async fn a_language_the_site_does_not_have_is_not_found() {
    let app = app().await;
    for path in ["/xx/survey", "/en-GB/survey", "/cy/survey/nothing"] {
        assert_eq!(
            get(&app, path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let r = send(&app, post_form("/xx/survey/start", "consent=yes")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

/// A copy of the sample with `cy/surveys/feedback.toml` replaced by `text`.
fn with_welsh_feedback(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    copy_dir(&sample_content(), dir.path());
    std::fs::write(dir.path().join("cy/surveys/feedback.toml"), text)
        .unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn welsh_feedback() -> String {
    std::fs::read_to_string(sample_content().join("cy/surveys/feedback.toml"))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn diagnostics(dir: &Path) -> (bool, Vec<pathway::content::Diagnostic>) {
    let loaded = pathway::content::load(dir, today());
    (loaded.programme.is_some(), loaded.diagnostics.sorted())
}

#[test]
fn a_translation_that_disagrees_with_its_survey_is_an_error_with_its_line() {
    let text = welsh_feedback()
        .replace("[questions.weeks-using]", "[questions.weeks]")
        .replace("\"Anghytuno'n gryf\", ", "")
        .replace("\"no-say\" = ", "\"no-comment\" = ")
        .replace("usefulness = ", "use = ");
    let dir = with_welsh_feedback(&text);
    let (loaded, found) = diagnostics(dir.path());
    assert!(!loaded);
    let errors: Vec<String> = found
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}:{}: {}", d.file.display(), d.line, d.message))
        .collect();
    let line_of = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
            .unwrap_or_default()
    };
    let expect = [
        (line_of("[questions.weeks]"), "question `weeks` is not in"),
        (
            line_of("[questions.statements]"),
            "question `statements` has 4 labels here and 5",
        ),
        (
            line_of("[questions.age]"),
            "question `age` has no options no-comment",
        ),
        (line_of("use = "), "score `use` is not in"),
    ];
    for (line, what) in expect {
        assert!(
            errors.iter().any(|e| e.contains("cy/surveys/feedback.toml")
                && e.contains(&format!(":{line}: {what}"))),
            "{what} on line {line}: {errors:#?}"
        );
    }
}

#[test]
fn missing_words_fall_back_with_a_warning_and_never_change_the_version() {
    let text = welsh_feedback()
        .replace("version = 3", "version = 2")
        .replace(
            "[questions.would-help]\ntext = \"Beth fyddai'n eich helpu chi'n fwy?\"\n",
            "",
        );
    let dir = with_welsh_feedback(&text);
    let loaded = pathway::content::load(dir.path(), today());
    let warnings: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.message.clone())
        .collect();
    assert!(
        warnings.iter().any(|w| w.contains("written for version 2")),
        "{warnings:#?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("not translated") && w.contains("would-help")),
        "{warnings:#?}"
    );
    let Some(p) = loaded.programme else {
        panic!("a warning does not stop the content loading");
    };
    let default = p.surveys.iter().find(|s| s.id == "feedback");
    let welsh = p.translations[0]
        .surveys
        .iter()
        .find(|s| s.id == "feedback");
    let (Some(default), Some(welsh)) = (default, welsh) else {
        panic!("both");
    };
    let q = |s: &pathway::survey::Survey, id: &str| {
        s.question(id).map(|q| q.text.clone()).unwrap_or_default()
    };
    assert_eq!(
        q(welsh, "would-help"),
        q(default, "would-help"),
        "falls back"
    );
    assert_eq!(q(welsh, "age"), "Faint yw eich oed chi?");
    // The published version's questions are the default file's alone.
    assert_eq!(
        (welsh.version, &welsh.hash),
        (default.version, &default.hash)
    );
    let ids = |s: &pathway::survey::Survey| s.questions().map(|q| q.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(welsh), ids(default));
}
