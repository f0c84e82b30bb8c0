//! The practitioners' pages: the inbox and one conversation (views only;
//! `http::staff::messages` fills them).

use askama::Template;

/// One open conversation in the inbox.
#[derive(Debug, Clone)]
pub struct InboxRow {
    pub id: i64,
    pub state: String,
    /// "since 1 December 2026", or "" when nothing is owed.
    pub waiting: String,
    pub last: String,
    pub taken_by: String,
    pub concern: bool,
    pub under_18: bool,
    /// The language of the pages it was started from, as "Cymraeg (cy)";
    /// empty on a site with one language.
    pub language: String,
}

#[derive(Template)]
#[template(path = "staff_inbox.html")]
pub struct InboxPage {
    pub heading: String,
    pub assets: &'static str,
    pub nav: bool,
    pub waiting: i64,
    pub oldest: String,
    pub open: i64,
    pub open_concerns: i64,
    pub rows: Vec<InboxRow>,
    /// The site has more than one language: a column says each one's.
    pub languages: bool,
    /// More open conversations than shown.
    pub more: bool,
    /// The signed-in practitioner's display name form.
    pub csrf: String,
    pub display_name: String,
    pub display_name_error: String,
}

/// A message, note or concern as a practitioner reads it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub from: String,
    pub when: String,
    pub by_staff: bool,
    pub paragraphs: Vec<String>,
}

/// A safeguarding concern, with its review once there is one.
#[derive(Debug, Clone)]
pub struct ConcernView {
    pub id: i64,
    pub raised: Entry,
    pub review: Option<Entry>,
    /// This person may review it (someone else raised it).
    pub can_review: bool,
}

#[derive(Template)]
#[template(path = "staff_conversation.html")]
pub struct ConversationPage {
    pub heading: String,
    pub assets: &'static str,
    pub nav: bool,
    pub csrf: String,
    /// How the writer sees this practitioner's replies signed.
    pub signed_as: String,
    pub id: i64,
    pub state: String,
    pub nickname: String,
    pub under_18: bool,
    /// As [`InboxRow::language`].
    pub language: String,
    pub taken_by: String,
    pub mine: bool,
    pub messages: Vec<Entry>,
    pub notes: Vec<Entry>,
    pub concerns: Vec<ConcernView>,
    /// (id, title) of the reply snippets in the content folder.
    pub snippets: Vec<(String, String)>,
    pub notice: String,
    pub error: String,
    /// The reply as typed (kept on an error) or a snippet put in.
    pub reply: String,
    pub max_chars: usize,
}

/// Names of the states as practitioners read them.
pub fn state_label(state: pathway_core::message::State) -> String {
    use pathway_core::message::State;
    super::st::t(match state {
        State::New => "staff-state-new",
        State::WaitingForUs => "staff-state-waiting-for-us",
        State::WaitingForThem => "staff-state-waiting-for-them",
        State::Closed => "staff-state-closed",
    })
}
