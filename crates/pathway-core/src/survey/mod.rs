//! Survey definitions (`content/surveys/<id>.toml`): the model and its
//! validation, pure (no file I/O). The survey flow and storage build on it.

pub mod answers;
pub mod code;
pub mod export;
pub mod flow;
pub mod paired;
mod parse;
pub mod results;
mod rules;
pub mod scores;
pub mod scrub;
mod series;
pub mod token;
mod translate;

pub use parse::parse_survey;
pub use series::check_series;
pub use translate::localize_survey;

use std::path::PathBuf;

/// An option of a choice question, or an item of a matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub id: String,
    pub label: String,
    /// Choosing it means the person is under 18 (age-band questions).
    pub under_18: bool,
    /// Choosing it reports something a child may be at risk from now (for
    /// example ongoing contact): the next page starts with the safety
    /// block, and the questionnaire carries on.
    pub safety: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionKind {
    Single {
        options: Vec<Choice>,
    },
    Multiple {
        options: Vec<Choice>,
        other: bool,
    },
    /// 5- or 7-point, every point labelled.
    Likert {
        labels: Vec<String>,
    },
    /// 0 to 10 with labelled ends.
    Scale {
        min_label: String,
        max_label: String,
    },
    Number {
        min: i64,
        max: i64,
    },
    ShortText {
        max_chars: usize,
    },
    LongText {
        max_chars: usize,
    },
    /// Several items rated on one labelled scale.
    Matrix {
        items: Vec<Choice>,
        labels: Vec<String>,
    },
}

/// Show a question only when an earlier choice question was answered with
/// one of `any_of`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShowIf {
    pub question: String,
    pub any_of: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub help: String,
    pub required: bool,
    pub kind: QuestionKind,
    pub show_if: Option<ShowIf>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub title: String,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreMethod {
    Sum,
    Mean,
}

/// A scored scale over chosen items (question ids, or `matrix.item`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    pub id: String,
    pub label: String,
    pub method: ScoreMethod,
    pub items: Vec<String>,
    pub reverse: Vec<String>,
}

/// How a survey relates to another, linked only by the person's own code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Series {
    Baseline,
    FollowUp { of: String, after_weeks: u32 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Survey {
    pub id: String,
    pub title: String,
    pub version: u32,
    /// Markdown.
    pub introduction: String,
    pub consent: String,
    /// How long the survey takes, as stated to the person (checked against
    /// its length by `pathway check`).
    pub minutes: Option<u32>,
    /// A short per-module survey ("Was this module helpful?"): no age band.
    pub quick: bool,
    pub series: Option<Series>,
    pub pages: Vec<Page>,
    pub scores: Vec<Score>,
    pub file: PathBuf,
    /// SHA-256 of the definition file: a question changed under the same
    /// version is detected against the hash kept for that version.
    pub hash: String,
}

impl Survey {
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.pages.iter().flat_map(|p| p.questions.iter())
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }
}
