//! Pages in the other languages `site.toml` lists: the home page and every
//! module under `/<locale>` (`/cy`, `/cy/modules/<slug>`), with `<html
//! lang>`, `hreflang` links to each language version and a language switch
//! that goes to the same page. A module with no translation is shown in
//! the default language, marked with its `lang` and a notice in the
//! reader's language. No cookie and no redirect: the address alone says
//! the language.

use std::collections::HashMap;

use super::views::{Alternate, Layout};
use super::{RenderError, RenderOptions, Rendered, html, module, pages};
use crate::content::Programme;
use crate::i18n::I18n;

/// One language of the site: its tag, its name in itself and its path
/// prefix ("" for the default).
#[derive(Debug, Clone)]
pub struct Lang {
    pub tag: String,
    pub name: String,
    pub prefix: String,
}

/// The default language, then each translation, in `site.toml`'s order.
pub fn languages(p: &Programme) -> Vec<Lang> {
    let lang = |tag: &str, prefix: String| Lang {
        tag: tag.to_string(),
        name: I18n::new(tag).t("language-name"),
        prefix,
    };
    std::iter::once(lang(&p.locale, String::new()))
        .chain(
            p.translations
                .iter()
                .map(|t| lang(&t.locale, format!("/{}", t.locale))),
        )
        .collect()
}

/// The address of the default language's `path` in `lang`.
pub fn href(lang: &Lang, path: &str) -> String {
    in_prefix(&lang.prefix, path)
}

/// `path` under a language `prefix` ("/" becomes the prefix itself).
pub fn in_prefix(prefix: &str, path: &str) -> String {
    match (prefix, path) {
        ("", _) => path.to_string(),
        (prefix, "/") => prefix.to_string(),
        (prefix, _) if path.starts_with("/#") => format!("{prefix}{}", &path[1..]),
        (prefix, _) => format!("{prefix}{path}"),
    }
}

/// Pages that exist in every language (under its prefix): the home page,
/// the modules, Get in touch, Urgent help, the privacy page, the surveys,
/// the urge page, the tools ("Where do I start?", the coping card,
/// reminders), messages to the helpline and the transparency page.
pub fn is_localized(path: &str) -> bool {
    let page = path.split(['#', '?']).next().unwrap_or(path);
    matches!(
        page,
        "/" | "/privacy"
            | "/crisis"
            | "/get-in-touch"
            | "/survey"
            | "/survey/entry"
            | "/survey/resume"
            | "/survey/follow-up"
            | "/urge"
            | "/where-to-start"
            | "/coping-card"
            | "/reminder"
            | "/messages"
            | "/messages/read"
            | "/transparency"
    ) || page
        .strip_prefix("/modules/")
        .is_some_and(|slug| !slug.is_empty() && !slug.ends_with(".pdf"))
}

/// The language `path` is in, by its prefix: the index into `langs` and
/// the default language's path ("/cy/modules/x" is ("cy", "/modules/x")).
pub fn split<'a>(langs: &[Lang], path: &'a str) -> (usize, std::borrow::Cow<'a, str>) {
    for (i, lang) in langs.iter().enumerate().skip(1) {
        if let Some(rest) = path.strip_prefix(lang.prefix.as_str()) {
            if rest.is_empty() {
                return (i, "/".into());
            }
            if rest.starts_with('/') {
                return (i, rest.into());
            }
        }
    }
    (0, path.into())
}

/// Gives `l` its home link, its `hreflang` links and the language switch,
/// for the page at the default language's `path` shown in `current`.
pub fn localize(l: &mut Layout, langs: &[Lang], current: &Lang, path: &str) {
    l.home = href(current, "/");
    l.prefix = current.prefix.clone();
    for link in &mut l.footer_links {
        if is_localized(&link.href) {
            link.href = href(current, &link.href);
        }
    }
    if langs.len() < 2 {
        return;
    }
    l.alternates = langs
        .iter()
        .map(|lang| Alternate {
            tag: lang.tag.clone(),
            name: lang.name.clone(),
            href: href(lang, path),
        })
        .collect();
    l.switch = l
        .alternates
        .iter()
        .filter(|a| a.tag != current.tag)
        .cloned()
        .collect();
}

/// Renders the home page, every module, Urgent help and the privacy page
/// of each translation into `out`, keyed by path ("Get in touch" depends
/// on the time: `PageSet` renders it per state).
pub fn build(
    p: &Programme,
    options: &RenderOptions,
    out: &mut HashMap<String, Rendered>,
) -> Result<(), RenderError> {
    let langs = languages(p);
    for (tr, lang) in p.translations.iter().zip(langs.iter().skip(1)) {
        let lp = p.localized(tr);
        let t = I18n::new(&tr.locale);
        let mut home = pages::home_in(&lp, &t, &lang.prefix);
        localize(&mut home.l, &langs, lang, "/");
        out.insert(href(lang, "/"), html("home", &home)?);
        let mut crisis = pages::crisis_in(&lp, &t, &lang.prefix);
        localize(&mut crisis.l, &langs, lang, "/crisis");
        out.insert(href(lang, "/crisis"), html("crisis", &crisis)?);
        let draft_days = options.survey_draft_days;
        let mut privacy = pages::privacy(&lp, &t, draft_days, options.request_log);
        localize(&mut privacy.l, &langs, lang, "/privacy");
        out.insert(href(lang, "/privacy"), html("privacy", &privacy)?);
        for m in &lp.modules {
            let path = format!("/modules/{}", m.front.slug);
            let mut view = module::page_in(&lp, m, &t, options.pdf_links, &lang.prefix);
            localize(&mut view.l, &langs, lang, &path);
            if tr.missing.contains(&m.front.slug) {
                view.fallback_notice = t.t("translation-missing");
                view.content_lang = p.locale.clone();
                view.content_dir = crate::i18n::direction_of(&p.locale);
                // No PDF of its own: the default language's.
                if view.pdf_href.is_some() {
                    view.pdf_href = Some(format!("{path}.pdf"));
                }
            }
            out.insert(href(lang, &path), html(&m.front.slug, &view)?);
        }
    }
    Ok(())
}
