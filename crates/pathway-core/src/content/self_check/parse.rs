//! Parsing and checking `self-check.toml`: every problem with its file,
//! line and fix, including rules that can never be chosen and rules whose
//! conditions cross.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{Choice, Question, Rule, SelfCheck, Step};
use crate::content::diag::{Diagnostics, line_of_offset, parse_toml};

/// What the rules may point to, from the rest of the content.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// Published modules' slugs.
    pub modules: Vec<String>,
    /// There are pages for people worried about someone else.
    pub family: bool,
    /// There is a page for when an urge is strong.
    pub urge: bool,
    /// Anonymous messages are switched on.
    pub messages: bool,
}

const HELP: &str = "self-check.toml takes title, intro, [[question]] tables (id, text, hint, [[question.option]] with id, label, under_18, urgent) and [[rule]] tables (when, recommend, message); see docs/content.md";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    title: Spanned<String>,
    intro: Spanned<String>,
    #[serde(default, rename = "question")]
    questions: Vec<Spanned<RawQuestion>>,
    #[serde(default, rename = "rule")]
    rules: Vec<Spanned<RawRule>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    text: String,
    #[serde(default)]
    hint: String,
    #[serde(default, rename = "option")]
    options: Vec<RawChoice>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    id: String,
    label: String,
    #[serde(default)]
    under_18: bool,
    #[serde(default)]
    urgent: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    #[serde(default)]
    when: Option<Spanned<BTreeMap<String, Vec<String>>>>,
    recommend: Spanned<Vec<String>>,
    #[serde(default)]
    message: String,
}

/// Parses and checks `self-check.toml` against what the rest of the
/// content offers; with any error there is no self-check, and each
/// problem goes to `diags`.
pub fn parse_self_check(
    file: &Path,
    text: &str,
    known: &Known,
    diags: &mut Diagnostics,
) -> Option<SelfCheck> {
    let raw: RawCheck = parse_toml(file, text, 1, diags, "", HELP)?;
    let before = diags.error_count();
    let mut c = Checker {
        file,
        text,
        known,
        diags,
    };
    for (value, what) in [(&raw.title, "title"), (&raw.intro, "intro")] {
        if value.get_ref().trim().is_empty() {
            let line = c.line(value.span().start);
            c.error(
                line,
                format!("`{what}` is empty"),
                format!("write the {what}"),
            );
        }
    }
    let questions = c.questions(&raw.questions);
    let rules = c.rules(&raw.rules, &questions);
    c.reachability(&rules);
    if c.diags.error_count() > before {
        return None;
    }
    Some(SelfCheck {
        title: raw.title.into_inner(),
        intro: raw.intro.into_inner(),
        questions,
        rules,
    })
}

struct Checker<'a> {
    file: &'a Path,
    text: &'a str,
    known: &'a Known,
    diags: &'a mut Diagnostics,
}

impl Checker<'_> {
    fn line(&self, offset: usize) -> usize {
        line_of_offset(self.text, offset)
    }

    fn error(&mut self, line: usize, message: impl Into<String>, help: impl Into<String>) {
        self.diags.error(self.file, line, message, help);
    }

    fn questions(&mut self, raw: &[Spanned<RawQuestion>]) -> Vec<Question> {
        if raw.is_empty() {
            self.error(
                1,
                "the self-check has no questions",
                "add [[question]] tables, each with an id, a text and two or more [[question.option]] tables",
            );
        }
        let mut ids = BTreeSet::new();
        let mut out = Vec::new();
        for q in raw {
            let line = self.line(q.span().start);
            let q = q.get_ref();
            if !crate::content::site::is_identifier(&q.id) {
                self.error(
                    line,
                    format!("question id `{}` is not a valid id", q.id),
                    "use lower-case letters, digits and dashes, such as `who`",
                );
            }
            if !ids.insert(q.id.clone()) {
                self.error(
                    line,
                    format!("question id `{}` is used twice", q.id),
                    "give every question its own id",
                );
            }
            self.question(line, q);
            out.push(Question {
                id: q.id.clone(),
                text: q.text.clone(),
                hint: q.hint.clone(),
                options: q
                    .options
                    .iter()
                    .map(|o| Choice {
                        id: o.id.clone(),
                        label: o.label.clone(),
                        under_18: o.under_18,
                        urgent: o.urgent,
                    })
                    .collect(),
            });
        }
        out
    }

    fn question(&mut self, line: usize, q: &RawQuestion) {
        if q.text.trim().is_empty() {
            self.error(
                line,
                format!("question `{}` has no text", q.id),
                "write the question",
            );
        }
        if q.options.len() < 2 {
            self.error(
                line,
                format!("question `{}` has fewer than two options", q.id),
                "add [[question.option]] tables with id and label",
            );
        }
        let mut seen = BTreeSet::new();
        for o in &q.options {
            if !crate::content::site::is_identifier(&o.id) || !seen.insert(o.id.as_str()) {
                self.error(
                    line,
                    format!("question `{}`: option id `{}` is not valid or is used twice", q.id, o.id),
                    "give every option of a question its own id of lower-case letters, digits and dashes",
                );
            }
            if o.label.trim().is_empty() {
                self.error(
                    line,
                    format!("question `{}`: option `{}` has no label", q.id, o.id),
                    "write the label people choose",
                );
            }
        }
    }

    fn rules(&mut self, raw: &[Spanned<RawRule>], questions: &[Question]) -> Vec<Rule> {
        let mut out = Vec::new();
        for r in raw {
            let line = self.line(r.span().start);
            let r = r.get_ref();
            let when = match &r.when {
                Some(w) => self.conditions(self.line(w.span().start), w.get_ref(), questions),
                None => Vec::new(),
            };
            let steps = self.steps(self.line(r.recommend.span().start), r.recommend.get_ref());
            out.push(Rule {
                when,
                steps,
                message: r.message.clone(),
                line,
            });
        }
        match out.last() {
            None => self.error(
                1,
                "the self-check has no rules",
                "add [[rule]] tables, the last one without `when` so that every set of answers gets a result",
            ),
            Some(last) if !last.when.is_empty() => {
                let line = last.line;
                self.error(
                    line,
                    "the last rule has conditions, so some answers would get no result",
                    "add a last [[rule]] without `when`: it catches every set of answers no rule above took",
                );
            }
            Some(_) => {}
        }
        out
    }

    fn conditions(
        &mut self,
        line: usize,
        when: &BTreeMap<String, Vec<String>>,
        questions: &[Question],
    ) -> Vec<(String, Vec<String>)> {
        if when.is_empty() {
            self.error(
                line,
                "`when` is empty",
                "name at least one question, or leave `when` out on the last rule",
            );
        }
        for (q, options) in when {
            let Some(question) = questions.iter().find(|x| &x.id == q) else {
                let ids: Vec<&str> = questions.iter().map(|x| x.id.as_str()).collect();
                self.error(
                    line,
                    format!("`when` names question `{q}`, which does not exist"),
                    format!("use one of: {}", ids.join(", ")),
                );
                continue;
            };
            if options.is_empty() {
                self.error(
                    line,
                    format!("the condition on `{q}` lists no options, so the rule can never match"),
                    "list the options that should lead here",
                );
            }
            for o in options {
                if !question.options.iter().any(|x| &x.id == o) {
                    let ids: Vec<&str> = question.options.iter().map(|x| x.id.as_str()).collect();
                    self.error(
                        line,
                        format!("question `{q}` has no option `{o}`"),
                        format!("use one of: {}", ids.join(", ")),
                    );
                }
            }
        }
        when.iter().map(|(q, o)| (q.clone(), o.clone())).collect()
    }

    fn steps(&mut self, line: usize, names: &[String]) -> Vec<Step> {
        if names.is_empty() {
            self.error(line, "`recommend` is empty", "name at least one step");
        }
        let mut steps = Vec::new();
        for name in names {
            let Some(step) = self.step(line, name) else {
                continue;
            };
            if steps.contains(&step) {
                self.diags.warning(
                    self.file,
                    line,
                    format!("`{name}` is recommended twice in one rule"),
                    "list each step once",
                );
                continue;
            }
            steps.push(step);
        }
        steps
    }

    fn step(&mut self, line: usize, name: &str) -> Option<Step> {
        let named = Step::NAMED.iter().find(|(n, _)| *n == name);
        let step = match named {
            Some((_, step)) => step.clone(),
            None if self.known.modules.iter().any(|m| m == name) => Step::Module(name.into()),
            None => {
                let mut valid: Vec<&str> = Step::NAMED.iter().map(|(n, _)| *n).collect();
                valid.extend(self.known.modules.iter().map(String::as_str));
                self.error(
                    line,
                    format!(
                        "`recommend` names `{name}`, which is neither a published module nor a step"
                    ),
                    format!("use one of: {}", valid.join(", ")),
                );
                return None;
            }
        };
        let missing = match step {
            Step::Family if !self.known.family => {
                Some("there are no modules with audience = \"someone-else\"")
            }
            Step::Urge if !self.known.urge => Some("there is no urge.toml"),
            Step::Messages if !self.known.messages => {
                Some("messages are switched off in site.toml")
            }
            _ => None,
        };
        if let Some(why) = missing {
            self.error(
                line,
                format!("`recommend` names `{name}`, but {why}"),
                "add what it points to, or remove the step",
            );
            return None;
        }
        Some(step)
    }

    /// Rules that can never be chosen (an earlier rule takes every answer
    /// they match) are errors; rules whose conditions on a shared question
    /// cross, so that the earlier takes some of the later's answers and
    /// neither is simply the more specific, are warnings.
    fn reachability(&mut self, rules: &[Rule]) {
        for (j, later) in rules.iter().enumerate() {
            for earlier in &rules[..j] {
                if earlier.covers(later) {
                    self.error(
                        later.line,
                        format!(
                            "this rule can never be chosen: the rule at line {} comes first and matches every answer it matches",
                            earlier.line
                        ),
                        "move this rule above that one if it is the more specific, narrow the earlier rule, or remove this one",
                    );
                    break;
                }
                if !earlier.shares_question(later) || later.covers(earlier) {
                    continue;
                }
                if let Some(both) = earlier.shared(later) {
                    let example: Vec<String> =
                        both.iter().map(|(q, o)| format!("{q} = {o}")).collect();
                    self.diags.warning(
                        self.file,
                        later.line,
                        format!(
                            "this rule's conditions overlap the rule at line {}: answers such as {} match both, and the earlier rule wins",
                            earlier.line,
                            example.join(", ")
                        ),
                        "give the two rules separate options for the question they share, or put the more specific rule first",
                    );
                }
            }
        }
    }
}
