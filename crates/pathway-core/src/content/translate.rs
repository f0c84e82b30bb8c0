//! Translations of the modules: `<locale>/modules/*.md` beside the default
//! language's `modules/`, for each locale `site.toml` lists in
//! `translations`. A translation keeps the default's structure (slug,
//! order, audience, section and jurisdiction anchors, worksheets and their
//! fields) so that links, PDFs and worksheet answers mean the same in every
//! language; only the words change. A module with no translation falls
//! back to the default language's (a warning); a translation that disagrees
//! with its default is an error.

use std::collections::BTreeMap;
use std::path::Path;

use sha2::Sha256;

use super::diag::{Diagnostics, line_of_key};
use super::load::{check_links, load_modules};
use super::model::{Block, Module};
use super::site::Site;
use super::urge::UrgePage;
use crate::survey::Survey;

/// One locale's modules, numbered as the default's.
#[derive(Debug, Clone)]
pub struct Translation {
    /// A BCP 47 tag, such as `cy`.
    pub locale: String,
    /// The translated modules (published ones, in the default's order).
    pub modules: Vec<Module>,
    /// Slugs of published modules with no translation: served in the
    /// default language with a notice.
    pub missing: Vec<String>,
    /// `site.toml` with the words of `<locale>/site.toml` (the default's
    /// where it has none).
    pub site: Site,
    /// Every survey of the default language, in the words of
    /// `<locale>/surveys/<id>.toml` where there is one: the same questions,
    /// ids and versions, so answers pool across languages.
    pub surveys: Vec<Survey>,
    /// The urge page in `<locale>/urge.toml`, when the default language has
    /// one and it is translated (else the default's is shown, with a notice).
    pub urge: Option<UrgePage>,
    /// "Where do I start?" in `<locale>/self-check.toml`'s words, when the
    /// default language has it (the default's words where there are none).
    pub self_check: Option<super::self_check::SelfCheck>,
}

impl Translation {
    pub fn module(&self, slug: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.front.slug == slug)
    }
}

/// Loads and checks every translation `site` lists: each module file in
/// `<locale>/modules/` against the default language's `published` module
/// with the same slug; links are checked against the default's modules,
/// which share the slugs and anchors.
pub fn load_translations(
    dir: &Path,
    site: &Site,
    published: &[Module],
    (surveys, urge): (&[Survey], Option<&UrgePage>),
    hasher: &mut Sha256,
    diags: &mut Diagnostics,
) -> Vec<Translation> {
    let by_slug: BTreeMap<&str, &Module> = published
        .iter()
        .map(|m| (m.front.slug.as_str(), m))
        .collect();
    let mut out = Vec::new();
    for locale in &site.translations {
        let folder = modules_dir(dir, locale);
        if !folder.is_dir() {
            let site_toml = dir.join("site.toml");
            let text = std::fs::read_to_string(&site_toml).unwrap_or_default();
            diags.error(
                &site_toml,
                line_of_key(&text, "translations").unwrap_or(1),
                format!("translations lists `{locale}`, but there is no {locale}/modules folder"),
                format!("create {locale}/modules/ beside modules/ with the translated files, or remove `{locale}`"),
            );
            continue;
        }
        let prefix = format!("{locale}/modules");
        let (parsed, orphans) = load_modules(&folder, &prefix, Some(site), hasher, diags);
        for p in &parsed {
            let this = by_slug.get(p.module.front.slug.as_str()).copied();
            check_links(&p.module.file, this, &p.links, &by_slug, diags);
        }
        for o in &orphans {
            check_links(&o.file, None, &o.links, &by_slug, diags);
        }
        let modules = parsed.into_iter().map(|p| p.module).collect();
        let words = load_site_text(dir, locale, site, hasher, diags);
        let mut tr = check_translation(locale, published, modules, words, diags);
        tr.surveys = load_surveys(dir, locale, surveys, hasher, diags);
        tr.urge = urge.and_then(|u| load_urge(dir, locale, u, hasher, diags));
        out.push(tr);
    }
    out
}

/// A worksheet's shape: its id and each field's (id, kind, option count).
type SheetShape = (String, Vec<(String, &'static str, usize)>);

/// What a module's structure is, for comparing a translation with its
/// default: every part that links, PDFs and stored answers depend on.
#[derive(Debug, PartialEq, Eq)]
struct Shape {
    order: i64,
    audience: super::model::Audience,
    anchors: Vec<String>,
    /// (worksheet id, [(field id, kind name, option count)]).
    exercises: Vec<SheetShape>,
}

fn shape(m: &Module) -> Shape {
    let exercises = m
        .blocks()
        .filter_map(|b| match b {
            Block::Exercise(e) => Some((
                e.id.clone(),
                e.fields
                    .iter()
                    .map(|f| {
                        let (kind, n) = match &f.kind {
                            super::model::FieldKind::Text { .. } => ("text", 0),
                            super::model::FieldKind::Checklist { options } => {
                                ("checklist", options.len())
                            }
                            super::model::FieldKind::Scale { .. } => ("scale", 0),
                        };
                        (f.id.clone(), kind, n)
                    })
                    .collect(),
            )),
            _ => None,
        })
        .collect();
    Shape {
        order: m.front.order,
        audience: m.front.audience,
        anchors: m.anchors().map(str::to_string).collect(),
        exercises,
    }
}

/// Compares the `translated` modules of `locale` with the default
/// language's `published` ones, reporting each difference; returns the
/// translation of every module that agrees, with `site` in its words.
pub fn check_translation(
    locale: &str,
    published: &[Module],
    translated: Vec<Module>,
    site: Site,
    diags: &mut Diagnostics,
) -> Translation {
    let defaults: BTreeMap<&str, &Module> = published
        .iter()
        .map(|m| (m.front.slug.as_str(), m))
        .collect();
    let mut modules = Vec::new();
    for t in translated {
        if t.front.draft {
            // A translation still being written: checked on its own, not
            // served; its module counts as not yet translated.
            continue;
        }
        let Some(d) = defaults.get(t.front.slug.as_str()) else {
            let slugs: Vec<&str> = defaults.keys().copied().collect();
            diags.error(
                &t.file,
                1,
                format!(
                    "slug `{}` is not a published module of the default language",
                    t.front.slug
                ),
                format!(
                    "a translation keeps its module's slug: use one of {}",
                    slugs.join(", ")
                ),
            );
            continue;
        };
        if compare(d, &t, diags) {
            modules.push(Module {
                number: d.number,
                ..t
            });
        }
    }
    modules.sort_by_key(|m| m.number);
    let missing: Vec<String> = published
        .iter()
        .filter(|m| !modules.iter().any(|t| t.front.slug == m.front.slug))
        .map(|m| m.front.slug.clone())
        .collect();
    for slug in &missing {
        if let Some(d) = defaults.get(slug.as_str()) {
            diags.warning(
                &d.file,
                1,
                format!("module `{slug}` has no `{locale}` translation"),
                format!(
                    "add {locale}/modules/{} with the same front matter; until then the default language's version is shown with a notice",
                    d.file
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default()
                ),
            );
        }
    }
    Translation {
        locale: locale.to_string(),
        modules,
        missing,
        site,
        surveys: Vec::new(),
        urge: None,
        self_check: None,
    }
}

/// "Where do I start?" in `locale`'s words from `<locale>/self-check.toml`;
/// without that file, a warning and the default's words.
pub fn load_self_check(
    dir: &Path,
    locale: &str,
    check: &super::self_check::SelfCheck,
    hasher: &mut Sha256,
    diags: &mut Diagnostics,
) -> super::self_check::SelfCheck {
    let file = dir.join(locale).join("self-check.toml");
    match std::fs::read_to_string(&file) {
        Ok(text) => {
            sha2::Digest::update(hasher, text.as_bytes());
            super::self_check::localize_self_check(check, &file, &text, diags)
        }
        Err(_) => {
            diags.warning(
                &dir.join("self-check.toml"),
                1,
                format!("\"Where do I start?\" has no `{locale}` translation"),
                format!("add {locale}/self-check.toml with its words (docs/content.md); until then it is shown in the default language"),
            );
            check.clone()
        }
    }
}

/// The urge page in `locale`'s words from `<locale>/urge.toml`, checked
/// against the default's `urge`: the same countdown and as many sections
/// (the page's contents list links to them by number). Without the file,
/// a warning, and the default's page is shown with a notice.
fn load_urge(
    dir: &Path,
    locale: &str,
    urge: &UrgePage,
    hasher: &mut Sha256,
    diags: &mut Diagnostics,
) -> Option<UrgePage> {
    let file = dir.join(locale).join("urge.toml");
    let Ok(text) = std::fs::read_to_string(&file) else {
        diags.warning(
            &dir.join("urge.toml"),
            1,
            format!("the urge page has no `{locale}` translation"),
            format!("add {locale}/urge.toml with the same keys (docs/content.md); until then the default language's page is shown with a notice"),
        );
        return None;
    };
    sha2::Digest::update(hasher, text.as_bytes());
    let t = super::urge::parse_urge(&file, &text, diags)?;
    let mut agrees = true;
    if t.delay_minutes != urge.delay_minutes {
        agrees = false;
        diags.error(
            &file,
            line_of_key(&text, "delay_minutes").unwrap_or(1),
            format!(
                "delay_minutes is {} here and {} in urge.toml",
                t.delay_minutes, urge.delay_minutes
            ),
            "a translation keeps the countdown: copy delay_minutes from urge.toml",
        );
    }
    if t.sections.len() != urge.sections.len() {
        agrees = false;
        diags.error(
            &file,
            1,
            format!(
                "{} sections here and {} in urge.toml",
                t.sections.len(),
                urge.sections.len()
            ),
            "translate each [[section]] of urge.toml, in the same order",
        );
    }
    agrees.then_some(t)
}

/// Each of `surveys` in `locale`'s words from `<locale>/surveys/<id>.toml`;
/// one without that file stays in the default language, with a warning.
/// A file for a survey the default does not have is an error.
fn load_surveys(
    dir: &Path,
    locale: &str,
    surveys: &[Survey],
    hasher: &mut Sha256,
    diags: &mut Diagnostics,
) -> Vec<Survey> {
    let folder = dir.join(locale).join("surveys");
    if let Ok(entries) = std::fs::read_dir(&folder) {
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            let toml = path.extension().is_some_and(|x| x == "toml");
            if toml && !surveys.iter().any(|s| s.id == stem) {
                let ids: Vec<&str> = surveys.iter().map(|s| s.id.as_str()).collect();
                diags.error(
                    &path,
                    1,
                    format!("there is no survey `{stem}` in surveys/ to translate"),
                    format!("name the file after one of: {}", ids.join(", ")),
                );
            }
        }
    }
    surveys
        .iter()
        .map(|s| {
            let file = folder.join(format!("{}.toml", s.id));
            match std::fs::read_to_string(&file) {
                Ok(text) => {
                    sha2::Digest::update(hasher, text.as_bytes());
                    crate::survey::localize_survey(s, &file, &text, diags)
                }
                Err(_) => {
                    diags.warning(
                        &s.file,
                        1,
                        format!("survey `{}` has no `{locale}` translation", s.id),
                        format!("add {locale}/surveys/{}.toml with its words (docs/content.md); until then it is shown in the default language", s.id),
                    );
                    s.clone()
                }
            }
        })
        .collect()
}

/// `site` in `locale`'s words from `<locale>/site.toml`; without that file,
/// `site` itself and a warning.
fn load_site_text(
    dir: &Path,
    locale: &str,
    site: &Site,
    hasher: &mut Sha256,
    diags: &mut Diagnostics,
) -> Site {
    let file = dir.join(locale).join("site.toml");
    match std::fs::read_to_string(&file) {
        Ok(text) => {
            sha2::Digest::update(hasher, text.as_bytes());
            super::site_text::parse_site_text(&file, &text, site, diags)
        }
        Err(_) => {
            diags.warning(
                &dir.join("site.toml"),
                1,
                format!("the site's texts have no `{locale}` translation"),
                format!("add {locale}/site.toml with the texts people read (docs/content.md); until then they are shown in the default language"),
            );
            site.clone()
        }
    }
}

/// Reports how `t` differs from its default `d`; true if it agrees.
fn compare(d: &Module, t: &Module, diags: &mut Diagnostics) -> bool {
    let (a, b) = (shape(d), shape(t));
    if a == b {
        return true;
    }
    let text = std::fs::read_to_string(&t.file).unwrap_or_default();
    let at = |key: &str| line_of_key(&text, key).unwrap_or(1);
    let mut report = |line: usize, what: String, fix: &str| {
        diags.error(&t.file, line, what, fix.to_string());
    };
    let default = d.file.display();
    if a.order != b.order {
        report(
            at("order"),
            format!("order differs from {default}"),
            "copy order from the default language's file",
        );
    }
    if a.audience != b.audience {
        report(
            at("audience"),
            format!("audience differs from {default}"),
            "copy audience from the default language's file",
        );
    }
    if a.anchors != b.anchors {
        report(
            first_line(t),
            format!(
                "the section and jurisdiction anchors differ from {default}: {} there, {} here",
                a.anchors.join(", "),
                b.anchors.join(", ")
            ),
            "give each translated heading the default's anchor, such as `## Pennawd {#the-law}`, in the same order",
        );
    }
    if a.exercises != b.exercises {
        report(
            first_line(t),
            format!("the worksheets differ from {default} (ids, fields, kinds or options)"),
            "keep each worksheet's id, its fields' ids and kinds and the number of options; translate only the words",
        );
    }
    false
}

/// The line of a module's first section, where its structure starts.
fn first_line(m: &Module) -> usize {
    m.sections.first().map_or(1, |s| s.line)
}

/// Whether `tag` can name a translation folder: a short BCP 47 tag such
/// as `cy` or `pt-BR`.
pub fn is_locale_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let lang = parts.next().unwrap_or("");
    (2..=3).contains(&lang.len())
        && lang.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The folder holding `locale`'s modules.
pub fn modules_dir(content: &Path, locale: &str) -> std::path::PathBuf {
    content.join(locale).join("modules")
}
