use std::path::Path;

use super::*;
use crate::content::diag::{Diagnostics, Severity};

/// The bundled sample, checked against the sample's modules.
const SAMPLE: &str = include_str!("../../../../../content/self-check.toml");

fn known() -> Known {
    Known {
        modules: [
            "understanding-your-behaviour",
            "sexual-communication-online",
            "managing-urges",
            "getting-support",
            "arrested-or-under-investigation",
        ]
        .map(String::from)
        .to_vec(),
        family: true,
        urge: true,
        messages: true,
    }
}

type Found = Vec<(Severity, usize, String)>;

fn parse(text: &str) -> (Option<SelfCheck>, Found) {
    let mut d = Diagnostics::new();
    let check = parse_self_check(Path::new("self-check.toml"), text, &known(), &mut d);
    let found = d
        .sorted()
        .into_iter()
        .map(|e| (e.severity, e.line, e.message))
        .collect();
    (check, found)
}

fn sample() -> SelfCheck {
    let (check, found) = parse(SAMPLE);
    assert!(found.is_empty(), "the sample has no problems: {found:?}");
    check.unwrap_or_else(|| panic!("the sample parses"))
}

fn answers(pairs: &[(&str, &str)]) -> Answers {
    pairs
        .iter()
        .map(|(q, o)| (q.to_string(), o.to_string()))
        .collect()
}

fn module(slug: &str) -> Step {
    Step::Module(slug.to_string())
}

#[test]
fn the_sample_asks_eight_to_twelve_questions() {
    let c = sample();
    assert!(
        (8..=12).contains(&c.questions.len()),
        "{}",
        c.questions.len()
    );
    assert!(c.rules.last().is_some_and(|r| r.when.is_empty()));
}

#[test]
fn under_18_puts_the_young_peoples_service_first() {
    let c = sample();
    let o = c.outcome(&answers(&[("age", "under-18"), ("what", "online")]));
    assert!(o.under_18 && !o.urgent);
    assert_eq!(o.steps[0], Step::YoungPeople);
    assert_eq!(o.steps[1], module("sexual-communication-online"));
    let o = c.outcome(&answers(&[("age", "under-18"), ("who", "someone")]));
    assert_eq!(o.steps[..2], [Step::YoungPeople, Step::Family]);
}

#[test]
fn urgent_answers_put_urgent_help_at_the_top() {
    let c = sample();
    for urgent in [("now", "might-act"), ("contact", "yes")] {
        let o = c.outcome(&answers(&[urgent, ("often", "daily")]));
        assert!(o.urgent, "{urgent:?}");
        assert_eq!(o.steps[0], Step::Urgent, "{urgent:?}");
        assert_eq!(o.steps[1], module("managing-urges"));
    }
    let o = c.outcome(&answers(&[("now", "might-act"), ("age", "under-18")]));
    assert_eq!(o.steps[..2], [Step::Urgent, Step::YoungPeople]);
    let calm = c.outcome(&answers(&[("now", "calm"), ("contact", "no")]));
    assert!(!calm.urgent && !calm.steps.contains(&Step::Urgent));
}

#[test]
fn arrested_goes_to_the_arrested_page_first() {
    let c = sample();
    let o = c.outcome(&answers(&[("arrested", "yes"), ("what", "online")]));
    assert_eq!(o.steps[0], module("arrested-or-under-investigation"));
    assert!(o.message.contains("arrested"));
    let not = c.outcome(&answers(&[("arrested", "no"), ("what", "online")]));
    assert_eq!(not.steps[0], module("sexual-communication-online"));
}

#[test]
fn worried_about_someone_else_goes_to_the_family_pages() {
    let c = sample();
    let o = c.outcome(&answers(&[("who", "someone")]));
    assert_eq!(o.steps, [Step::Family, Step::Call]);
    assert!(o.message.contains("someone else"));
}

#[test]
fn the_more_specific_rule_comes_first_and_the_rest_fall_through() {
    let c = sample();
    let often = c.outcome(&answers(&[("what", "online"), ("often", "daily")]));
    assert!(often.steps.contains(&Step::Urge));
    let rarely = c.outcome(&answers(&[("what", "online"), ("often", "rarely")]));
    assert!(!rarely.steps.contains(&Step::Urge));
    let last = c.rules.len() - 1;
    assert_eq!(c.outcome(&answers(&[("told", "someone")])).rule, last);
    assert_eq!(c.outcome(&Answers::new()).rule, last);
}

#[test]
fn reading_a_form_keeps_only_real_options() {
    let c = sample();
    let fields = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    let read = c.read(&fields(&[("who", "me"), ("age", ""), ("download", "a4")]));
    assert_eq!(read, Ok(answers(&[("who", "me")])));
    assert_eq!(c.read(&fields(&[("age", "")])), Err(AnswerError::Nothing));
    assert_eq!(
        c.read(&fields(&[("who", "me"), ("age", "42")])),
        Err(AnswerError::Unknown)
    );
}

const SMALL: &str = r#"title = "T"
intro = "I"

[[question]]
id = "a"
text = "A?"
[[question.option]]
id = "x"
label = "X"
[[question.option]]
id = "y"
label = "Y"
[[question.option]]
id = "z"
label = "Z"

[[question]]
id = "b"
text = "B?"
[[question.option]]
id = "x"
label = "X"
[[question.option]]
id = "y"
label = "Y"

"#;

fn with_rules(rules: &str) -> Found {
    parse(&format!("{SMALL}{rules}")).1
}

#[test]
fn unknown_questions_options_and_steps_are_errors_with_their_lines() {
    let found = with_rules(
        "[[rule]]\nwhen = { c = [\"x\"] }\nrecommend = [\"call\"]\n\n[[rule]]\nwhen = { a = [\"w\"] }\nrecommend = [\"no-such-module\"]\n\n[[rule]]\nrecommend = [\"getting-support\"]\n",
    );
    let lines: Vec<(usize, &str)> = found.iter().map(|f| (f.1, f.2.as_str())).collect();
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        lines[0].0 == 28 && lines[0].1.contains("question `c`"),
        "{lines:?}"
    );
    assert!(
        lines[1].0 == 32 && lines[1].1.contains("no option `w`"),
        "{lines:?}"
    );
    assert!(
        lines[2].0 == 33 && lines[2].1.contains("no-such-module"),
        "{lines:?}"
    );
}

#[test]
fn a_rule_after_a_broader_one_is_unreachable() {
    let found = with_rules(
        "[[rule]]\nwhen = { a = [\"x\", \"y\"] }\nrecommend = [\"call\"]\n\n[[rule]]\nwhen = { a = [\"x\"], b = [\"y\"] }\nrecommend = [\"urge\"]\n\n[[rule]]\nrecommend = [\"call\"]\n",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Error);
    assert_eq!(found[0].1, 31, "the rule's [[rule]] line: {found:?}");
    assert!(found[0].2.contains("never be chosen") && found[0].2.contains("line 27"));
    let after_catch_all =
        with_rules("[[rule]]\nrecommend = [\"call\"]\n\n[[rule]]\nrecommend = [\"urge\"]\n");
    assert!(
        after_catch_all[0].2.contains("never be chosen"),
        "{after_catch_all:?}"
    );
}

#[test]
fn crossing_conditions_are_reported_and_specific_first_is_not() {
    let crossing = with_rules(
        "[[rule]]\nwhen = { a = [\"x\", \"y\"] }\nrecommend = [\"call\"]\n\n[[rule]]\nwhen = { a = [\"y\", \"z\"] }\nrecommend = [\"urge\"]\n\n[[rule]]\nrecommend = [\"call\"]\n",
    );
    assert_eq!(crossing.len(), 1, "{crossing:?}");
    assert_eq!(crossing[0].0, Severity::Warning);
    assert!(crossing[0].2.contains("a = y"), "{crossing:?}");
    let specific_first = with_rules(
        "[[rule]]\nwhen = { a = [\"x\"], b = [\"x\"] }\nrecommend = [\"call\"]\n\n[[rule]]\nwhen = { a = [\"x\", \"y\"] }\nrecommend = [\"urge\"]\n\n[[rule]]\nrecommend = [\"call\"]\n",
    );
    assert!(specific_first.is_empty(), "{specific_first:?}");
    let separate = with_rules(
        "[[rule]]\nwhen = { a = [\"x\"] }\nrecommend = [\"call\"]\n\n[[rule]]\nwhen = { a = [\"y\"], b = [\"x\"] }\nrecommend = [\"urge\"]\n\n[[rule]]\nrecommend = [\"call\"]\n",
    );
    assert!(separate.is_empty(), "{separate:?}");
}

#[test]
fn the_last_rule_must_catch_everything() {
    let found = with_rules("[[rule]]\nwhen = { a = [\"x\"] }\nrecommend = [\"call\"]\n");
    assert!(found.iter().any(|f| f.2.contains("last rule")), "{found:?}");
    let none = with_rules("");
    assert!(none.iter().any(|f| f.2.contains("no rules")), "{none:?}");
}

#[test]
fn steps_whose_page_is_missing_are_errors() {
    let mut d = Diagnostics::new();
    let text = format!("{SMALL}[[rule]]\nrecommend = [\"family\", \"urge\", \"messages\"]\n");
    let check = parse_self_check(Path::new("s.toml"), &text, &Known::default(), &mut d);
    assert!(check.is_none());
    assert_eq!(d.error_count(), 3);
}
