//! Worksheet forms: on the module page (blank) and shown again with the
//! person's answers and errors when something needs fixing.

use crate::content::{Exercise, FieldKind};
use crate::i18n::I18n;
use crate::worksheet::{Answer, Decoded, input_name};

use super::markdown::to_html;

#[derive(Debug, Clone)]
pub struct ChoiceView {
    pub id: String,
    pub value: String,
    pub label: String,
    pub checked: bool,
}

#[derive(Debug, Clone)]
pub struct FieldView {
    /// "text", "checklist" or "scale".
    pub kind: &'static str,
    pub id: String,
    pub name: String,
    pub label: String,
    pub help: String,
    pub value: String,
    pub max_chars: usize,
    pub choices: Vec<ChoiceView>,
    pub min_label: String,
    pub max_label: String,
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ErrorLink {
    pub href: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct FormView {
    pub id: String,
    pub action: String,
    pub title: String,
    pub intro_html: String,
    pub fields: Vec<FieldView>,
    pub errors: Vec<ErrorLink>,
}

/// The path a worksheet form posts to, under a language's `prefix` ("" or
/// "/cy"): the PDF is typeset in that language.
pub fn action(prefix: &str, slug: &str, exercise_id: &str) -> String {
    format!("{prefix}/modules/{slug}/worksheets/{exercise_id}")
}

pub fn form_view(
    prefix: &str,
    slug: &str,
    e: &Exercise,
    t: &I18n,
    decoded: Option<&Decoded>,
) -> FormView {
    let mut errors = Vec::new();
    if let Some(d) = decoded {
        for err in &d.errors {
            let text = t.t(err.key);
            let href = match &err.field {
                Some(id) => {
                    let label = e.field(id).map(|f| f.label.as_str()).unwrap_or_default();
                    errors.push(ErrorLink {
                        href: format!("#{}", field_dom_id(&e.id, id)),
                        text: format!("{label}: {text}"),
                    });
                    continue;
                }
                None => format!("#{}", e.id),
            };
            errors.push(ErrorLink { href, text });
        }
    }
    let fields = e
        .fields
        .iter()
        .map(|f| field_view(e, f, t, decoded))
        .collect();
    FormView {
        id: e.id.clone(),
        action: action(prefix, slug, &e.id),
        title: e.title.clone(),
        intro_html: e.intro.as_deref().map(to_html).unwrap_or_default(),
        fields,
        errors,
    }
}

/// One field of the form, filled with the person's answer and error.
fn field_view(
    e: &Exercise,
    f: &crate::content::Field,
    t: &I18n,
    decoded: Option<&Decoded>,
) -> FieldView {
    let answer = decoded.and_then(|d| d.answers.get(&f.id));
    let error = decoded.and_then(|d| {
        d.errors
            .iter()
            .find(|x| x.field.as_deref() == Some(f.id.as_str()))
            .map(|x| t.t(x.key))
    });
    let dom = field_dom_id(&e.id, &f.id);
    let mut view = FieldView {
        kind: "text",
        id: dom.clone(),
        name: input_name(&f.id),
        label: f.label.clone(),
        help: f.help.clone(),
        value: String::new(),
        max_chars: 0,
        choices: Vec::new(),
        min_label: String::new(),
        max_label: String::new(),
        error,
    };
    match &f.kind {
        FieldKind::Text { max_chars } => {
            view.max_chars = *max_chars;
            if let Some(Answer::Text(s)) = answer {
                view.value = s.clone();
            }
        }
        FieldKind::Checklist { options } => {
            view.kind = "checklist";
            view.choices = options
                .iter()
                .enumerate()
                .map(|(i, o)| ChoiceView {
                    id: format!("{dom}-{i}"),
                    value: i.to_string(),
                    label: o.clone(),
                    checked: matches!(answer, Some(Answer::Ticked(l)) if l.contains(&i)),
                })
                .collect();
        }
        FieldKind::Scale {
            min_label,
            max_label,
        } => {
            view.kind = "scale";
            view.min_label = min_label.clone();
            view.max_label = max_label.clone();
            view.choices = (0..=10u8)
                .map(|n| ChoiceView {
                    id: format!("{dom}-{n}"),
                    value: n.to_string(),
                    label: n.to_string(),
                    checked: matches!(answer, Some(Answer::Scale(x)) if *x == n),
                })
                .collect();
        }
    }
    view
}

fn field_dom_id(exercise: &str, field: &str) -> String {
    format!("{exercise}--{field}")
}
