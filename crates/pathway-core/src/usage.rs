//! What the usage figures count: events only, never who, when in the day
//! or in what order. The counting in memory and the flush to the store are
//! in the server's services.

/// What is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    ModuleView,
    ModulePdf,
    WorksheetPdf,
    SurveyInvitation,
    SurveyStarted,
    SurveyCompleted,
    /// Written by the draft purge, not counted in memory: a survey whose
    /// saved answers expired unfinished, filed under the day it expired.
    SurveyAbandoned,
    GetInTouchView,
    /// "Where do I start?" gave a result (never which one).
    SelfCheckCompleted,
}

impl Event {
    pub const ALL: [Event; 9] = [
        Event::ModuleView,
        Event::ModulePdf,
        Event::WorksheetPdf,
        Event::SurveyInvitation,
        Event::SurveyStarted,
        Event::SurveyCompleted,
        Event::SurveyAbandoned,
        Event::GetInTouchView,
        Event::SelfCheckCompleted,
    ];

    /// The counter's name in the database and in exports.
    pub fn name(self) -> &'static str {
        match self {
            Event::ModuleView => "module-view",
            Event::ModulePdf => "module-pdf",
            Event::WorksheetPdf => "worksheet-pdf",
            Event::SurveyInvitation => "survey-invitation",
            Event::SurveyStarted => "survey-started",
            Event::SurveyCompleted => "survey-completed",
            Event::SurveyAbandoned => "survey-abandoned",
            Event::GetInTouchView => "get-in-touch-view",
            Event::SelfCheckCompleted => "self-check-completed",
        }
    }

    /// The event's place in `ALL`.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The event named `name`.
    pub fn named(name: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|e| e.name() == name)
    }
}

/// One counter's increase since the last flush.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    pub event: &'static str,
    /// The module's slug for module pages and PDFs; empty otherwise.
    pub subject: String,
    pub n: i64,
}

/// Counts of one counter per (day, subject, count), oldest first.
pub type DayCounts = Vec<(String, String, i64)>;
