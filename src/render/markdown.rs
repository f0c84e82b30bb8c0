//! Markdown to HTML for the site: module links become site paths. Raw HTML
//! was already refused by the content checker; it is escaped here as well.

use pulldown_cmark::{CowStr, Event, Parser, Tag};

use crate::content::body::markdown_options;

/// Renders trusted-structure Markdown to HTML.
pub fn to_html(text: &str) -> String {
    let parser = Parser::new_ext(text, markdown_options()).map(|event| match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: rewrite(dest_url),
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

fn rewrite(dest: CowStr<'_>) -> CowStr<'_> {
    match dest.strip_prefix("module:") {
        Some(target) => CowStr::from(format!("/modules/{target}")),
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
    }
}
