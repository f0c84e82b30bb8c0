//! Survey results: per-question breakdowns, charts for zero, one and many
//! responses, and the small-count rule in every breakdown.

mod common;

use common::*;
use pathway::render::charts;
use pathway::render::report::report;
use pathway::survey::Survey;
use pathway::survey::export::StoredResponse;
use pathway::survey::results::{Breakdown, in_range, results};

fn feedback() -> Survey {
    let loaded = pathway::content::load::load(&sample_content(), jiff::civil::date(2026, 11, 25));
    let programme = loaded.programme.unwrap_or_else(|| panic!("content loads"));
    programme
        .surveys
        .iter()
        .find(|s| s.id == "feedback")
        .cloned()
        .unwrap_or_else(|| panic!("feedback survey"))
}

fn response(id: i64, day: &str, age: &str, understand: &str, text: &str) -> StoredResponse {
    let a = |q: &str, i: &str, v: &str| (q.to_string(), i.to_string(), v.to_string());
    StoredResponse {
        id,
        version: 2,
        content_hash: "c".into(),
        series_code_hash: None,
        submitted_on: day.into(),
        locale: "en-GB".into(),
        answers: vec![
            a("age", "", age),
            a("helpful", "", "4"),
            a("reason", "own-thoughts", "1"),
            a("statements", "understand", understand),
            a("what-changed", "", text),
        ],
    }
}

#[test]
fn zero_responses_give_empty_charts_and_no_error() {
    let s = feedback();
    let r = results(&s, &[]);
    assert_eq!(r.total, 0);
    assert!(r.per_day.is_empty());
    let page = report(
        &s,
        &r,
        (&[], &[]),
        5,
        "of every date".into(),
        "2026-11-26".into(),
    );
    let html = askama::Template::render(&page).unwrap_or_else(|e| panic!("{e}"));
    assert!(html.contains("No responses yet."));
    assert!(html.contains("<svg"), "charts are drawn, empty");
    assert!(!html.contains("<rect x=\"260\""), "no bars at all");
}

#[test]
fn one_response_is_hidden_by_the_small_count_rule_everywhere() {
    let s = feedback();
    let one = [response(1, "2026-11-01", "25-34", "4", "SecretText")];
    let chosen: Vec<&StoredResponse> = one.iter().collect();
    let r = results(&s, &chosen);
    let age = r
        .questions
        .iter()
        .find(|q| q.id == "age")
        .unwrap_or_else(|| panic!("age"));
    let Breakdown::Bars(bars) = &age.breakdown else {
        panic!("bars")
    };
    assert_eq!(bars.iter().map(|b| b.count).sum::<i64>(), 1);
    let page = report(
        &s,
        &r,
        (&[("2026-11-01".into(), 3)], &[("2026-11-01".into(), 2)]),
        5,
        "x".into(),
        "d".into(),
    );
    let html = askama::Template::render(&page).unwrap_or_else(|e| panic!("{e}"));
    assert!(html.contains("<td>&#60;5</td>"), "{html}");
    assert!(
        !html.contains("<td>1</td>") && !html.contains("<td>3</td>"),
        "{html}"
    );
    // Every count drawn at the start of an empty bar (x=266) is hidden.
    let at_start = html.matches("<text x=\"266\"").count();
    assert!(at_start > 0);
    assert_eq!(
        html.matches("font-size=\"13\">&lt;5</text>").count(),
        at_start,
        "no chart gives the 1 away"
    );
    assert!(
        !html.contains("<rect x=\"260\""),
        "no bar is drawn for a hidden count"
    );
    assert!(
        !html.contains("SecretText"),
        "free text is never in the report"
    );
}

#[test]
fn many_responses_are_counted_per_option_day_and_matrix_item() {
    let s = feedback();
    let mut all = Vec::new();
    for i in 0..12 {
        let day = if i < 7 { "2026-11-01" } else { "2026-11-02" };
        let age = if i < 9 { "25-34" } else { "35-44" };
        all.push(response(i, day, age, "4", "t"));
    }
    let chosen: Vec<&StoredResponse> = all.iter().collect();
    let r = results(&s, &chosen);
    assert_eq!(r.total, 12);
    assert_eq!(
        r.per_day,
        vec![("2026-11-01".to_string(), 7), ("2026-11-02".to_string(), 5)]
    );
    let q = |id: &str| {
        r.questions
            .iter()
            .find(|q| q.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let Breakdown::Bars(ages) = &q("age").breakdown else {
        panic!("bars")
    };
    let count = |label: &str| ages.iter().find(|b| b.label == label).map(|b| b.count);
    assert_eq!((count("25 to 34"), count("35 to 44")), (Some(9), Some(3)));
    let Breakdown::Stacked { rows, scale } = &q("statements").breakdown else {
        panic!("stacked")
    };
    assert_eq!(scale.len(), 5);
    assert_eq!(
        rows[0].1,
        vec![0, 0, 0, 12, 0],
        "stored 1-based: 4 is 'Agree'"
    );
    assert_eq!(q("what-changed").breakdown, Breakdown::FreeText);
    // The sample's score needs all four statements; these answered one.
    assert_eq!((r.scores[0].count, r.scores[0].mean), (0, None));
    // The chart draws the shown counts and hides the small one.
    let Breakdown::Bars(bars) = &q("age").breakdown else {
        panic!("bars")
    };
    let svg = charts::bars("c", "Age", bars, 5);
    assert!(
        svg.contains(">9</text>") && svg.contains(">&lt;5</text>"),
        "{svg}"
    );
    assert_eq!(svg.matches("<rect").count(), 1, "one bar: the 9");
    // A date range keeps only its days.
    let first = in_range(&all, Some("2026-11-02"), None);
    assert_eq!(first.len(), 5);
}

#[test]
fn labels_are_escaped_in_charts() {
    let bars = vec![pathway::survey::results::Bar {
        label: "<script>&".into(),
        count: 9,
    }];
    let svg = charts::bars("c", "T<", &bars, 5);
    assert!(svg.contains("&lt;script&gt;&amp;") && !svg.contains("<script>"));
}

/// `pathway survey report` writes one self-contained file.
#[tokio::test]
async fn the_report_command_writes_a_self_contained_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("r.db");
    let url = format!("sqlite:{}", db.display());
    let store = migrated_store(&url).await;
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
        store
            .submit_response(None, &r, today())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    store.close().await;
    let out = dir.path().join("report.html");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_pathway"))
        .args([
            "survey",
            "report",
            "feedback",
            "--database",
            &url,
            "--content",
        ])
        .arg(sample_content())
        .arg("-o")
        .arg(&out)
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(status.success());
    let html = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{e}"));
    assert!(html.contains("Help us improve this site: results"));
    assert!(html.contains("Completed responses: 6."));
    assert!(
        html.contains("<th scope=\"row\">45 to 54</th><td>6</td>"),
        "{html}"
    );
    for external in ["http://", "https://", "<script", "<link"] {
        let outside = html.replace("http://www.w3.org/2000/svg", "");
        assert!(
            !outside.contains(external),
            "the report refers to {external}"
        );
    }
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_pathway"))
        .args([
            "survey",
            "report",
            "feedback",
            "--from",
            "last week",
            "--database",
            &url,
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("is not a date"));
}
