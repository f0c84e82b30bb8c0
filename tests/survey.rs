//! Survey definitions: the sample loads, and every definition error is
//! reported with its file and line.

use std::path::Path;

use pathway::content::diag::{Diagnostics, Severity};
use pathway::survey::{QuestionKind, Series, parse_survey};

const HEAD: &str =
    "id = \"s\"\ntitle = \"T\"\nversion = 1\nintroduction = \"I\"\nconsent = \"C\"\n";
const AGE: &str = "[[page]]\ntitle = \"P\"\n\n[[page.question]]\nid = \"age\"\ntype = \"single\"\ntext = \"Age?\"\nrequired = true\noptions = [{ id = \"u\", label = \"Under 18\", under_18 = true }, { id = \"a\", label = \"Adult\" }]\n";

fn parse(
    text: &str,
) -> (
    Option<pathway::survey::Survey>,
    Vec<pathway::content::Diagnostic>,
) {
    let mut d = Diagnostics::new();
    let s = parse_survey(Path::new("surveys/s.toml"), text, &mut d);
    (
        s,
        d.sorted()
            .into_iter()
            .filter(|x| x.severity == Severity::Error)
            .collect(),
    )
}

fn one_error(extra: &str, line: usize, needle: &str) {
    let text = format!("{HEAD}{AGE}{extra}");
    let (s, errs) = parse(&text);
    assert!(s.is_none());
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].line, line, "{}", errs[0]);
    assert!(
        errs[0].message.contains(needle),
        "{} lacks {needle}",
        errs[0]
    );
}

#[test]
fn the_sample_surveys_load() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let loaded = pathway::content::load(&root, jiff::civil::date(2026, 11, 25));
    let p = loaded
        .programme
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics.sorted()));
    let feedback = p
        .surveys
        .iter()
        .find(|s| s.id == "feedback")
        .unwrap_or_else(|| panic!("feedback"));
    // Between them, the sample's surveys use every type of question.
    let kinds: Vec<&QuestionKind> = p
        .surveys
        .iter()
        .flat_map(|s| s.questions())
        .map(|q| &q.kind)
        .collect();
    for want in [
        "single",
        "multiple",
        "likert",
        "scale",
        "number",
        "long-text",
        "matrix",
    ] {
        let found = kinds.iter().any(|k| {
            matches!(
                (want, k),
                ("single", QuestionKind::Single { .. })
                    | ("multiple", QuestionKind::Multiple { .. })
                    | ("likert", QuestionKind::Likert { .. })
                    | ("scale", QuestionKind::Scale { .. })
                    | ("number", QuestionKind::Number { .. })
                    | ("long-text", QuestionKind::LongText { .. })
                    | ("matrix", QuestionKind::Matrix { .. })
            )
        });
        assert!(found, "the sample surveys have no {want} question");
    }
    assert!(feedback.questions().any(|q| q.show_if.is_some()));
    assert_eq!(feedback.scores.len(), 1);
    let quick = p
        .surveys
        .iter()
        .find(|s| s.id == "module-helpful")
        .unwrap_or_else(|| panic!("quick"));
    assert!(quick.quick && quick.questions().count() == 3);
    assert!(quick.questions().all(|q| !q.required
        || !matches!(
            q.kind,
            QuestionKind::ShortText { .. } | QuestionKind::LongText { .. }
        )));
}

#[test]
fn a_valid_definition_with_every_type_parses() {
    let extra = "\n[[page.question]]\nid = \"m\"\ntype = \"matrix\"\ntext = \"M\"\nitems = [{ id = \"x\", label = \"X\" }]\nlabels = [\"No\", \"Yes\"]\n\n[[page.question]]\nid = \"why\"\ntype = \"short-text\"\ntext = \"Why?\"\nshow_if = { question = \"age\", any_of = [\"a\"] }\n\n[[score]]\nid = \"sc\"\nlabel = \"S\"\nmethod = \"sum\"\nitems = [\"m.x\"]\nreverse = [\"m.x\"]\n";
    let (s, errs) = parse(&format!("{HEAD}baseline = true\n{AGE}{extra}"));
    assert!(errs.is_empty(), "{errs:#?}");
    let s = s.unwrap_or_else(|| panic!("parses"));
    assert_eq!(s.series, Some(Series::Baseline));
    assert_eq!(s.questions().count(), 3);
    assert_eq!(s.hash.len(), 64);
}

#[test]
fn duplicate_question_ids() {
    one_error(
        "\n[[page.question]]\nid = \"age\"\ntype = \"short-text\"\ntext = \"Again\"\n",
        17,
        "used twice",
    );
}

#[test]
fn show_if_on_a_later_or_unknown_question() {
    one_error(
        "\n[[page.question]]\nid = \"q\"\ntype = \"short-text\"\ntext = \"Q\"\nshow_if = { question = \"later\", any_of = [\"x\"] }\n",
        20,
        "not an earlier question",
    );
    one_error(
        "\n[[page.question]]\nid = \"q\"\ntype = \"short-text\"\ntext = \"Q\"\nshow_if = { question = \"age\", any_of = [\"martian\"] }\n",
        20,
        "option `martian`",
    );
}

#[test]
fn empty_choices_and_bad_scales() {
    one_error(
        "\n[[page.question]]\nid = \"q\"\ntype = \"single\"\ntext = \"Q\"\n",
        17,
        "has no options",
    );
    one_error(
        "\n[[page.question]]\nid = \"q\"\ntype = \"likert\"\ntext = \"Q\"\nlabels = [\"a\", \"b\", \"c\"]\n",
        17,
        "3 labels",
    );
    one_error(
        "\n[[page.question]]\nid = \"q\"\ntype = \"number\"\ntext = \"Q\"\nmin = 5\nmax = 1\n",
        17,
        "min < max",
    );
    one_error(
        "\n[[page.question]]\nid = \"q\"\ntype = \"essay\"\ntext = \"Q\"\n",
        17,
        "unknown type `essay`",
    );
}

#[test]
fn scores_must_use_scored_questions() {
    one_error(
        "\n[[page.question]]\nid = \"t\"\ntype = \"short-text\"\ntext = \"T\"\n\n[[score]]\nid = \"sc\"\nlabel = \"S\"\nmethod = \"sum\"\nitems = [\"t\"]\n",
        22,
        "not a scored question",
    );
}

#[test]
fn safety_goes_on_options_only_and_a_stated_time_must_fit_the_length() {
    one_error(
        "\n[[page.question]]\nid = \"g\"\ntype = \"matrix\"\ntext = \"G\"\nitems = [{ id = \"x\", label = \"X\", safety = true }]\nlabels = [\"a\", \"b\"]\n",
        17,
        "marks an item with safety",
    );
    // One question is about 20 seconds: "1 minute" fits, 9 does not.
    let (s, errs) = parse(&format!("{HEAD}minutes = 9\n{AGE}"));
    assert!(s.is_none());
    assert!(
        errs[0].message.contains("says it takes about 9 minutes")
            && errs[0].help.contains("minutes = 1"),
        "{errs:#?}"
    );
    let (s, errs) = parse(&format!("{HEAD}minutes = 1\n{AGE}"));
    assert_eq!(s.and_then(|s| s.minutes), Some(1), "{errs:#?}");
}

/// The sample's follow-up asks what the entry questionnaire asked: the
/// same scores over the same items, so that every pair can be compared;
/// and the contact question is flagged for the safety block in both.
#[test]
fn the_entry_questionnaire_and_its_follow_up_ask_the_same() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let loaded = pathway::content::load(&root, jiff::civil::date(2026, 11, 25));
    let p = loaded
        .programme
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics.sorted()));
    let find = |id: &str| {
        p.surveys
            .iter()
            .find(|s| s.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let (entry, after) = (find("entry"), find("entry-follow-up"));
    assert_eq!(entry.series, Some(Series::Baseline));
    assert!(entry.scores.len() >= 5, "{:?}", entry.scores);
    for score in &entry.scores {
        let same = after.scores.iter().find(|s| s.id == score.id);
        assert_eq!(same, Some(score), "the follow-up's `{}`", score.id);
        for item in &score.items {
            let q = item.split('.').next().unwrap_or_default();
            assert_eq!(
                entry.question(q).map(|q| &q.kind),
                after.question(q).map(|q| &q.kind)
            );
        }
    }
    for s in [entry, after] {
        let Some(QuestionKind::Single { options }) = s.question("contact").map(|q| &q.kind) else {
            panic!("contact")
        };
        let flagged: Vec<&str> = options
            .iter()
            .filter(|o| o.safety)
            .map(|o| o.id.as_str())
            .collect();
        assert_eq!(flagged, ["once", "more"]);
        assert!(s.minutes.is_some());
    }
    // A single choice is scored by the position of the option chosen.
    let r = pathway::survey::export::StoredResponse {
        id: 1,
        version: 1,
        content_hash: "c".into(),
        series_code_hash: None,
        submitted_on: "2026-11-01".into(),
        locale: "en-GB".into(),
        answers: vec![("contact".into(), String::new(), "more".into())],
    };
    let contact = entry
        .scores
        .iter()
        .find(|s| s.id == "contact")
        .unwrap_or_else(|| panic!("score"));
    assert_eq!(
        pathway::survey::scores::score(entry, contact, &r),
        Some(3.0)
    );
}

#[test]
fn unknown_keys_and_missing_age_band() {
    one_error("colour = 1\n", 15, "unknown field `colour`");
    let (s, errs) = parse(&format!(
        "{HEAD}[[page]]\ntitle = \"P\"\n\n[[page.question]]\nid = \"q\"\ntype = \"short-text\"\ntext = \"Q\"\n"
    ));
    assert!(s.is_none());
    assert!(
        errs.iter()
            .any(|e| e.message.contains("age band") && e.line == 10),
        "{errs:#?}"
    );
}

#[test]
fn a_follow_up_needs_a_baseline() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    std::fs::create_dir_all(root.path().join("modules")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(root.path().join("surveys")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(src.join("site.toml"), root.path().join("site.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    for m in ["first.md", "second.md"] {
        std::fs::copy(
            src.join("modules").join(m),
            root.path().join("modules").join(m),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
    let text = format!(
        "{}follow_up_of = \"nobody\"\nfollow_up_weeks = 6\n{AGE}",
        HEAD.replace("\"s\"", "\"later\"")
    );
    std::fs::write(root.path().join("surveys/later.toml"), text).unwrap_or_else(|e| panic!("{e}"));
    let loaded = pathway::content::load(root.path(), jiff::civil::date(2026, 11, 25));
    let errs = loaded.diagnostics.sorted();
    assert!(loaded.programme.is_none());
    assert!(
        errs.iter()
            .any(|e| e.message.contains("follows up `nobody`")),
        "{errs:#?}"
    );
}

fn feedback() -> pathway::survey::Survey {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let loaded = pathway::content::load(&root, jiff::civil::date(2026, 11, 25));
    let p = loaded.programme.unwrap_or_else(|| panic!("loads"));
    p.surveys
        .into_iter()
        .find(|s| s.id == "feedback")
        .unwrap_or_else(|| panic!("feedback"))
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn page_answers_are_checked_by_type() {
    use pathway::survey::answers::{Answers, Value, check_page};
    let s = feedback();
    let (a, e) = check_page(
        &s,
        0,
        &pairs(&[
            ("q-age", "25-34"),
            ("q-reason", "own-thoughts"),
            ("q-reason-other", "curiosity"),
        ]),
        &Answers::new(),
    );
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(a.get("age"), Some(&Value::Choice("25-34".into())));
    assert!(
        matches!(a.get("reason"), Some(Value::Choices { ids, other: Some(o) }) if ids == &["own-thoughts"] && o == "curiosity")
    );

    let (_, e) = check_page(
        &s,
        0,
        &pairs(&[("q-reason", "own-thoughts")]),
        &Answers::new(),
    );
    assert!(
        e.iter()
            .any(|x| x.question.as_deref() == Some("age") && x.key == "survey-error-required")
    );
    let (_, e) = check_page(&s, 0, &pairs(&[("q-age", "martian")]), &Answers::new());
    assert!(e.iter().any(|x| x.key == "survey-error-option"));
    let (_, e) = check_page(
        &s,
        0,
        &pairs(&[("q-age", "25-34"), ("q-evil", "1")]),
        &Answers::new(),
    );
    assert!(e.iter().any(|x| x.key == "survey-error-unknown-field"));

    let (a, e) = check_page(
        &s,
        1,
        &pairs(&[
            ("q-helpful", "3"),
            ("q-statements-understand", "4"),
            ("q-statements-know-help", "2"),
        ]),
        &Answers::new(),
    );
    assert!(e.is_empty(), "{e:?}");
    assert!(matches!(a.get("statements"), Some(Value::Matrix(m)) if m.len() == 2));
    let (_, e) = check_page(&s, 1, &pairs(&[("q-helpful", "9")]), &Answers::new());
    assert!(e.iter().any(|x| x.key == "survey-error-option"));

    let (_, e) = check_page(&s, 3, &pairs(&[("q-weeks-using", "9999")]), &Answers::new());
    assert!(e.iter().any(|x| x.key == "survey-error-number"));
    let (_, e) = check_page(
        &s,
        3,
        &pairs(&[("q-would-help", &"x".repeat(5000))]),
        &Answers::new(),
    );
    assert!(e.iter().any(|x| x.key == "survey-error-too-long"));
    let (_, e) = check_page(&s, 99, &[], &Answers::new());
    assert!(
        e.iter().any(|x| x.key == "survey-error-page"),
        "a forged page number"
    );
}

#[test]
fn show_if_hides_and_shows_questions() {
    use pathway::survey::answers::{Answers, check_page};
    let s = feedback();
    // "what-changed" shows only after stopped or reduced; hidden answers are dropped.
    let (a, _) = check_page(
        &s,
        2,
        &pairs(&[("q-behaviour-change", "same"), ("q-what-changed", "x")]),
        &Answers::new(),
    );
    assert!(!a.contains_key("what-changed"));
    let (a, _) = check_page(
        &s,
        2,
        &pairs(&[
            ("q-behaviour-change", "reduced"),
            ("q-what-changed", "Talking to someone"),
        ]),
        &Answers::new(),
    );
    assert!(a.contains_key("what-changed"));
}

#[tokio::test]
async fn responses_export_as_csv_and_json_with_a_codebook() {
    use pathway::survey::answers::{Answers, check_page};
    use pathway::survey::export::{codebook, rows, to_csv, to_json};
    let s = feedback();
    let mut answers = Answers::new();
    for (page, form) in [
        (
            0,
            vec![
                ("q-age", "25-34"),
                ("q-reason", "own-thoughts"),
                ("q-reason", "police"),
                ("q-reason-other", "mail me at a.b@example.com"),
            ],
        ),
        (
            1,
            vec![("q-helpful", "4"), ("q-statements-understand", "3")],
        ),
        (
            2,
            vec![
                ("q-behaviour-change", "reduced"),
                ("q-what-changed", "Calling 07700 900123 helped"),
            ],
        ),
    ] {
        let (a, e) = check_page(&s, page, &pairs(&form), &answers);
        assert!(e.is_empty(), "{e:?}");
        answers.extend(a);
    }
    let stored_rows = rows(&s, &answers);
    assert!(
        stored_rows
            .iter()
            .all(|(_, _, v)| !v.contains("example.com") && !v.contains("900123")),
        "contact details reach the store: {stored_rows:?}"
    );

    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = pathway::db::Store::connect(
        &format!("sqlite:{}", dir.path().join("e.db").display()),
        true,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let response = pathway::db::surveys::NewResponse {
        survey_id: "feedback".into(),
        version: 1,
        content_hash: "abc".into(),
        series_code_hash: None,
        series_by_id: false,
        locale: "en-GB".into(),
        answers: stored_rows,
    };
    store
        .submit_response(None, &response, pathway::clock::Clock::system().today())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let responses = store
        .survey_responses("feedback", "en-GB")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(responses.len(), 1);

    let key = pathway::survey::export::SeriesKey::new([7; 32]);
    let csv = to_csv(&s, &responses, key.clone()).unwrap_or_else(|e| panic!("{e}"));
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let row: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let cell = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .map(|i| row[i])
            .unwrap_or("<missing>")
    };
    assert_eq!(cell("age"), "25-34");
    assert_eq!(cell("reason.own-thoughts"), "1");
    assert_eq!(cell("reason.police"), "1");
    assert_eq!(cell("reason.someone-told-me"), "0");
    assert_eq!(cell("helpful"), "5", "likert stored 1-based");
    assert_eq!(cell("statements.understand"), "4");
    assert_eq!(cell("statements.know-help"), "");
    assert_eq!(cell("version"), "1");
    assert!(csv.contains("Calling [removed] helped"));

    let json = to_json(&s, &responses, &key);
    assert_eq!(json[0]["reason.police"], "1");
    let book = codebook(&s);
    assert_eq!(book["questions"][0]["text"], "How old are you?");
    assert_eq!(book["questions"][0]["codes"]["under-18"], "Under 18");
    assert_eq!(book["version"], 3);
}

/// Scores are computed in the export: sum or mean, reverse items turned
/// round on their own scale, empty when an item is unanswered.
#[test]
fn the_export_computes_scores_with_reverse_items() {
    let text = format!(
        "{HEAD}{AGE}\n[[page.question]]\nid = \"mood\"\ntype = \"likert\"\ntext = \"M\"\nlabels = [\"1\", \"2\", \"3\", \"4\", \"5\"]\n\n[[page.question]]\nid = \"sure\"\ntype = \"scale\"\ntext = \"S\"\nmin_label = \"no\"\nmax_label = \"yes\"\n\n[[page.question]]\nid = \"grid\"\ntype = \"matrix\"\ntext = \"G\"\nitems = [{{ id = \"x\", label = \"X\" }}]\nlabels = [\"a\", \"b\", \"c\"]\n\n[[score]]\nid = \"total\"\nlabel = \"Total\"\nmethod = \"sum\"\nitems = [\"mood\", \"sure\", \"grid.x\"]\nreverse = [\"mood\", \"sure\"]\n\n[[score]]\nid = \"avg\"\nlabel = \"Average\"\nmethod = \"mean\"\nitems = [\"mood\", \"grid.x\"]\n"
    );
    let (s, errs) = parse(&text);
    let s = s.unwrap_or_else(|| panic!("{errs:#?}"));
    let a = |q: &str, i: &str, v: &str| (q.to_string(), i.to_string(), v.to_string());
    let full = pathway::survey::export::StoredResponse {
        id: 1,
        version: 1,
        content_hash: "c".into(),
        series_code_hash: None,
        submitted_on: "2026-11-01".into(),
        locale: "en-GB".into(),
        // Likert 2 of 1..5 reversed is 4; scale 3 of 0..10 reversed is 7;
        // matrix 3 of 1..3 stays 3.
        answers: vec![a("mood", "", "2"), a("sure", "", "3"), a("grid", "x", "3")],
    };
    let partial = pathway::survey::export::StoredResponse {
        id: 2,
        answers: vec![a("mood", "", "5")],
        ..full.clone()
    };
    let csv = pathway::survey::export::to_csv(
        &s,
        &[full, partial],
        pathway::survey::export::SeriesKey::new([1; 32]),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].ends_with(",score.total,score.avg"), "{}", lines[0]);
    assert!(
        lines[1].ends_with(",14,2.50"),
        "4 + 7 + 3 = 14; (2 + 3) / 2: {}",
        lines[1]
    );
    assert!(
        lines[2].ends_with(",,"),
        "no score without every item: {}",
        lines[2]
    );
    let book = pathway::survey::export::codebook(&s);
    assert_eq!(book["scores"][0]["column"], "score.total");
}
