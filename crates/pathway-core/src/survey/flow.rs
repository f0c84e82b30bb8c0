//! The survey flow as a pure function: where a draft is, what the person
//! pressed, and what happens next. No clock, no store, no HTTP: the web
//! layer reads the draft, calls [`step`], and carries out the [`Step`]
//! (save, show, submit) it returns.

use super::Survey;
use super::answers::{AnswerError, Answers, Value, check_page, field_name, visible};
use super::{QuestionKind, Series};

/// Where a draft is: on a page (0-based), or at the review before sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    Page(usize),
    Review,
}

impl Position {
    /// The position kept in the store as a number: a page index, or the
    /// number of pages for the review. A stored number beyond the pages
    /// (for example after a page was removed under a new version) is the
    /// review too, so that nothing is lost.
    pub fn from_stored(survey: &Survey, stored: i64) -> Position {
        match usize::try_from(stored) {
            Ok(p) if p < survey.pages.len() => Position::Page(p),
            Ok(_) => Position::Review,
            Err(_) => Position::Page(0),
        }
    }

    /// The number kept in the store for this position.
    pub fn stored(self, survey: &Survey) -> i64 {
        let n = match self {
            Position::Page(p) => p,
            Position::Review => survey.pages.len(),
        };
        i64::try_from(n).unwrap_or(i64::MAX)
    }
}

/// What the person pressed on a survey page or the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Show where the draft is ("Continue now" after saving, or no button).
    Stay,
    Next,
    Back,
    /// "Save and continue later": the draft is kept and a code shown.
    Save,
    /// "Change" on the review: go to that page.
    Change(usize),
    Submit,
}

impl Action {
    /// The action named by a form's `action` field; anything else is `Stay`.
    pub fn parse(value: Option<&str>) -> Action {
        match value {
            Some("next") => Action::Next,
            Some("back") => Action::Back,
            Some("save") => Action::Save,
            Some("submit") => Action::Submit,
            Some(v) => v
                .strip_prefix("change-")
                .and_then(|n| n.parse().ok())
                .map_or(Action::Stay, Action::Change),
            None => Action::Stay,
        }
    }
}

/// A draft as the flow sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub position: Position,
    pub answers: Answers,
}

/// What the web layer does next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Save the draft at `draft.position`, then show that page or the review.
    Show(Draft),
    /// Show page `page` again with `errors`; nothing is saved.
    Invalid {
        page: usize,
        answers: Answers,
        errors: Vec<AnswerError>,
    },
    /// The person is under 18: the draft is deleted and the young people's
    /// service shown.
    Young,
    /// Save the draft where it is and give the person a code to carry on.
    SaveCode(Draft),
    /// Every page checked again and passed: store these answers.
    Submit(Answers),
}

/// The next step from `draft` when the person pressed `action` with the
/// current page's form `fields` (decoded, without `token` and `action`).
pub fn step(survey: &Survey, draft: Draft, action: Action, fields: &[(String, String)]) -> Step {
    let Draft { position, answers } = draft;
    let Position::Page(current) = position else {
        return from_review(survey, answers, action);
    };
    let (answers, errors) = match action {
        Action::Next | Action::Back | Action::Save => read_page(survey, current, fields, answers),
        _ => (answers, Vec::new()),
    };
    match action {
        Action::Next if !errors.is_empty() => Step::Invalid {
            page: current,
            answers,
            errors,
        },
        Action::Next if under_18(survey, &answers) => Step::Young,
        Action::Next => Step::Show(Draft {
            position: next_visible(survey, current, &answers),
            answers,
        }),
        Action::Back => Step::Show(Draft {
            position: Position::Page(previous_visible(survey, current, &answers)),
            answers,
        }),
        Action::Save => Step::SaveCode(Draft { position, answers }),
        Action::Submit => submit(survey, answers),
        Action::Change(n) => Step::Show(Draft {
            position: change_to(survey, n, position),
            answers,
        }),
        Action::Stay => Step::Show(Draft { position, answers }),
    }
}

/// From the review there is no page form: answers stay as they are.
fn from_review(survey: &Survey, answers: Answers, action: Action) -> Step {
    let position = Position::Review;
    match action {
        Action::Submit => submit(survey, answers),
        Action::Save => Step::SaveCode(Draft { position, answers }),
        Action::Change(n) => Step::Show(Draft {
            position: change_to(survey, n, position),
            answers,
        }),
        Action::Back => Step::Show(Draft {
            position: Position::Page(previous_visible(survey, survey.pages.len(), &answers)),
            answers,
        }),
        Action::Next | Action::Stay => Step::Show(Draft { position, answers }),
    }
}

/// The answers with page `page`'s replaced by what the form says, and the
/// problems found on it.
fn read_page(
    survey: &Survey,
    page: usize,
    fields: &[(String, String)],
    answers: Answers,
) -> (Answers, Vec<AnswerError>) {
    let Some(p) = survey.pages.get(page) else {
        return (answers, Vec::new());
    };
    let mut earlier: Answers = answers
        .into_iter()
        .filter(|(k, _)| !p.questions.iter().any(|q| &q.id == k))
        .collect();
    let (new, errors) = check_page(survey, page, fields, &earlier);
    earlier.extend(new);
    (earlier, errors)
}

/// Page `n` when it exists, else where the person already is.
fn change_to(survey: &Survey, n: usize, from: Position) -> Position {
    if n < survey.pages.len() {
        Position::Page(n)
    } else {
        from
    }
}

/// Whether page `page` shows any question, given the answers.
pub fn page_has_visible(survey: &Survey, page: usize, answers: &Answers) -> bool {
    survey
        .pages
        .get(page)
        .is_some_and(|p| p.questions.iter().any(|q| visible(q, answers)))
}

/// The first page after `current` with a question to show, or the review.
fn next_visible(survey: &Survey, current: usize, answers: &Answers) -> Position {
    (current + 1..survey.pages.len())
        .find(|p| page_has_visible(survey, *p, answers))
        .map_or(Position::Review, Position::Page)
}

/// The last page before `current` with a question to show, or the first.
fn previous_visible(survey: &Survey, current: usize, answers: &Answers) -> usize {
    (1..current.min(survey.pages.len()))
        .rev()
        .find(|p| page_has_visible(survey, *p, answers))
        .unwrap_or(0)
}

/// Whether an answer says the person is under 18.
pub fn under_18(survey: &Survey, answers: &Answers) -> bool {
    survey
        .questions()
        .any(|q| match (&q.kind, answers.get(&q.id)) {
            (QuestionKind::Single { options }, Some(Value::Choice(c))) => {
                options.iter().any(|o| o.under_18 && &o.id == c)
            }
            _ => false,
        })
}

/// Whether an answer on page `page` reports something a child may be at
/// risk from now (an option marked `safety`): the page after it starts
/// with the safety block, and the questionnaire carries on.
pub fn safety_answer(survey: &Survey, page: usize, answers: &Answers) -> bool {
    let chosen =
        |options: &[super::Choice], id: &String| options.iter().any(|o| o.safety && &o.id == id);
    survey.pages.get(page).is_some_and(|p| {
        p.questions
            .iter()
            .any(|q| match (&q.kind, answers.get(&q.id)) {
                (QuestionKind::Single { options }, Some(Value::Choice(c))) => chosen(options, c),
                (QuestionKind::Multiple { options, .. }, Some(Value::Choices { ids, .. })) => {
                    ids.iter().any(|c| chosen(options, c))
                }
                _ => false,
            })
    })
}

/// Every page checked again (nothing unchecked reaches the store): the
/// first page with a problem is shown again with it.
fn submit(survey: &Survey, answers: Answers) -> Step {
    for page in 0..survey.pages.len() {
        let (_, errors) = check_page(survey, page, &form_of(survey, page, &answers), &answers);
        if !errors.is_empty() {
            return Step::Invalid {
                page,
                answers,
                errors,
            };
        }
    }
    Step::Submit(answers)
}

/// The answers of page `i` as the form would send them (for re-checking).
pub fn form_of(survey: &Survey, i: usize, answers: &Answers) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Some(p) = survey.pages.get(i) else {
        return out;
    };
    for q in &p.questions {
        let name = field_name(&q.id);
        match answers.get(&q.id) {
            Some(Value::Choice(c)) => out.push((name, c.clone())),
            Some(Value::Choices { ids, other }) => {
                out.extend(ids.iter().map(|id| (name.clone(), id.clone())));
                if let Some(o) = other {
                    out.push((format!("{name}-other"), o.clone()));
                }
            }
            Some(Value::Point(n)) => out.push((name, n.to_string())),
            Some(Value::Number(n)) => out.push((name, n.to_string())),
            Some(Value::Text(t)) => out.push((name, t.clone())),
            Some(Value::Matrix(m)) => out.extend(
                m.iter()
                    .map(|(item, n)| (format!("{name}-{item}"), n.to_string())),
            ),
            None => {}
        }
    }
    out
}

/// The follow-up of survey `baseline` among `surveys`, with its delay in
/// weeks.
pub fn follow_up_of<'a>(surveys: &'a [Survey], baseline: &str) -> Option<(&'a Survey, u32)> {
    surveys.iter().find_map(|s| match &s.series {
        Some(Series::FollowUp { of, after_weeks }) if of == baseline => Some((s, *after_weeks)),
        _ => None,
    })
}

#[cfg(test)]
mod tests;
