//! The survey flow: each action from each place, the review-save case,
//! and random walks in which a resumed draft always lands where it was
//! saved.

use std::path::Path;

use proptest::prelude::*;

use super::*;
use crate::content::Diagnostics;

/// Four pages: age (required; one option means under 18), a page shown
/// only to people who chose "yes", a required short text, an optional scale.
const SURVEY: &str = r#"
id = "walk"
title = "Walk"
version = 1
introduction = "Test."
consent = "Yes."

[[page]]
title = "One"
[[page.question]]
id = "age"
type = "single"
text = "Age?"
required = true
options = [
  { id = "under-18", label = "Under 18", under_18 = true },
  { id = "adult", label = "Adult" },
]
[[page.question]]
id = "more"
type = "single"
text = "More?"
options = [ { id = "yes", label = "Yes" }, { id = "no", label = "No" } ]

[[page]]
title = "Two"
[[page.question]]
id = "detail"
type = "short-text"
text = "Detail?"
show_if = { question = "more", any_of = ["yes"] }

[[page]]
title = "Three"
[[page.question]]
id = "word"
type = "short-text"
text = "A word?"
required = true

[[page]]
title = "Four"
[[page.question]]
id = "scale"
type = "scale"
text = "How much?"
min_label = "Not at all"
max_label = "Very much"
"#;

fn survey() -> Survey {
    let mut diags = Diagnostics::new();
    let parsed = crate::survey::parse_survey(Path::new("walk.toml"), SURVEY, &mut diags);
    match parsed {
        Some(s) if !diags.has_errors() => s,
        _ => panic!("the test survey parses: {:?}", diags.sorted()),
    }
}

fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn at(position: Position, answers: Answers) -> Draft {
    Draft { position, answers }
}

/// Answers that pass every page (the hidden page skipped).
fn complete() -> Answers {
    let s = survey();
    let mut a = Answers::new();
    for (page, form) in [
        (0, fields(&[("q-age", "adult"), ("q-more", "no")])),
        (2, fields(&[("q-word", "fine")])),
    ] {
        let (new, errors) = check_page(&s, page, &form, &a);
        assert!(errors.is_empty(), "{errors:?}");
        a.extend(new);
    }
    a
}

#[test]
fn next_skips_a_page_with_nothing_to_show_and_ends_at_the_review() {
    let s = survey();
    let step1 = step(
        &s,
        at(Position::Page(0), Answers::new()),
        Action::Next,
        &fields(&[("q-age", "adult"), ("q-more", "no")]),
    );
    let Step::Show(d) = step1 else {
        panic!("{step1:?}")
    };
    assert_eq!(d.position, Position::Page(2), "page two is hidden");
    let step2 = step(&s, d, Action::Next, &fields(&[("q-word", "ok")]));
    let Step::Show(d) = step2 else {
        panic!("{step2:?}")
    };
    assert_eq!(d.position, Position::Page(3));
    let step3 = step(&s, d, Action::Next, &[]);
    assert!(matches!(
        step3,
        Step::Show(Draft {
            position: Position::Review,
            ..
        })
    ));
}

#[test]
fn next_with_a_problem_stays_on_the_page_and_keeps_what_was_typed() {
    let s = survey();
    let out = step(
        &s,
        at(Position::Page(0), Answers::new()),
        Action::Next,
        &fields(&[("q-more", "yes")]),
    );
    let Step::Invalid {
        page,
        answers,
        errors,
    } = out
    else {
        panic!("{out:?}")
    };
    assert_eq!(page, 0);
    assert_eq!(answers.get("more"), Some(&Value::Choice("yes".into())));
    assert_eq!(errors[0].question.as_deref(), Some("age"));
}

#[test]
fn an_under_18_answer_ends_the_survey() {
    let s = survey();
    let out = step(
        &s,
        at(Position::Page(0), Answers::new()),
        Action::Next,
        &fields(&[("q-age", "under-18")]),
    );
    assert_eq!(out, Step::Young);
}

#[test]
fn saving_on_the_review_keeps_the_review_and_every_answer() {
    let s = survey();
    let answers = complete();
    let out = step(&s, at(Position::Review, answers.clone()), Action::Save, &[]);
    let Step::SaveCode(d) = out else {
        panic!("{out:?}")
    };
    assert_eq!(d.position, Position::Review);
    assert_eq!(d.answers, answers, "no page's answers are dropped");
    let stored = d.position.stored(&s);
    assert_eq!(Position::from_stored(&s, stored), Position::Review);
    // "Continue now" after saving shows the review again.
    let again = step(&s, at(Position::Review, answers), Action::Stay, &[]);
    assert!(matches!(
        again,
        Step::Show(Draft {
            position: Position::Review,
            ..
        })
    ));
}

#[test]
fn back_from_the_review_goes_to_the_last_page_shown() {
    let s = survey();
    let out = step(&s, at(Position::Review, complete()), Action::Back, &[]);
    assert!(matches!(
        out,
        Step::Show(Draft {
            position: Position::Page(3),
            ..
        })
    ));
    // With page four answered "yes", page two shows: back from three lands there.
    let mut a = complete();
    a.insert("more".into(), Value::Choice("yes".into()));
    let out = step(
        &s,
        at(Position::Page(2), a),
        Action::Back,
        &fields(&[("q-word", "x")]),
    );
    assert!(matches!(
        out,
        Step::Show(Draft {
            position: Position::Page(1),
            ..
        })
    ));
}

#[test]
fn change_goes_to_an_existing_page_only() {
    let s = survey();
    let out = step(&s, at(Position::Review, complete()), Action::Change(2), &[]);
    assert!(matches!(
        out,
        Step::Show(Draft {
            position: Position::Page(2),
            ..
        })
    ));
    let out = step(&s, at(Position::Review, complete()), Action::Change(9), &[]);
    assert!(matches!(
        out,
        Step::Show(Draft {
            position: Position::Review,
            ..
        })
    ));
}

#[test]
fn submit_checks_every_page_again() {
    let s = survey();
    assert_eq!(
        step(&s, at(Position::Review, complete()), Action::Submit, &[]),
        Step::Submit(complete())
    );
    let mut missing = complete();
    missing.remove("word");
    let out = step(&s, at(Position::Review, missing), Action::Submit, &[]);
    assert!(matches!(out, Step::Invalid { page: 2, .. }), "{out:?}");
}

#[test]
fn actions_are_read_from_the_form() {
    assert_eq!(Action::parse(Some("next")), Action::Next);
    assert_eq!(Action::parse(Some("change-3")), Action::Change(3));
    assert_eq!(Action::parse(Some("change-x")), Action::Stay);
    assert_eq!(Action::parse(None), Action::Stay);
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        Just(Action::Stay),
        Just(Action::Next),
        Just(Action::Back),
        Just(Action::Save),
        Just(Action::Submit),
        (0usize..6).prop_map(Action::Change),
    ]
}

/// A page's form: some fields filled with valid or odd values.
fn form() -> impl Strategy<Value = Vec<(String, String)>> {
    let field = prop_oneof![
        Just(("q-age".to_string(), "adult".to_string())),
        Just(("q-age".to_string(), "nonsense".to_string())),
        Just(("q-more".to_string(), "yes".to_string())),
        Just(("q-more".to_string(), "no".to_string())),
        Just(("q-detail".to_string(), "some text".to_string())),
        Just(("q-word".to_string(), "word".to_string())),
        (0u8..14).prop_map(|n| ("q-scale".to_string(), n.to_string())),
    ];
    proptest::collection::vec(field, 0..5)
}

proptest! {
    /// Wherever a walk goes, the draft it saves resumes at the same place
    /// with the same answers (through the stored number and JSON), and it
    /// never stands on a page that does not exist.
    #[test]
    fn a_resumed_draft_lands_where_it_was_saved(
        walk in proptest::collection::vec((action(), form()), 1..30)
    ) {
        let s = survey();
        let mut draft = at(Position::Page(0), Answers::new());
        for (action, form) in walk {
            match step(&s, draft.clone(), action, &form) {
                Step::Show(next) | Step::SaveCode(next) => {
                    if let Position::Page(p) = next.position {
                        prop_assert!(p < s.pages.len());
                    }
                    let stored = next.position.stored(&s);
                    let json = serde_json::to_string(&next.answers).unwrap_or_default();
                    let answers: Answers = serde_json::from_str(&json).unwrap_or_default();
                    let resumed = at(Position::from_stored(&s, stored), answers);
                    prop_assert_eq!(&resumed, &next);
                    draft = resumed;
                }
                Step::Invalid { page, .. } => {
                    // Shown again; the stored draft is unchanged.
                    prop_assert!(page < s.pages.len());
                }
                Step::Young | Step::Submit(_) => break,
            }
        }
    }
}
