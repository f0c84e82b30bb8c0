//! The module page view.

use crate::content::{Block, CalloutKind, Module, Programme};
use crate::i18n::I18n;

use super::markdown::to_html_in;
use super::views::{BlockView, JurisdictionView, Layout, LinkView, ModulePage, SectionView};

/// The discreet page title of a module.
pub fn module_title(programme: &Programme, number: usize) -> String {
    programme
        .site
        .titles
        .module
        .replace("{number}", &number.to_string())
}

pub fn page(programme: &Programme, m: &Module, t: &I18n, pdf_links: bool) -> ModulePage {
    page_in(programme, m, t, pdf_links, "")
}

/// A module page under `prefix` ("" for the default language, "/cy" for
/// Welsh): its links to other modules stay under the prefix.
pub fn page_in(
    programme: &Programme,
    m: &Module,
    t: &I18n,
    pdf_links: bool,
    prefix: &str,
) -> ModulePage {
    // "Module 2 of 5", previous and next: among the modules for the same
    // readers (pages for family and friends form their own series).
    let series: Vec<&Module> = programme
        .modules
        .iter()
        .filter(|o| o.front.audience == m.front.audience)
        .collect();
    let total = series.len();
    let at = series
        .iter()
        .position(|o| o.front.slug == m.front.slug)
        .map_or(m.number, |i| i + 1);
    let link = |i: usize| {
        series.get(i).map(|o| LinkView {
            href: format!("{prefix}/modules/{}", o.front.slug),
            label: o.front.title.clone(),
        })
    };
    let n = at.to_string();
    let entry_invite = at == 1 && m.front.audience == crate::content::Audience::Own;
    ModulePage {
        entry_invite,
        reminder: super::tools::ReminderForm::undated(t),
        l: Layout::new(
            &programme.site,
            t,
            &module_title(programme, m.number),
            "module",
        ),
        number_text: t.ta(
            "module-of",
            &[("number", &n), ("total", &total.to_string())],
        ),
        title: m.front.title.clone(),
        minutes: t.tn("minutes", "minutes", i64::from(m.front.minutes)),
        sample: m.front.sample,
        aims: m.front.aims.clone(),
        pdf_href: pdf_links.then(|| format!("{prefix}/modules/{}.pdf", m.front.slug)),
        intro: m
            .intro
            .iter()
            .map(|b| block(&m.front.slug, b, t, prefix))
            .collect(),
        sections: m
            .sections
            .iter()
            .map(|s| SectionView {
                title: s.title.clone(),
                anchor: s.anchor.clone(),
                blocks: s
                    .blocks
                    .iter()
                    .map(|b| block(&m.front.slug, b, t, prefix))
                    .collect(),
            })
            .collect(),
        prev: at.checked_sub(2).and_then(link),
        next: link(at),
        quick: super::survey::quick_view(programme, &m.front.slug, t, prefix),
        preview: false,
        fallback_notice: String::new(),
        content_lang: String::new(),
        content_dir: "ltr",
    }
}

/// A draft module as staff preview it: marked as a draft, with no PDF, no
/// links to other modules and no quick survey.
pub fn preview(programme: &Programme, m: &Module, t: &I18n) -> ModulePage {
    let mut view = page(programme, m, t, false);
    view.preview = true;
    view.number_text = "Draft module".into();
    view.l.title = format!("Draft: {}", m.front.title);
    view.prev = None;
    view.next = None;
    view.quick = None;
    view.entry_invite = false;
    view
}

fn block(slug: &str, b: &Block, t: &I18n, prefix: &str) -> BlockView {
    let to_html = |text: &str| to_html_in(text, prefix);
    let mut view = BlockView {
        kind: "text",
        title: None,
        label: String::new(),
        html: String::new(),
        jurisdictions: Vec::new(),
        form: None,
    };
    match b {
        Block::Text(md) => view.html = to_html(&md.text),
        Block::Case { title, body } => {
            view.kind = "case";
            view.title = Some(title.clone());
            view.html = to_html(&body.text);
        }
        Block::Reflection { title, body } => {
            view.kind = "reflection";
            view.title = title.clone();
            view.html = to_html(&body.text);
        }
        Block::Callout { kind, title, body } => {
            (view.kind, view.label) = match kind {
                CalloutKind::KeyPoint => ("key-point", t.t("module-key-point")),
                CalloutKind::Warning => ("warning", t.t("module-warning")),
            };
            view.title = title.clone();
            view.html = to_html(&body.text);
        }
        Block::Exercise(e) => {
            view.kind = "exercise";
            view.form = Some(super::worksheet::form_view(prefix, slug, e, t, None));
        }
        Block::Jurisdictions(list) => {
            view.kind = "jurisdictions";
            view.jurisdictions = list
                .iter()
                .map(|j| JurisdictionView {
                    anchor: j.anchor.clone(),
                    name: j.name.clone(),
                    html: to_html(&j.body.text),
                })
                .collect();
        }
    }
    view
}
