//! The documents' data, as the templates read it. The site builds these
//! from its content model; every string is placed as text, never markup.

use serde::Serialize;

/// A run of inline text.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub strong: bool,
    pub emph: bool,
    pub code: bool,
    /// An https, mailto or tel address; site-relative links are plain text.
    pub link: Option<String>,
}

/// One block of a module.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Block {
    /// A section heading: one bookmark each.
    Heading {
        text: String,
    },
    /// A heading inside a section (not bookmarked).
    Subheading {
        text: String,
    },
    Paragraph {
        spans: Vec<Span>,
    },
    List {
        ordered: bool,
        items: Vec<Vec<Span>>,
    },
    Quote {
        blocks: Vec<Block>,
    },
    Case {
        label: String,
        title: String,
        blocks: Vec<Block>,
    },
    /// Reflection questions, each followed by ruled space to write.
    Reflection {
        title: String,
        intro: Vec<Block>,
        questions: Vec<Vec<Span>>,
    },
    /// `style` is "key-point" or "warning".
    Callout {
        style: String,
        label: String,
        blocks: Vec<Block>,
    },
    Jurisdictions {
        items: Vec<JurisdictionDoc>,
    },
    /// A worksheet printed blank, to fill in by hand.
    Exercise {
        worksheet: ExerciseDoc,
    },
    Rule,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct JurisdictionDoc {
    pub name: String,
    pub blocks: Vec<Block>,
}

/// The helpline and crisis details on the last page.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct HelpDoc {
    pub heading: String,
    pub helpline_name: String,
    pub helpline_phone: String,
    pub helpline_note: String,
    pub hours_heading: String,
    pub hours: Vec<(String, String)>,
    pub crisis_heading: String,
    pub crisis: Vec<CrisisDoc>,
    pub emergency: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CrisisDoc {
    pub name: String,
    pub phone: String,
    pub hours: String,
}

/// A module, typeset for print.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ModuleDoc {
    /// Language and region, such as "en" and "GB".
    pub lang: String,
    pub region: String,
    /// The PDF's title metadata: the neutral page title ("Module 3 – Pathway").
    pub meta_title: String,
    pub author: String,
    pub programme: String,
    pub number_text: String,
    pub title: String,
    pub minutes: String,
    pub aims_intro: String,
    pub aims: Vec<String>,
    pub sample_note: Option<String>,
    pub page_label: String,
    pub blocks: Vec<Block>,
    pub help: HelpDoc,
}

/// One field of a worksheet, with its answer if filled in.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum FieldDoc {
    Text {
        label: String,
        help: String,
        answer: String,
    },
    Checklist {
        label: String,
        help: String,
        options: Vec<(String, bool)>,
    },
    Scale {
        label: String,
        help: String,
        min_label: String,
        max_label: String,
        answer: Option<u8>,
    },
}

/// An exercise's fields (blank in a module PDF, filled in a worksheet PDF).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ExerciseDoc {
    pub title: String,
    pub intro: Vec<Block>,
    pub fields: Vec<FieldDoc>,
}

/// A filled-in worksheet.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct WorksheetDoc {
    pub lang: String,
    pub region: String,
    pub meta_title: String,
    pub author: String,
    pub programme: String,
    pub note: String,
    pub page_label: String,
    pub worksheet: ExerciseDoc,
    pub help: HelpDoc,
}

/// A coping card: what the person wrote under each heading, with the
/// helpline and the emergency number, on a wallet-size card or A4.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CardDoc {
    pub lang: String,
    pub region: String,
    /// Neutral, like every title here.
    pub meta_title: String,
    pub author: String,
    pub programme: String,
    pub page_label: String,
    /// "wallet" (85 x 55 mm pages) or "a4".
    pub size: String,
    pub title: String,
    /// (heading, what the person wrote), only those filled in.
    pub items: Vec<(String, String)>,
    /// "Helpline: …", and the emergency line.
    pub help: Vec<String>,
}

/// "Where do I start?": the steps suggested for one set of answers, on one
/// A4 page, with the helpline and the emergency number.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StepsDoc {
    pub lang: String,
    pub region: String,
    /// Neutral, like every title here.
    pub meta_title: String,
    pub author: String,
    pub programme: String,
    pub page_label: String,
    pub title: String,
    /// Printed first when an answer was urgent: what to do now.
    pub urgent: Vec<String>,
    /// The matching rule's message as plain text, or empty.
    pub message: String,
    /// (title, one line about it), in order.
    pub steps: Vec<(String, String)>,
    /// "Helpline: …", the first crisis line, and the emergency line.
    pub help: Vec<String>,
}
