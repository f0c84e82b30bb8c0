//! `self-check.toml`: "Where do I start?" (optional). A few questions with
//! fixed options and rules that turn one set of answers into next steps.
//! Pure: the answers are read from a form, used once and dropped; nothing
//! here stores, logs or counts them.
//!
//! Rules are tried in order and the first whose conditions all hold gives
//! the steps; the last rule has no conditions, so every set of answers
//! gets a result. Two flags work whatever the rules say: an option marked
//! `urgent` puts Urgent help first, and one marked `under_18` puts the
//! young people's service first after it.

mod parse;
#[cfg(test)]
mod tests;
mod translate;

use std::collections::BTreeMap;

pub use parse::{Known, parse_self_check};
pub use translate::localize_self_check;

/// The validated self-check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelfCheck {
    pub title: String,
    /// Markdown, shown above the questions.
    pub intro: String,
    pub questions: Vec<Question>,
    pub rules: Vec<Rule>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub id: String,
    pub text: String,
    /// Plain text under the question, or empty.
    pub hint: String,
    pub options: Vec<Choice>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub id: String,
    pub label: String,
    /// Choosing it puts the young people's service first.
    pub under_18: bool,
    /// Choosing it puts Urgent help at the top of the result.
    pub urgent: bool,
}

/// One rule: when every condition holds, these steps in this order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// (question id, options any of which satisfies it); empty for the
    /// last rule, which matches everything.
    pub when: Vec<(String, Vec<String>)>,
    pub steps: Vec<Step>,
    /// Markdown shown above the steps, or empty.
    pub message: String,
    /// Where the rule starts in its file.
    pub line: usize,
}

/// One recommended next step.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// A published module, by slug.
    Module(String),
    /// The pages for people worried about someone else.
    Family,
    /// The service for people under 18 (`[young_people]` in site.toml).
    YoungPeople,
    /// The Urgent help page: 999 and the crisis lines.
    Urgent,
    /// Call the helpline now.
    Call,
    /// The page for when an urge is strong.
    Urge,
    /// The coping card.
    CopingCard,
    /// Anonymous messages to the helpline.
    Messages,
}

impl Step {
    /// The steps written by name in `recommend` (modules go by slug).
    pub const NAMED: [(&'static str, Step); 7] = [
        ("family", Step::Family),
        ("young-people", Step::YoungPeople),
        ("urgent", Step::Urgent),
        ("call", Step::Call),
        ("urge", Step::Urge),
        ("coping-card", Step::CopingCard),
        ("messages", Step::Messages),
    ];
}

/// Answers: question id to the chosen option's id. Questions left out
/// were skipped; every question may be skipped.
pub type Answers = BTreeMap<String, String>;

/// Why a posted form gives no result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerError {
    /// No question was answered.
    Nothing,
    /// A value is not one of the question's options (a changed form).
    Unknown,
}

/// What one set of answers leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome<'a> {
    /// An urgent option was chosen: `steps` starts with `Step::Urgent`.
    pub urgent: bool,
    /// An under-18 option was chosen: `Step::YoungPeople` comes next.
    pub under_18: bool,
    /// The matching rule's message (Markdown), or empty.
    pub message: &'a str,
    pub steps: Vec<Step>,
    /// The index of the rule that matched.
    pub rule: usize,
}

impl SelfCheck {
    /// Reads the answers from a posted form's fields. Fields that are not
    /// questions (buttons, the download choice) are ignored; an empty value
    /// is a skipped question.
    pub fn read(&self, fields: &[(String, String)]) -> Result<Answers, AnswerError> {
        let mut answers = Answers::new();
        for q in &self.questions {
            let Some(value) = crate::form::field(fields, &q.id) else {
                continue;
            };
            if value.is_empty() {
                continue;
            }
            if !q.options.iter().any(|o| o.id == value) {
                return Err(AnswerError::Unknown);
            }
            answers.insert(q.id.clone(), value.to_string());
        }
        if answers.is_empty() {
            return Err(AnswerError::Nothing);
        }
        Ok(answers)
    }

    /// The next steps for `answers`: the first rule that matches, with
    /// Urgent help and the young people's service put first when flagged
    /// answers ask for them. Each step appears once.
    pub fn outcome(&self, answers: &Answers) -> Outcome<'_> {
        let chosen = |flag: fn(&Choice) -> bool| {
            self.questions.iter().any(|q| {
                answers
                    .get(&q.id)
                    .is_some_and(|a| q.options.iter().any(|o| &o.id == a && flag(o)))
            })
        };
        let urgent = chosen(|o| o.urgent);
        let under_18 = chosen(|o| o.under_18);
        let (rule, matched) = self
            .rules
            .iter()
            .enumerate()
            .find(|(_, r)| r.matches(answers))
            .or_else(|| self.rules.iter().enumerate().next_back())
            .map_or((0, None), |(i, r)| (i, Some(r)));
        let mut steps = Vec::new();
        if urgent {
            steps.push(Step::Urgent);
        }
        if under_18 {
            steps.push(Step::YoungPeople);
        }
        for s in matched.map(|r| r.steps.as_slice()).unwrap_or_default() {
            if !steps.contains(s) {
                steps.push(s.clone());
            }
        }
        Outcome {
            urgent,
            under_18,
            message: matched.map_or("", |r| r.message.as_str()),
            steps,
            rule,
        }
    }

    /// The question `id`.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

impl Rule {
    /// Whether every condition holds (a skipped question holds none).
    pub fn matches(&self, answers: &Answers) -> bool {
        self.when
            .iter()
            .all(|(q, options)| answers.get(q).is_some_and(|a| options.contains(a)))
    }

    /// Whether every set of answers that `later` matches, this rule
    /// matches too (so that `later`, coming after it, is never chosen).
    pub fn covers(&self, later: &Rule) -> bool {
        self.when.iter().all(|(q, options)| {
            later
                .condition(q)
                .is_some_and(|theirs| theirs.iter().all(|o| options.contains(o)))
        })
    }

    /// Some answers that both rules match, or `None` if there are none.
    pub fn shared(&self, other: &Rule) -> Option<Answers> {
        let mut answers = Answers::new();
        for (q, options) in self.when.iter().chain(other.when.iter()) {
            let both = match (self.condition(q), other.condition(q)) {
                (Some(a), Some(b)) => a.iter().find(|o| b.contains(o)),
                _ => options.first(),
            }?;
            answers.insert(q.clone(), both.clone());
        }
        Some(answers)
    }

    fn condition(&self, question: &str) -> Option<&[String]> {
        self.when
            .iter()
            .find(|(q, _)| q == question)
            .map(|(_, o)| o.as_slice())
    }

    /// Whether both rules test question `q`.
    pub fn shares_question(&self, other: &Rule) -> bool {
        self.when.iter().any(|(q, _)| other.condition(q).is_some())
    }
}
