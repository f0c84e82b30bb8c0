//! Markdown to HTML for the site: module links become site paths. Raw HTML
//! was already refused by the content checker; it is escaped here as well.

use pulldown_cmark::{CowStr, Event, Parser, Tag};

use crate::content::body::markdown_options;

/// Renders trusted-structure Markdown to HTML.
/// The helpline's confidentiality text, then what it must pass on in each
/// jurisdiction that says (a heading and its text each).
pub fn confidentiality_html(site: &crate::content::Site) -> String {
    let mut html = to_html(&site.helpline.confidentiality);
    html.push_str(&jurisdictions_confidentiality_html(site));
    html
}

/// What the helpline must pass on, jurisdiction by jurisdiction ("" when
/// no jurisdiction says).
pub fn jurisdictions_confidentiality_html(site: &crate::content::Site) -> String {
    let mut html = String::new();
    for j in &site.jurisdictions {
        if let Some(text) = &j.confidentiality {
            html.push_str("<h3>");
            html.push_str(&escape_text(&j.name));
            html.push_str("</h3>\n");
            html.push_str(&to_html(text));
        }
    }
    html
}

fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub fn to_html(text: &str) -> String {
    to_html_in(text, "")
}

/// Markdown to HTML for pages under `prefix` (such as "/cy"): links to
/// modules stay in that language.
pub fn to_html_in(text: &str, prefix: &str) -> String {
    let parser = Parser::new_ext(text, markdown_options()).map(|event| match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: rewrite(dest_url, prefix),
            title,
            id,
        }),
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        other => other,
    });
    let mut out = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out, parser);
    out
}

/// `module:` links become module paths; under a language prefix, a link
/// to a page that exists in every language stays in that language.
fn rewrite<'a>(dest: CowStr<'a>, prefix: &str) -> CowStr<'a> {
    match dest.strip_prefix("module:") {
        Some(target) => CowStr::from(format!("{prefix}/modules/{target}")),
        None if !prefix.is_empty() && super::locales::is_localized(&dest) => {
            CowStr::from(super::locales::in_prefix(prefix, &dest))
        }
        None => dest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_links_become_paths_and_html_is_escaped() {
        let html = to_html("See [next](module:managing-urges#instead). <b>x</b>");
        assert!(
            html.contains(r#"href="/modules/managing-urges#instead""#),
            "{html}"
        );
        assert!(html.contains("&lt;b&gt;"), "{html}");
        let welsh = to_html_in(
            "[nesaf](module:managing-urges) [preifatrwydd](/privacy#x) [arolwg](/survey)",
            "/cy",
        );
        assert!(
            welsh.contains(r#"href="/cy/modules/managing-urges""#)
                && welsh.contains(r#"href="/cy/privacy#x""#)
                && welsh.contains(r#"href="/cy/survey""#),
            "{welsh}"
        );
    }
}
