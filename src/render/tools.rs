//! Views of the tools that store nothing.

use askama::Template;
use jiff::civil::Date;

use super::views::Layout;
use crate::i18n::I18n;

/// The reminder form, on its own page or inside another (a module, the
/// survey's thank-you page, a sent message).
#[derive(Debug, Clone)]
pub struct ReminderForm {
    /// The day (`YYYY-MM-DD`), or empty for the person to choose.
    pub on: String,
    /// The earliest and latest day the date field offers, or empty (on a
    /// page kept for many days, where the server checks alone).
    pub min: String,
    pub max: String,
    pub title: String,
    pub description: String,
}

impl ReminderForm {
    /// A form for today onwards, the day `on` filled in if given.
    pub fn new(t: &I18n, today: Date, on: Option<Date>) -> Self {
        let last = today
            .checked_add(jiff::Span::new().days(pathway_core::reminder::MAX_DAYS_AHEAD))
            .unwrap_or(today);
        Self {
            on: on.map(|d| d.to_string()).unwrap_or_default(),
            min: today.to_string(),
            max: last.to_string(),
            title: t.t("reminder-default-title"),
            description: String::new(),
        }
    }

    /// A form with no day and no limits: for pages rendered once and kept.
    pub fn undated(t: &I18n) -> Self {
        Self {
            on: String::new(),
            min: String::new(),
            max: String::new(),
            title: t.t("reminder-default-title"),
            description: String::new(),
        }
    }
}

#[derive(Template)]
#[template(path = "reminder.html")]
pub struct ReminderPage {
    pub l: Layout,
    pub form: ReminderForm,
    /// What to change, or empty.
    pub error: String,
}

/// The coping card's fields: form name and the Fluent key of its heading.
pub const CARD_FIELDS: [(&str, &str); 4] = [
    ("warning-signs", "card-warning-signs"),
    ("instead", "card-instead"),
    ("call", "card-call"),
    ("reasons", "card-reasons"),
];

#[derive(Debug, Clone)]
pub struct CardField {
    pub name: &'static str,
    pub label: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "card.html")]
pub struct CardPage {
    pub l: Layout,
    pub fields: Vec<CardField>,
    /// What to change, or empty.
    pub error: String,
    pub max_chars: usize,
}
