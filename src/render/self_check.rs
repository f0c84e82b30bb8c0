//! Views of "Where do I start?": the questions, and the result built from
//! one set of answers (kept only in the page, as hidden fields for the PDF
//! and as the choices already made when the person changes them).

use askama::Template;

use super::InLang;
use super::markdown::to_html_in;
use super::views::{CrisisView, Layout, Phone, crisis_view};
use crate::content::Programme;
use crate::content::hours::HelplineStatus;
use crate::content::self_check::{Answers, Outcome, SelfCheck, Step};
use crate::i18n::I18n;

#[derive(Debug, Clone)]
pub struct ChoiceView {
    pub id: String,
    pub label: String,
    pub checked: bool,
}

#[derive(Debug, Clone)]
pub struct QuestionView {
    pub id: String,
    pub text: String,
    pub hint: String,
    pub options: Vec<ChoiceView>,
}

impl QuestionView {
    /// Whether one of the options is chosen (otherwise "skip" is).
    pub fn answered(&self) -> bool {
        self.options.iter().any(|o| o.checked)
    }
}

/// The questions with the answers already given (or none).
pub fn questions(c: &SelfCheck, answers: &Answers) -> Vec<QuestionView> {
    c.questions
        .iter()
        .map(|q| QuestionView {
            id: q.id.clone(),
            text: q.text.clone(),
            hint: q.hint.clone(),
            options: q
                .options
                .iter()
                .map(|o| ChoiceView {
                    id: o.id.clone(),
                    label: o.label.clone(),
                    checked: answers.get(&q.id) == Some(&o.id),
                })
                .collect(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "self_check.html")]
pub struct SelfCheckPage {
    pub l: Layout,
    pub heading: String,
    pub intro_html: String,
    pub questions: Vec<QuestionView>,
    /// What to change, or empty.
    pub error: String,
}

impl SelfCheckPage {
    /// The questions of `c` in the language of `pages`.
    pub fn new(pages: &InLang<'_>, c: &SelfCheck, answers: &Answers, error: String) -> Self {
        Self {
            l: pages.layout(&c.title, "self-check", "/where-to-start"),
            heading: c.title.clone(),
            intro_html: to_html_in(&c.intro, pages.prefix()),
            questions: questions(c, answers),
            error,
        }
    }
}

/// One next step: where it goes and why.
#[derive(Debug, Clone)]
pub struct StepView {
    pub title: String,
    pub href: String,
    pub text: String,
    /// Leaves this site (the young people's service).
    pub external: bool,
}

#[derive(Template)]
#[template(path = "self_check_result.html")]
pub struct SelfCheckResult {
    pub l: Layout,
    pub heading: String,
    /// Why the PDF could not be made, or empty.
    pub error: String,
    /// Urgent help at the top: 999, the crisis lines, the Urgent help page.
    pub urgent: bool,
    pub emergency_number: String,
    pub emergency_tel: String,
    pub crisis_lines: Vec<CrisisView>,
    pub message_html: String,
    /// The steps in order, Urgent help left out (it is the box at the top).
    pub steps: Vec<StepView>,
    /// The answers, as hidden fields of the PDF form.
    pub answers: Vec<(String, String)>,
    /// The questions again, with the answers chosen, to change them.
    pub questions: Vec<QuestionView>,
    pub open: bool,
    pub status: String,
}

/// The result page for `answers` in the language of `pages`, with the
/// helpline's `status` now.
pub fn result(
    pages: &InLang<'_>,
    c: &SelfCheck,
    answers: &Answers,
    status: &HelplineStatus,
) -> SelfCheckResult {
    let (p, t) = (pages.programme(), pages.i18n());
    let outcome = c.outcome(answers);
    let emergency = Phone::new(&p.site.emergency.number);
    let (open, status, _) = super::pages::status_text(status, t);
    SelfCheckResult {
        l: pages.layout(
            &t.t("self-check-result-title"),
            "self-check",
            "/where-to-start",
        ),
        heading: t.t("self-check-result-heading"),
        error: String::new(),
        urgent: outcome.urgent,
        emergency_number: emergency.display,
        emergency_tel: emergency.tel,
        crisis_lines: p.site.crisis_lines.iter().map(crisis_view).collect(),
        message_html: to_html_in(outcome.message, pages.prefix()),
        steps: steps(p, &outcome, t, &status, pages.prefix()),
        answers: answers
            .iter()
            .map(|(q, a)| (q.clone(), a.clone()))
            .collect(),
        questions: questions(c, answers),
        open,
        status,
    }
}

/// The outcome's steps as links with a line each (Urgent help left out),
/// to the pages of the language whose address prefix is `prefix`.
pub fn steps(
    p: &Programme,
    o: &Outcome<'_>,
    t: &I18n,
    status: &str,
    prefix: &str,
) -> Vec<StepView> {
    o.steps
        .iter()
        .filter(|s| **s != Step::Urgent)
        .filter_map(|s| step(p, s, t, status, prefix))
        .collect()
}

fn step(p: &Programme, s: &Step, t: &I18n, status: &str, prefix: &str) -> Option<StepView> {
    let site = &p.site;
    let local = |title: String, href: &str, text: String| StepView {
        title,
        href: if super::locales::is_localized(href) {
            super::locales::in_prefix(prefix, href)
        } else {
            href.to_string()
        },
        text,
        external: false,
    };
    Some(match s {
        Step::Module(slug) => {
            let m = p.module(slug)?;
            local(
                m.front.title.clone(),
                &format!("/modules/{slug}"),
                m.front.summary.clone(),
            )
        }
        Step::Family => local(
            t.t("home-family-heading"),
            "/#family-and-friends",
            site.someone_else.description.clone(),
        ),
        Step::YoungPeople => StepView {
            title: site.young_people.name.clone(),
            href: site
                .young_people
                .url
                .clone()
                .unwrap_or_else(|| "/crisis".into()),
            text: site.young_people.description.clone(),
            external: site.young_people.url.is_some(),
        },
        Step::Urgent => local(
            site.titles.crisis.clone(),
            "/crisis",
            site.emergency.text.clone(),
        ),
        Step::Call => local(
            t.ta("self-check-step-call", &[("name", &site.helpline.name)]),
            &Phone::new(&site.helpline.phone).tel,
            format!("{} {status}", site.helpline.phone),
        ),
        Step::Urge => local(
            p.urge.as_ref().map(|u| u.title.clone())?,
            "/urge",
            t.t("self-check-step-urge"),
        ),
        Step::CopingCard => local(
            t.t("card-heading"),
            "/coping-card",
            t.t("self-check-step-card"),
        ),
        Step::Messages => local(
            t.t("messages-title"),
            "/messages",
            t.t("self-check-step-messages"),
        ),
    })
}
