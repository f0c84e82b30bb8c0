//! Decoding a worksheet form, pure: answers are checked against the
//! exercise and never leave the request that carries them.

use std::collections::BTreeMap;

use crate::form::decode_part;

use crate::content::{Exercise, FieldKind};

/// One field's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Text(String),
    /// Indexes of ticked options.
    Ticked(Vec<usize>),
    Scale(u8),
}

/// Answers by field id.
pub type Answers = BTreeMap<String, Answer>;

/// A problem with the form, as a Fluent key (and the field it concerns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormError {
    pub field: Option<String>,
    pub key: &'static str,
}

/// The decoded form: every answer that could be read (kept even when other
/// fields have errors), and every problem.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decoded {
    pub answers: Answers,
    pub errors: Vec<FormError>,
}

/// The form name of a field.
pub fn input_name(field_id: &str) -> String {
    format!("f-{field_id}")
}

/// Most name=value pairs a form of this exercise can honestly send.
fn max_pairs(e: &Exercise) -> usize {
    e.fields
        .iter()
        .map(|f| match &f.kind {
            FieldKind::Checklist { options } => options.len(),
            _ => 1,
        })
        .sum::<usize>()
        + 4
}

pub use crate::form::decode_pairs;

/// Decodes an `application/x-www-form-urlencoded` body for `exercise`.
pub fn decode(exercise: &Exercise, body: &[u8]) -> Decoded {
    let mut d = Decoded::default();
    let global = |d: &mut Decoded, key| {
        if !d.errors.iter().any(|e| e.field.is_none() && e.key == key) {
            d.errors.push(FormError { field: None, key });
        }
    };
    let pairs: Vec<&[u8]> = body
        .split(|&b| b == b'&')
        .filter(|p| !p.is_empty())
        .collect();
    if pairs.len() > max_pairs(exercise) {
        global(&mut d, "worksheet-error-too-many");
    }
    for pair in pairs.into_iter().take(max_pairs(exercise)) {
        let mut it = pair.splitn(2, |&b| b == b'=');
        let (Some(name), Some(value)) = (
            it.next().and_then(decode_part),
            Some(it.next().unwrap_or_default()),
        ) else {
            global(&mut d, "worksheet-error-encoding");
            continue;
        };
        let Some(field) = name.strip_prefix("f-").and_then(|id| exercise.field(id)) else {
            global(&mut d, "worksheet-error-unknown-field");
            continue;
        };
        let Some(value) = decode_part(value) else {
            field_error(&mut d, &field.id, "worksheet-error-encoding");
            continue;
        };
        accept(&mut d, field, value);
    }
    d
}

fn field_error(d: &mut Decoded, id: &str, key: &'static str) {
    if !d.errors.iter().any(|e| e.field.as_deref() == Some(id)) {
        d.errors.push(FormError {
            field: Some(id.to_string()),
            key,
        });
    }
}

fn accept(d: &mut Decoded, field: &crate::content::Field, value: String) {
    match &field.kind {
        FieldKind::Text { max_chars } => {
            let value = value.replace("\r\n", "\n");
            if value.chars().count() > *max_chars {
                field_error(d, &field.id, "worksheet-error-too-long");
            }
            if d.answers.contains_key(&field.id) {
                field_error(d, &field.id, "worksheet-error-repeated");
            }
            if !value.trim().is_empty() {
                d.answers.insert(field.id.clone(), Answer::Text(value));
            }
        }
        FieldKind::Checklist { options } => match value.parse::<usize>() {
            Ok(i) if i < options.len() => {
                let entry = d
                    .answers
                    .entry(field.id.clone())
                    .or_insert_with(|| Answer::Ticked(Vec::new()));
                if let Answer::Ticked(list) = entry
                    && !list.contains(&i)
                {
                    list.push(i);
                    list.sort_unstable();
                }
            }
            _ => field_error(d, &field.id, "worksheet-error-choice"),
        },
        FieldKind::Scale { .. } => match value.parse::<u8>() {
            Ok(n) if n <= 10 => {
                if d.answers
                    .insert(field.id.clone(), Answer::Scale(n))
                    .is_some()
                {
                    field_error(d, &field.id, "worksheet-error-repeated");
                }
            }
            _ if value.is_empty() => {}
            _ => field_error(d, &field.id, "worksheet-error-choice"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Field;

    fn exercise() -> Exercise {
        Exercise {
            id: "plan".into(),
            title: "Plan".into(),
            intro: None,
            line: 1,
            fields: vec![
                Field {
                    id: "signs".into(),
                    label: "Signs".into(),
                    help: String::new(),
                    kind: FieldKind::Text { max_chars: 20 },
                },
                Field {
                    id: "avoid".into(),
                    label: "Avoid".into(),
                    help: String::new(),
                    kind: FieldKind::Checklist {
                        options: vec!["a".into(), "b".into(), "c".into()],
                    },
                },
                Field {
                    id: "sure".into(),
                    label: "Sure".into(),
                    help: String::new(),
                    kind: FieldKind::Scale {
                        min_label: "no".into(),
                        max_label: "yes".into(),
                    },
                },
            ],
        }
    }

    #[test]
    fn good_answers_decode() {
        let d = decode(
            &exercise(),
            b"f-signs=late+night%21&f-avoid=0&f-avoid=2&f-sure=7",
        );
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert_eq!(
            d.answers.get("signs"),
            Some(&Answer::Text("late night!".into()))
        );
        assert_eq!(d.answers.get("avoid"), Some(&Answer::Ticked(vec![0, 2])));
        assert_eq!(d.answers.get("sure"), Some(&Answer::Scale(7)));
    }

    #[test]
    fn bad_input_is_reported_and_other_answers_kept() {
        let d = decode(
            &exercise(),
            b"f-signs=far+too+long+text+for+this&f-avoid=9&f-sure=7&f-evil=1",
        );
        let keys: Vec<_> = d
            .errors
            .iter()
            .map(|e| (e.field.as_deref(), e.key))
            .collect();
        assert!(keys.contains(&(Some("signs"), "worksheet-error-too-long")));
        assert!(keys.contains(&(Some("avoid"), "worksheet-error-choice")));
        assert!(keys.contains(&(None, "worksheet-error-unknown-field")));
        // The over-long text is kept so the person can shorten it.
        assert_eq!(
            d.answers.get("signs"),
            Some(&Answer::Text("far too long text for this".into()))
        );
        assert_eq!(d.answers.get("sure"), Some(&Answer::Scale(7)));
    }

    #[test]
    fn invalid_utf8_and_too_many_fields() {
        let d = decode(&exercise(), b"f-signs=%FF%FE&f-sure=3");
        assert!(d.errors.iter().any(|e| e.key == "worksheet-error-encoding"));
        assert_eq!(d.answers.get("sure"), Some(&Answer::Scale(3)));
        let many = "f-avoid=0&".repeat(50);
        let d = decode(&exercise(), many.as_bytes());
        assert!(d.errors.iter().any(|e| e.key == "worksheet-error-too-many"));
    }
}
