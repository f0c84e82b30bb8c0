//! The programme model: what the loader produces and every renderer
//! (HTML now, PDF later) reads. Text stays Markdown so each renderer can
//! typeset it in its own way.

use std::path::PathBuf;

use jiff::civil::Date;

use super::site::Site;

/// Markdown text with the line it starts on in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Md {
    pub text: String,
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalloutKind {
    KeyPoint,
    Warning,
}

/// The text of one jurisdiction inside a group of jurisdiction blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JurisdictionText {
    pub id: String,
    pub name: String,
    pub anchor: String,
    pub body: Md,
}

/// One block of a module's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Plain Markdown.
    Text(Md),
    /// A non-graphic case example, shown as an expandable card.
    Case { title: String, body: Md },
    /// Reflection questions (usually a list).
    Reflection { title: Option<String>, body: Md },
    /// A key point or a warning.
    Callout {
        kind: CalloutKind,
        title: Option<String>,
        body: Md,
    },
    /// Consecutive jurisdiction blocks: all are shown, labelled.
    Jurisdictions(Vec<JurisdictionText>),
    /// A private worksheet: a form whose answers go into a PDF and are
    /// never stored.
    Exercise(Exercise),
}

/// A worksheet inside a module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exercise {
    /// Unique within the module; also the anchor of the form.
    pub id: String,
    pub title: String,
    /// Markdown.
    pub intro: Option<String>,
    pub fields: Vec<Field>,
    pub line: usize,
}

/// One question of a worksheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub id: String,
    pub label: String,
    pub help: String,
    pub kind: FieldKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text, up to `max_chars` characters.
    Text { max_chars: usize },
    /// Tick any of the options.
    Checklist { options: Vec<String> },
    /// A 0 to 10 scale with labelled ends.
    Scale {
        min_label: String,
        max_label: String,
    },
}

impl Exercise {
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }
}

/// A `##` section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    pub anchor: String,
    pub line: usize,
    pub blocks: Vec<Block>,
}

/// Who a module is written for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Audience {
    /// The person worried about their own thoughts or behaviour.
    #[default]
    Own,
    /// Family and friends worried about someone else's behaviour.
    SomeoneElse,
}

/// A module's validated front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// Who the module is for: the person worried about themselves (the
    /// default), or family and friends worried about someone else.
    pub audience: Audience,
    pub title: String,
    pub slug: String,
    pub summary: String,
    pub order: i64,
    pub minutes: u32,
    pub aims: Vec<String>,
    pub draft: bool,
    pub sample: bool,
    pub reviewed_by: Option<String>,
    pub review_due: Option<Date>,
    /// The module is about behaviour that may be going on now: it must
    /// carry the safety block (a `::: warning` that says to stop and gives
    /// 999).
    pub current_behaviour: bool,
}

/// One module of the programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    /// 1-based position among published modules.
    pub number: usize,
    pub front: FrontMatter,
    /// Blocks before the first section.
    pub intro: Vec<Block>,
    pub sections: Vec<Section>,
    pub file: PathBuf,
}

impl Module {
    /// Every anchor a link may point at.
    pub fn anchors(&self) -> impl Iterator<Item = &str> {
        let blocks = self
            .intro
            .iter()
            .chain(self.sections.iter().flat_map(|s| s.blocks.iter()));
        self.sections
            .iter()
            .map(|s| s.anchor.as_str())
            .chain(blocks.flat_map(|b| match b {
                Block::Jurisdictions(list) => list.iter().map(|j| j.anchor.as_str()).collect(),
                Block::Exercise(e) => vec![e.id.as_str()],
                _ => Vec::new(),
            }))
    }

    /// Every block, introduction first.
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.intro
            .iter()
            .chain(self.sections.iter().flat_map(|s| s.blocks.iter()))
    }

    /// The worksheet `id` of this module.
    pub fn exercise(&self, id: &str) -> Option<&Exercise> {
        self.blocks().find_map(|b| match b {
            Block::Exercise(e) if e.id == id => Some(e),
            _ => None,
        })
    }
}

/// The whole programme in one locale.
#[derive(Debug, Clone)]
pub struct Programme {
    pub site: Site,
    /// Published modules in order; drafts are left out.
    pub modules: Vec<Module>,
    /// Draft modules, checked but not served.
    pub drafts: Vec<Module>,
    pub locale: String,
    /// Survey definitions from `surveys/`.
    pub surveys: Vec<crate::survey::Survey>,
    /// Reply snippets for practitioners, from `snippets.toml`.
    pub snippets: Vec<super::snippets::Snippet>,
    /// The page for when an urge is strong, from `urge.toml` (optional).
    pub urge: Option<super::urge::UrgePage>,
    /// "Where do I start?", from `self-check.toml` (optional).
    pub self_check: Option<super::self_check::SelfCheck>,
    /// The modules in the other languages `site.toml` lists.
    pub translations: Vec<super::translate::Translation>,
    /// Hex SHA-256 over every content file: the content version.
    pub hash: String,
}

impl Programme {
    /// This programme in the language of `tr`: its site texts, and each
    /// module in its translation where there is one, otherwise the default
    /// language's.
    pub fn localized(&self, tr: &super::translate::Translation) -> Programme {
        let modules = self
            .modules
            .iter()
            .map(|m| tr.module(&m.front.slug).unwrap_or(m).clone())
            .collect();
        Programme {
            modules,
            locale: tr.locale.clone(),
            site: tr.site.clone(),
            urge: tr.urge.clone().or_else(|| self.urge.clone()),
            self_check: tr.self_check.clone().or_else(|| self.self_check.clone()),
            // A translation built by hand (in tests) may list no surveys.
            surveys: if tr.surveys.len() == self.surveys.len() {
                tr.surveys.clone()
            } else {
                self.surveys.clone()
            },
            translations: Vec::new(),
            ..self.clone()
        }
    }

    pub fn module(&self, slug: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.front.slug == slug)
    }
}
