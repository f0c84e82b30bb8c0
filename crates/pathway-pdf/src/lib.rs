//! Pathway's PDFs, typeset in-process by typst over in-memory sources and
//! the bundled fonts (Atkinson Hyperlegible, SIL Open Font License).
//!
//! Text never enters typst markup: each document is passed as JSON data
//! (`/data.json`) and the templates place its strings as text values.

mod doc;
mod world;

pub use doc::*;

use serde::Serialize;
use typst_layout::PagedDocument;

use world::{Engine as TypstEngine, RenderWorld};

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the document data could not be encoded: {0}")]
    Data(#[from] serde_json::Error),
    #[error("typesetting failed: {0}")]
    Typeset(String),
    #[error("PDF export failed: {0}")]
    Export(String),
    #[error("not a font file typst can read (TrueType, OpenType or a collection of them): {}", .0.join(", "))]
    Fonts(Vec<String>),
}

/// A font file a service adds for letters the bundled font lacks: its
/// name (for errors) and its bytes.
#[derive(Debug, Clone)]
pub struct AddedFont {
    pub file: String,
    pub bytes: Vec<u8>,
}

/// The typesetting engine: the typst library and the bundled fonts, loaded
/// once and shared by every render.
pub struct Engine {
    inner: TypstEngine,
}

impl Default for Engine {
    fn default() -> Self {
        Self::new()
    }
}

impl Engine {
    pub fn new() -> Self {
        Self {
            inner: TypstEngine::new(),
        }
    }

    /// The bundled fonts and `added` after them: typst takes each letter
    /// from the first font that has it. Every file that is not a font is
    /// named in the error.
    pub fn with_fonts(added: Vec<AddedFont>) -> Result<Self, PdfError> {
        let mut fonts = Vec::new();
        let mut bad = Vec::new();
        for file in added {
            let faces: Vec<typst::text::Font> =
                typst::text::Font::iter(typst::foundations::Bytes::new(file.bytes)).collect();
            if faces.is_empty() {
                bad.push(file.file);
            }
            fonts.extend(faces);
        }
        if !bad.is_empty() {
            return Err(PdfError::Fonts(bad));
        }
        Ok(Self {
            inner: TypstEngine::with_fonts(fonts),
        })
    }

    /// The letters of `text` that no font has (spaces and control
    /// characters aside), in order, each once: a PDF would show them as
    /// empty boxes.
    pub fn uncovered(&self, text: &str) -> Vec<char> {
        self.inner.uncovered(text)
    }

    /// The family names of the added fonts, in the order they are tried.
    pub fn added_families(&self) -> Vec<String> {
        self.inner.added_families()
    }

    /// The PDF of `doc`, typeset with its kind's template.
    pub fn render<D: Document>(&self, doc: &D) -> Result<Vec<u8>, PdfError> {
        self.render_json(D::TEMPLATE, Template::encode(doc)?)
    }

    /// The PDF of `template` over `json`, a document's data already encoded
    /// (as [`Template::encode`] does; a typesetting process receives it so).
    pub fn render_json(&self, template: Template, json: Vec<u8>) -> Result<Vec<u8>, PdfError> {
        let source = format!("{COMMON}\n{}", template.source());
        let world = RenderWorld::new(&self.inner, source, json);
        let result = typst::compile::<PagedDocument>(&world).output;
        let pdf = match result {
            Ok(document) => typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
                .map_err(|errors| PdfError::Export(describe(&errors))),
            Err(errors) => Err(PdfError::Typeset(describe(&errors))),
        };
        // Keep a long-running server from growing: drop typst's memo cache.
        comemo::evict(0);
        pdf
    }
}

/// A document's data, which one template typesets.
pub trait Document: Serialize {
    const TEMPLATE: Template;
}

impl Document for ModuleDoc {
    const TEMPLATE: Template = Template::Module;
}

impl Document for WorksheetDoc {
    const TEMPLATE: Template = Template::Worksheet;
}

impl Document for CardDoc {
    const TEMPLATE: Template = Template::Card;
}

impl Document for StepsDoc {
    const TEMPLATE: Template = Template::Steps;
}

/// The four kinds of document, each with its template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    Module,
    Worksheet,
    Card,
    Steps,
}

impl Template {
    pub const ALL: [Template; 4] = [
        Template::Module,
        Template::Worksheet,
        Template::Card,
        Template::Steps,
    ];

    /// The name a typesetting process is given on its command line.
    pub fn name(self) -> &'static str {
        match self {
            Template::Module => "module",
            Template::Worksheet => "worksheet",
            Template::Card => "card",
            Template::Steps => "steps",
        }
    }

    /// The template named `name`.
    pub fn named(name: &str) -> Option<Template> {
        Template::ALL.into_iter().find(|t| t.name() == name)
    }

    /// `data` as the JSON the template reads.
    pub fn encode(data: &impl Serialize) -> Result<Vec<u8>, PdfError> {
        Ok(serde_json::to_vec(data)?)
    }

    fn source(self) -> &'static str {
        match self {
            Template::Module => MODULE_TEMPLATE,
            Template::Worksheet => WORKSHEET_TEMPLATE,
            Template::Card => CARD_TEMPLATE,
            Template::Steps => STEPS_TEMPLATE,
        }
    }
}

fn describe(errors: &[typst::diag::SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

const COMMON: &str = include_str!("common.typ");
const MODULE_TEMPLATE: &str = include_str!("module.typ");
const WORKSHEET_TEMPLATE: &str = include_str!("worksheet.typ");
const CARD_TEMPLATE: &str = include_str!("card.typ");
const STEPS_TEMPLATE: &str = include_str!("steps.typ");
