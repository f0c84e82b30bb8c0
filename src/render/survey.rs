//! Survey page views: questions with the person's answers and errors.

use askama::Template;

use crate::i18n::I18n;
use crate::survey::answers::{AnswerError, Answers, Value, field_name, visible};
use crate::survey::{QuestionKind, Survey};

use super::markdown::to_html;
use super::views::Layout;

#[derive(Debug, Clone)]
pub struct Opt {
    pub id: String,
    pub value: String,
    pub label: String,
    pub checked: bool,
}

#[derive(Debug, Clone)]
pub struct MatrixRow {
    pub label: String,
    pub name: String,
    pub points: Vec<Opt>,
}

#[derive(Debug, Clone)]
pub struct QuestionView {
    pub dom: String,
    pub name: String,
    /// "single", "multiple", "points", "number", "short-text", "long-text", "matrix".
    pub kind: &'static str,
    pub text: String,
    pub help: String,
    pub required: bool,
    pub options: Vec<Opt>,
    pub value: String,
    pub other: Option<(String, String)>,
    pub rows: Vec<MatrixRow>,
    pub labels: Vec<String>,
    pub min: String,
    pub max: String,
    pub error: Option<String>,
    /// The first question with an error: its first control gets
    /// `autofocus`, so the browser moves there without JavaScript.
    pub focus: bool,
}

impl QuestionView {
    /// The ids of the hint, the error and (for free text) the note about
    /// contact details, for `aria-describedby`: a screen reader then reads
    /// them with the field, not only when someone wanders past them.
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if !self.help.is_empty() {
            ids.push(format!("{}-hint", self.dom));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.dom));
        }
        if self.kind == "short-text" || self.kind == "long-text" {
            ids.push(format!("{}-note", self.dom));
        }
        ids.join(" ")
    }
}

#[derive(Debug, Clone)]
pub struct ErrorView {
    pub href: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct ReviewItem {
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Clone)]
pub struct ReviewPage {
    pub title: String,
    pub index: usize,
    pub items: Vec<ReviewItem>,
}

/// Every survey screen; `mode` chooses what is shown.
#[derive(Template)]
#[template(path = "survey.html")]
pub struct SurveyScreen {
    pub l: Layout,
    /// "intro", "page", "review", "code", "resume", "done", "young", "message".
    pub mode: &'static str,
    pub heading: String,
    pub intro_html: String,
    pub message: String,
    pub token: String,
    pub progress: String,
    pub questions: Vec<QuestionView>,
    pub errors: Vec<ErrorView>,
    pub first_page: bool,
    pub review: Vec<ReviewPage>,
    pub code: String,
    pub consent: String,
    pub young_name: String,
    pub young_description: String,
    pub young_url: Option<String>,
    /// Where the per-module quick survey posts.
    pub quick_action: String,
    /// On the thank-you page of a baseline: when and how the follow-up opens.
    pub follow_up: String,
    pub follow_up_heading: String,
    /// The introduction links to the follow-up.
    pub has_follow_up: bool,
    /// What a downloaded code is for: "resume" or "follow-up".
    pub code_purpose: &'static str,
    /// "About N minutes", when the survey states it.
    pub minutes: String,
    /// The consent form starts this survey instead of the main one
    /// ("entry"), or is empty.
    pub start_as: &'static str,
    /// The page before reported a child at risk now: the safety block
    /// comes first.
    pub safety: bool,
    /// On the thank-you page of a baseline: a calendar reminder for the
    /// day the follow-up opens.
    pub reminder: Option<super::tools::ReminderForm>,
}

impl SurveyScreen {
    pub fn new(l: Layout, mode: &'static str, heading: String) -> Self {
        Self {
            l,
            mode,
            heading,
            intro_html: String::new(),
            message: String::new(),
            token: String::new(),
            progress: String::new(),
            questions: Vec::new(),
            errors: Vec::new(),
            first_page: false,
            review: Vec::new(),
            code: String::new(),
            consent: String::new(),
            young_name: String::new(),
            young_description: String::new(),
            young_url: None,
            quick_action: String::new(),
            follow_up: String::new(),
            follow_up_heading: String::new(),
            has_follow_up: false,
            code_purpose: "resume",
            minutes: String::new(),
            start_as: "",
            safety: false,
            reminder: None,
        }
    }
}

pub fn intro_html(s: &Survey) -> String {
    to_html(&s.introduction)
}

fn opt(dom: &str, id: &str, label: &str, checked: bool) -> Opt {
    Opt {
        id: format!("{dom}-{id}"),
        value: id.to_string(),
        label: label.to_string(),
        checked,
    }
}

/// For a question shown only after an answer on the same page: without
/// JavaScript it cannot appear when that answer is given, so it is always
/// shown, saying when to answer it (the answer is ignored otherwise).
fn same_page_condition(
    p: &crate::survey::Page,
    q: &crate::survey::Question,
    t: &I18n,
) -> Option<String> {
    let rule = q.show_if.as_ref()?;
    let earlier = p.questions.iter().find(|o| o.id == rule.question)?;
    let options = match &earlier.kind {
        QuestionKind::Single { options } | QuestionKind::Multiple { options, .. } => options,
        _ => return None,
    };
    let chosen: Vec<String> = options
        .iter()
        .filter(|o| rule.any_of.contains(&o.id))
        .map(|o| format!("“{}”", o.label))
        .collect();
    let or = format!(" {} ", t.t("survey-or"));
    Some(t.ta("survey-only-if", &[("choices", &chosen.join(&or))]))
}

/// The visible questions of page `page`, filled with `answers`.
pub fn questions(
    s: &Survey,
    page: usize,
    answers: &Answers,
    errors: &[AnswerError],
    t: &I18n,
) -> Vec<QuestionView> {
    let Some(p) = s.pages.get(page) else {
        return Vec::new();
    };
    let mut views: Vec<QuestionView> = p
        .questions
        .iter()
        .filter(|q| visible(q, answers) || same_page_condition(p, q, t).is_some())
        .map(|q| question_view(p, q, answers, errors, t))
        .collect();
    if let Some(first) = views.iter_mut().find(|v| v.error.is_some()) {
        first.focus = true;
    }
    views
}

/// One visible question, filled with its answer and error.
fn question_view(
    p: &crate::survey::Page,
    q: &crate::survey::Question,
    answers: &Answers,
    errors: &[AnswerError],
    t: &I18n,
) -> QuestionView {
    let name = field_name(&q.id);
    let dom = format!("q-{}", q.id);
    let answer = answers.get(&q.id);
    let mut v = QuestionView {
        dom: dom.clone(),
        name: name.clone(),
        kind: "single",
        text: q.text.clone(),
        help: match same_page_condition(p, q, t) {
            Some(only_if) if q.help.is_empty() => only_if,
            Some(only_if) => format!("{only_if} {}", q.help),
            None => q.help.clone(),
        },
        required: q.required,
        options: Vec::new(),
        value: String::new(),
        other: None,
        rows: Vec::new(),
        labels: Vec::new(),
        min: String::new(),
        max: String::new(),
        error: errors
            .iter()
            .find(|e| e.question.as_deref() == Some(q.id.as_str()))
            .map(|e| t.t(e.key)),
        focus: false,
    };
    fill_kind(&mut v, q, answer, &dom, &name);
    v
}

/// The parts of a question's view that depend on its kind.
fn fill_kind(
    v: &mut QuestionView,
    q: &crate::survey::Question,
    answer: Option<&Value>,
    dom: &str,
    name: &str,
) {
    match &q.kind {
        QuestionKind::Single { .. } | QuestionKind::Multiple { .. } => {
            choice_options(v, q, answer, dom, name)
        }
        QuestionKind::Likert { labels } => {
            v.kind = "points";
            v.options = labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    opt(
                        dom,
                        &i.to_string(),
                        l,
                        matches!(answer, Some(Value::Point(n)) if usize::from(*n) == i),
                    )
                })
                .collect();
        }
        QuestionKind::Scale {
            min_label,
            max_label,
        } => {
            v.kind = "points";
            v.min = min_label.clone();
            v.max = max_label.clone();
            v.options = (0..=10u8)
                .map(|i| {
                    opt(
                        dom,
                        &i.to_string(),
                        &i.to_string(),
                        matches!(answer, Some(Value::Point(n)) if *n == i),
                    )
                })
                .collect();
        }
        QuestionKind::Number { min, max } => {
            v.kind = "number";
            v.min = min.to_string();
            v.max = max.to_string();
            if let Some(Value::Number(n)) = answer {
                v.value = n.to_string();
            }
        }
        QuestionKind::ShortText { .. } | QuestionKind::LongText { .. } => {
            v.kind = if matches!(q.kind, QuestionKind::ShortText { .. }) {
                "short-text"
            } else {
                "long-text"
            };
            if let Some(Value::Text(s)) = answer {
                v.value = s.clone();
            }
        }
        QuestionKind::Matrix { items, labels } => {
            v.kind = "matrix";
            v.labels = labels.clone();
            v.rows = matrix_rows(items, labels, answer, dom, name);
        }
    }
}

/// The options of a single or multiple choice question.
fn choice_options(
    v: &mut QuestionView,
    q: &crate::survey::Question,
    answer: Option<&Value>,
    dom: &str,
    name: &str,
) {
    match &q.kind {
        QuestionKind::Single { options } => {
            v.options = options
                .iter()
                .map(|o| {
                    opt(
                        dom,
                        &o.id,
                        &o.label,
                        matches!(answer, Some(Value::Choice(c)) if c == &o.id),
                    )
                })
                .collect();
        }
        QuestionKind::Multiple { options, other } => {
            v.kind = "multiple";
            v.options = options
                .iter()
                .map(|o| {
                    opt(
                        dom,
                        &o.id,
                        &o.label,
                        matches!(answer, Some(Value::Choices { ids, .. }) if ids.contains(&o.id)),
                    )
                })
                .collect();
            if *other {
                let text = match answer {
                    Some(Value::Choices { other: Some(o), .. }) => o.clone(),
                    _ => String::new(),
                };
                v.other = Some((format!("{name}-other"), text));
            }
        }
        _ => {}
    }
}

/// The rows of a matrix question, each a scale of `labels`.
fn matrix_rows(
    items: &[crate::survey::Choice],
    labels: &[String],
    answer: Option<&Value>,
    dom: &str,
    name: &str,
) -> Vec<MatrixRow> {
    items
        .iter()
        .map(|item| {
            let row_dom = format!("{dom}-{}", item.id);
            let chosen = match answer {
                Some(Value::Matrix(m)) => m.get(&item.id).copied(),
                _ => None,
            };
            MatrixRow {
                label: item.label.clone(),
                name: format!("{name}-{}", item.id),
                points: labels
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        opt(
                            &row_dom,
                            &i.to_string(),
                            l,
                            chosen.is_some_and(|c| usize::from(c) == i),
                        )
                    })
                    .collect(),
            }
        })
        .collect()
}

/// A readable answer for the review page.
pub fn answer_text(s: &Survey, id: &str, v: &Value) -> String {
    let Some(q) = s.question(id) else {
        return String::new();
    };
    let label = |opts: &[crate::survey::Choice], id: &str| {
        opts.iter()
            .find(|o| o.id == id)
            .map(|o| o.label.clone())
            .unwrap_or_default()
    };
    match (&q.kind, v) {
        (QuestionKind::Single { options }, Value::Choice(c)) => label(options, c),
        (QuestionKind::Multiple { options, .. }, Value::Choices { ids, other }) => {
            let mut parts: Vec<String> = ids.iter().map(|i| label(options, i)).collect();
            parts.extend(other.clone());
            parts.join("; ")
        }
        (QuestionKind::Likert { labels }, Value::Point(n)) => {
            labels.get(usize::from(*n)).cloned().unwrap_or_default()
        }
        (QuestionKind::Matrix { items, labels }, Value::Matrix(m)) => m
            .iter()
            .map(|(item, n)| {
                format!(
                    "{}: {}",
                    label(items, item),
                    labels.get(usize::from(*n)).cloned().unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        (_, Value::Point(n)) => n.to_string(),
        (_, Value::Number(n)) => n.to_string(),
        (_, Value::Text(t)) => t.clone(),
        _ => String::new(),
    }
}

/// The per-module quick survey at the end of a module page.
#[derive(Debug, Clone)]
pub struct QuickView {
    pub action: String,
    pub title: String,
    pub questions: Vec<QuestionView>,
}

/// The quick survey (the first `quick` survey), blank, for module `slug`,
/// posting to the address of the language whose `prefix` is given.
pub fn quick_view(
    p: &crate::content::Programme,
    slug: &str,
    t: &I18n,
    prefix: &str,
) -> Option<QuickView> {
    let s = p.surveys.iter().find(|s| s.quick)?;
    Some(QuickView {
        action: format!("{prefix}/survey/quick/{slug}"),
        title: s.title.clone(),
        questions: questions(s, 0, &Answers::new(), &[], t),
    })
}
