//! Pages for writing to the helpline and reading its replies: views only
//! (the handlers in `http::messages` fill them).

use askama::Template;

use super::markdown::to_html;
use super::survey::ErrorView;
use super::views::Layout;
use crate::content::Site;
use crate::i18n::I18n;

/// One message of a conversation as its writer sees it.
#[derive(Debug, Clone)]
pub struct MessageView {
    /// "You", or the practitioner's role.
    pub from: String,
    pub on: String,
    pub by_staff: bool,
    pub paragraphs: Vec<String>,
}

/// A piece of the text on the warning page: plain, or marked as looking
/// like a contact detail (with what kind, for screen readers too).
#[derive(Debug, Clone)]
pub struct PartView {
    pub text: String,
    pub flagged: Option<String>,
}

/// The young people's service and the service's policy.
#[derive(Debug, Clone)]
pub struct YoungView {
    pub name: String,
    pub description: String,
    pub url: Option<String>,
    pub policy_html: String,
}

/// Every messages page; `mode` chooses what is shown: "write", "warning",
/// "sent", "read", "conversation", "confirm-delete", "deleted", "message".
#[derive(Template)]
#[template(path = "messages.html")]
pub struct MessageScreen {
    pub l: Layout,
    pub mode: &'static str,
    pub heading: String,
    pub lead: String,
    pub notice: String,
    pub errors: Vec<ErrorView>,
    /// The text, nickname and under-18 answer as typed, kept on every error.
    pub text: String,
    pub nickname: String,
    pub under_18: bool,
    pub parts: Vec<PartView>,
    /// The conversation code: shown once after sending, and carried in the
    /// forms of the conversation page (POST bodies only, never a URL).
    pub code: String,
    /// "We aim to reply by …", and the same day as YYYY-MM-DD for the
    /// calendar reminder.
    pub reply_by: String,
    pub reminder: super::tools::ReminderForm,
    pub keep: String,
    pub confidentiality_html: String,
    pub messages: Vec<MessageView>,
    pub young: Option<YoungView>,
    pub max_chars: usize,
    pub text_hint: String,
}

impl MessageScreen {
    /// A messages page in layout `l` (built once by the caller, with its
    /// language links).
    pub fn new(l: Layout, site: &Site, t: &I18n, mode: &'static str, heading: String) -> Self {
        Self {
            l,
            mode,
            heading,
            lead: String::new(),
            notice: String::new(),
            errors: Vec::new(),
            text: String::new(),
            nickname: String::new(),
            under_18: false,
            parts: Vec::new(),
            code: String::new(),
            reply_by: String::new(),
            reminder: super::tools::ReminderForm::undated(t),
            keep: t.ta(
                "messages-keep",
                &[("days", &site.messages.keep_days.to_string())],
            ),
            confidentiality_html: super::markdown::confidentiality_html(site),
            messages: Vec::new(),
            young: None,
            max_chars: pathway_core::message::MAX_MESSAGE_CHARS,
            text_hint: t.ta(
                "messages-text-hint",
                &[("max", &pathway_core::message::MAX_MESSAGE_CHARS.to_string())],
            ),
        }
    }

    /// Adds the young people's service and the policy.
    pub fn with_young(mut self, site: &Site) -> Self {
        let y = &site.young_people;
        self.young = Some(YoungView {
            name: y.name.clone(),
            description: y.description.clone(),
            url: y.url.clone(),
            policy_html: to_html(&site.messages.under_18_policy),
        });
        self
    }
}

/// A message's text as paragraphs (blank lines split them; single line
/// breaks are kept by the style sheet).
pub fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}
