//! Loading a content folder: reads every file, parses it, cross-checks the
//! modules, and collects every problem before returning.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::body::{self, LinkRef};
use super::diag::Diagnostics;
use super::front;
use super::model::{Block, CalloutKind, Module, Programme};
use super::site::{Site, parse_site};

/// The result of loading: the programme if there were no errors, and every
/// diagnostic (warnings too) either way.
pub struct Loaded {
    pub programme: Option<Programme>,
    pub diagnostics: Diagnostics,
}

/// A module file read from disk, before cross-checks.
pub(super) struct Parsed {
    pub(super) module: Module,
    pub(super) links: Vec<LinkRef>,
}

/// Links of a module whose front matter failed: still checked against the
/// other modules, so that every mistake is reported in one run.
pub(super) struct Orphan {
    pub(super) file: PathBuf,
    pub(super) links: Vec<LinkRef>,
}

/// Loads `dir` (containing `site.toml` and `modules/`), checking everything.
/// `today` decides which review dates have passed.
pub fn load(dir: &Path, today: jiff::civil::Date) -> Loaded {
    let mut diags = Diagnostics::new();
    let mut hasher = Sha256::new();
    let site_path = dir.join("site.toml");
    let site = read_site(&site_path, &mut hasher, &mut diags);
    let locale = site
        .as_ref()
        .map_or_else(|| "en-GB".to_string(), |s| s.default_locale.clone());
    let (modules, orphans) = load_modules(
        &dir.join("modules"),
        "modules",
        site.as_ref(),
        &mut hasher,
        &mut diags,
    );
    let (published, drafts) = cross_check(modules, orphans, today, &mut diags);
    let surveys = load_surveys(&dir.join("surveys"), &mut hasher, &mut diags);
    let urge = load_urge(&dir.join("urge.toml"), &mut hasher, &mut diags);
    let translations = match &site {
        Some(site) => super::translate::load_translations(
            dir,
            site,
            &published,
            (&surveys, urge.as_ref()),
            &mut hasher,
            &mut diags,
        ),
        None => Vec::new(),
    };
    let snippets = load_snippets(&dir.join("snippets.toml"), &mut hasher, &mut diags);
    let known = super::self_check::Known {
        modules: published.iter().map(|m| m.front.slug.clone()).collect(),
        family: published
            .iter()
            .any(|m| m.front.audience == super::model::Audience::SomeoneElse),
        urge: urge.is_some(),
        messages: site.as_ref().is_some_and(|s| s.messages.enabled),
    };
    let self_check = load_self_check(dir, &known, &mut hasher, &mut diags);
    if let Some(site) = &site {
        check_invitations(&site_path, site, &surveys, &mut diags);
    }
    // What the loader learns about the whole programme holds in every
    // language: the translations' sites were copied from site.toml before.
    let mut translations = translations;
    for tr in &mut translations {
        tr.self_check = self_check.as_ref().map(|c| {
            super::translate::load_self_check(dir, &tr.locale, c, &mut hasher, &mut diags)
        });
        tr.site.family_pages = known.family;
        tr.site.urge_page = urge.is_some();
        tr.site.self_check = self_check.is_some();
    }
    let hash = format!("{:x}", hasher.finalize());
    let programme = match site {
        Some(mut site) if !diags.has_errors() => Some(Programme {
            site: {
                site.family_pages = known.family;
                site.urge_page = urge.is_some();
                site.self_check = self_check.is_some();
                site
            },
            modules: published,
            drafts,
            locale,
            surveys,
            snippets,
            urge,
            self_check,
            translations,
            hash,
        }),
        _ => None,
    };
    Loaded {
        programme,
        diagnostics: diags,
    }
}

fn read_site(site_path: &Path, hasher: &mut Sha256, diags: &mut Diagnostics) -> Option<Site> {
    match std::fs::read_to_string(site_path) {
        Ok(text) => {
            hash_file(hasher, "site.toml", &text);
            parse_site(site_path, &text, diags)
        }
        Err(e) => {
            diags.error(
                site_path,
                1,
                format!("cannot read site.toml: {e}"),
                "check the content folder: it needs site.toml and a modules/ folder (see docs/content.md)",
            );
            None
        }
    }
}

/// The surveys the invitations in `site.toml` name must exist.
fn check_invitations(
    site_path: &Path,
    site: &Site,
    surveys: &[crate::survey::Survey],
    diags: &mut Diagnostics,
) {
    if site.survey.enabled {
        let found = match &site.survey.id {
            Some(id) => surveys.iter().any(|s| &s.id == id),
            None => surveys.iter().any(|s| !s.quick),
        };
        if !found {
            diags.error(
                site_path,
                1,
                "the survey invitation is switched on, but its survey is not in surveys/",
                "add the survey file, set [survey] id to an existing survey, or set enabled = false",
            );
        }
    }
    if let Some(entry) = &site.entry_survey {
        check_entry_survey(site_path, entry, surveys, diags);
    }
}

/// The entry questionnaire must be a baseline survey that exists, so that
/// its follow-up can ask the same questions again.
fn check_entry_survey(
    site_path: &Path,
    entry: &super::site::SurveyInvite,
    surveys: &[crate::survey::Survey],
    diags: &mut Diagnostics,
) {
    let found = entry
        .id
        .as_ref()
        .and_then(|id| surveys.iter().find(|s| &s.id == id));
    if !found.is_some_and(|s| s.series == Some(crate::survey::Series::Baseline)) {
        diags.error(
            site_path,
            1,
            format!(
                "[entry_survey] names `{}`, which is not a baseline survey in surveys/",
                entry.id.as_deref().unwrap_or("")
            ),
            "set [entry_survey] id to a survey with baseline = true, or set enabled = false",
        );
    }
}

/// The page for when an urge is strong: `urge.toml` (optional).
fn load_urge(
    path: &Path,
    hasher: &mut Sha256,
    diags: &mut Diagnostics,
) -> Option<super::urge::UrgePage> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            hash_file(hasher, "urge.toml", &text);
            super::urge::parse_urge(path, &text, diags)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            diags.error(
                path,
                1,
                format!("cannot read the file: {e}"),
                "check the file's permissions",
            );
            None
        }
    }
}

/// "Where do I start?": `self-check.toml` (optional), checked against the
/// published modules and the pages its steps point to.
fn load_self_check(
    dir: &Path,
    known: &super::self_check::Known,
    hasher: &mut Sha256,
    diags: &mut Diagnostics,
) -> Option<super::self_check::SelfCheck> {
    let path = dir.join("self-check.toml");
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            hash_file(hasher, "self-check.toml", &text);
            super::self_check::parse_self_check(&path, &text, known, diags)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            diags.error(
                &path,
                1,
                format!("cannot read the file: {e}"),
                "save the file as UTF-8 text",
            );
            None
        }
    }
}

/// Reply snippets: `snippets.toml` (optional).
fn load_snippets(
    path: &Path,
    hasher: &mut Sha256,
    diags: &mut Diagnostics,
) -> Vec<super::snippets::Snippet> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            hash_file(hasher, "snippets.toml", &text);
            super::snippets::parse_snippets(path, &text, diags)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => {
            diags.error(
                path,
                1,
                format!("cannot read the file: {e}"),
                "save the file as UTF-8 text",
            );
            Vec::new()
        }
    }
}

/// Survey definitions: `surveys/*.toml` (the folder is optional).
fn load_surveys(
    dir: &Path,
    hasher: &mut Sha256,
    diags: &mut Diagnostics,
) -> Vec<crate::survey::Survey> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut surveys = Vec::new();
    for path in files {
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                hash_file(hasher, &format!("surveys/{name}"), &text);
                surveys.extend(crate::survey::parse_survey(&path, &text, diags));
            }
            Err(e) => diags.error(
                &path,
                1,
                format!("cannot read the file: {e}"),
                "save the file as UTF-8 text",
            ),
        }
    }
    crate::survey::check_series(&surveys, diags);
    surveys
}

fn hash_file(hasher: &mut Sha256, name: &str, text: &str) {
    hasher.update((name.len() as u64).to_le_bytes());
    hasher.update(name.as_bytes());
    hasher.update((text.len() as u64).to_le_bytes());
    hasher.update(text.as_bytes());
}

fn module_files(dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            diags.error(
                dir,
                1,
                format!("cannot read the modules folder: {e}"),
                "create a modules/ folder beside site.toml with one .md file per module",
            );
            return Vec::new();
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let md = p.extension().is_some_and(|x| x == "md");
            if !md && p.is_file() {
                diags.warning(
                    p,
                    1,
                    "this file is not a module and is ignored",
                    "module files end in .md; move other files out of modules/",
                );
            }
            md
        })
        .collect();
    files.sort();
    files
}

/// The modules in `dir`, hashed under `prefix/<file name>`.
pub(super) fn load_modules(
    dir: &Path,
    prefix: &str,
    site: Option<&Site>,
    hasher: &mut Sha256,
    diags: &mut Diagnostics,
) -> (Vec<Parsed>, Vec<Orphan>) {
    let mut out = Vec::new();
    let mut orphans = Vec::new();
    for path in module_files(dir, diags) {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                diags.error(
                    &path,
                    1,
                    format!("cannot read the file: {e}"),
                    "save the file as UTF-8 text",
                );
                continue;
            }
        };
        let name = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy();
        hash_file(hasher, &format!("{prefix}/{name}"), &text);
        match parse_module(&path, &text, site, diags) {
            Ok(Some(parsed)) => out.push(parsed),
            Ok(None) => {}
            Err(orphan) => orphans.push(orphan),
        }
    }
    (out, orphans)
}

/// Checks one module file's text on its own (front matter, blocks,
/// exercises), as `load` does for each file, without the checks across
/// files. Pure: for fuzzing and property tests.
pub fn check_module_text(
    path: &Path,
    text: &str,
    site: Option<&Site>,
) -> (Option<Module>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let module = match parse_module(path, text, site, &mut diags) {
        Ok(Some(parsed)) => Some(parsed.module),
        _ => None,
    };
    (module, diags)
}

fn parse_module(
    path: &Path,
    text: &str,
    site: Option<&Site>,
    diags: &mut Diagnostics,
) -> Result<Option<Parsed>, Orphan> {
    let Some(split) = front::split(path, text, diags) else {
        return Ok(None);
    };
    let front = front::parse(path, &split, diags);
    let jurisdictions = site.map(|s| s.jurisdictions.as_slice());
    let body = body::parse(path, split.body, split.body_line, jurisdictions, diags);
    let Some(front) = front else {
        return Err(Orphan {
            file: path.to_path_buf(),
            links: body.links,
        });
    };
    if body.sections.is_empty() {
        diags.error(
            path,
            split.body_line,
            "the module has no sections",
            "divide the text into sections, each starting with a `## ` heading",
        );
    }
    Ok(Some(Parsed {
        module: Module {
            number: 0,
            front,
            intro: body.intro,
            sections: body.sections,
            file: path.to_path_buf(),
        },
        links: body.links,
    }))
}

/// Duplicate slugs and orders, links, review dates; numbers the modules.
fn cross_check(
    mut parsed: Vec<Parsed>,
    orphans: Vec<Orphan>,
    today: jiff::civil::Date,
    diags: &mut Diagnostics,
) -> (Vec<Module>, Vec<Module>) {
    parsed.sort_by(|a, b| {
        (a.module.front.order, &a.module.front.slug)
            .cmp(&(b.module.front.order, &b.module.front.slug))
    });
    let mut by_slug: BTreeMap<&str, &Module> = BTreeMap::new();
    let mut orders: BTreeMap<i64, &Path> = BTreeMap::new();
    for p in &parsed {
        let m = &p.module;
        if let Some(first) = by_slug.insert(&m.front.slug, m) {
            diags.error(
                &m.file,
                1,
                format!(
                    "slug `{}` is also used by {}",
                    m.front.slug,
                    first.file.display()
                ),
                "give every module its own slug",
            );
        }
        if !m.front.draft
            && let Some(first) = orders.insert(m.front.order, &m.file)
        {
            diags.error(
                &m.file,
                1,
                format!(
                    "order = {} is also used by {}",
                    m.front.order,
                    first.display()
                ),
                "give every published module its own order number",
            );
        }
        if m.front.current_behaviour && !has_safety_block(m) {
            diags.error(
                &m.file,
                1,
                "current_behaviour = true, but the module has no safety block",
                "add near the top a `::: warning \"If you are talking to a child now\"` block that says to stop, not to reply or meet, to call the helpline, 999 if a child is in danger, and Samaritans",
            );
        }
        if let Some(due) = m.front.review_due
            && due < today
        {
            diags.warning(
                &m.file,
                1,
                format!("clinical review was due on {due}"),
                "have the module reviewed, then update reviewed_by and review_due",
            );
        }
    }
    for p in &parsed {
        check_links(&p.module.file, Some(&p.module), &p.links, &by_slug, diags);
    }
    for o in &orphans {
        check_links(&o.file, None, &o.links, &by_slug, diags);
    }
    let (drafts, published): (Vec<Parsed>, Vec<Parsed>) =
        parsed.into_iter().partition(|p| p.module.front.draft);
    let published = published
        .into_iter()
        .enumerate()
        .map(|(i, p)| Module {
            number: i + 1,
            ..p.module
        })
        .collect();
    (published, drafts.into_iter().map(|p| p.module).collect())
}

pub(super) fn check_links(
    file: &Path,
    this: Option<&Module>,
    links: &[LinkRef],
    by_slug: &BTreeMap<&str, &Module>,
    diags: &mut Diagnostics,
) {
    for link in links {
        let target = match &link.slug {
            None => match this {
                Some(m) => m,
                None => continue,
            },
            Some(slug) => match by_slug.get(slug.as_str()) {
                Some(m) => m,
                None => {
                    let known: Vec<&str> = by_slug.keys().copied().collect();
                    diags.error(
                        file,
                        link.line,
                        format!("the link points to module `{slug}`, which does not exist"),
                        format!("use one of these slugs: {}", known.join(", ")),
                    );
                    continue;
                }
            },
        };
        if target.front.draft && !this.is_some_and(|m| m.front.draft) {
            diags.error(
                file,
                link.line,
                format!(
                    "the link points to `{}`, which is a draft",
                    target.front.slug
                ),
                "publish that module first, or remove the link",
            );
        }
        if let Some(anchor) = &link.anchor {
            let anchors: BTreeSet<&str> = target.anchors().collect();
            if !anchors.contains(anchor.as_str()) {
                diags.error(
                    file,
                    link.line,
                    format!(
                        "the link points to #{anchor}, which is not a section of `{}`",
                        target.front.slug
                    ),
                    format!(
                        "use one of: {}",
                        anchors.into_iter().collect::<Vec<_>>().join(", ")
                    ),
                );
            }
        }
    }
}

/// Whether a module has a warning block that says to stop and gives 999.
fn has_safety_block(m: &Module) -> bool {
    m.intro
        .iter()
        .chain(m.sections.iter().flat_map(|s| s.blocks.iter()))
        .any(|b| match b {
            Block::Callout {
                kind: CalloutKind::Warning,
                body,
                ..
            } => body.text.contains("999") && body.text.to_lowercase().contains("stop"),
            _ => false,
        })
}
