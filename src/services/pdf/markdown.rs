//! Markdown to the PDF's blocks and spans (the same source the HTML page is
//! rendered from; nothing is scraped from HTML).

use pathway_pdf::{Block, Span};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::content::body::markdown_options;

enum Frame {
    Para(Vec<Span>),
    Heading(Vec<Span>),
    List {
        ordered: bool,
        items: Vec<Vec<Span>>,
    },
    Item(Vec<Span>),
    Quote(Vec<Block>),
}

#[derive(Default)]
struct Inline {
    strong: u32,
    emph: u32,
    link: Option<Option<String>>,
}

/// Converts Markdown to blocks.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut inline = Inline::default();
    for event in Parser::new_ext(text, markdown_options()) {
        match event {
            Event::Start(tag) => start(tag, &mut stack, &mut inline),
            Event::End(end) => finish(end, &mut stack, &mut out, &mut inline),
            Event::Text(t) => push_span(&mut stack, &inline, &t, false),
            Event::Code(t) => push_span(&mut stack, &inline, &t, true),
            Event::SoftBreak | Event::HardBreak => push_span(&mut stack, &inline, " ", false),
            _ => {}
        }
    }
    out
}

fn start(tag: Tag<'_>, stack: &mut Vec<Frame>, inline: &mut Inline) {
    match tag {
        Tag::Paragraph if !matches!(stack.last(), Some(Frame::Item(_))) => {
            stack.push(Frame::Para(Vec::new()))
        }
        Tag::Heading { .. } => stack.push(Frame::Heading(Vec::new())),
        Tag::List(first) => stack.push(Frame::List {
            ordered: first.is_some(),
            items: Vec::new(),
        }),
        Tag::Item => stack.push(Frame::Item(Vec::new())),
        Tag::BlockQuote(_) => stack.push(Frame::Quote(Vec::new())),
        Tag::Strong => inline.strong += 1,
        Tag::Emphasis => inline.emph += 1,
        Tag::Link { dest_url, .. } => {
            let external = ["https://", "mailto:", "tel:"]
                .iter()
                .any(|p| dest_url.starts_with(p));
            inline.link = Some(external.then(|| dest_url.to_string()));
        }
        _ => {}
    }
}

fn finish(end: TagEnd, stack: &mut Vec<Frame>, out: &mut Vec<Block>, inline: &mut Inline) {
    match end {
        TagEnd::Strong => inline.strong = inline.strong.saturating_sub(1),
        TagEnd::Emphasis => inline.emph = inline.emph.saturating_sub(1),
        TagEnd::Link => inline.link = None,
        TagEnd::Paragraph => {
            if let Some(Frame::Para(spans)) = stack.last() {
                let spans = spans.clone();
                stack.pop();
                emit(Block::Paragraph { spans }, stack, out);
            }
        }
        TagEnd::Heading(level) => {
            if let Some(Frame::Heading(spans)) = stack.pop() {
                let text: String = spans.iter().map(|s| s.text.as_str()).collect();
                let block = match level {
                    HeadingLevel::H1 | HeadingLevel::H2 => Block::Heading { text },
                    _ => Block::Subheading { text },
                };
                emit(block, stack, out);
            }
        }
        TagEnd::Item => {
            if let Some(Frame::Item(spans)) = stack.pop()
                && let Some(Frame::List { items, .. }) = stack.last_mut()
            {
                items.push(spans);
            }
        }
        TagEnd::List(_) => {
            if let Some(Frame::List { ordered, items }) = stack.pop() {
                match stack.last_mut() {
                    // A nested list continues its parent item.
                    Some(Frame::Item(parent)) => {
                        for item in items {
                            parent.push(Span {
                                text: " – ".into(),
                                ..Span::default()
                            });
                            parent.extend(item);
                        }
                    }
                    _ => emit(Block::List { ordered, items }, stack, out),
                }
            }
        }
        TagEnd::BlockQuote(_) => {
            if let Some(Frame::Quote(blocks)) = stack.pop() {
                emit(Block::Quote { blocks }, stack, out);
            }
        }
        _ => {}
    }
}

fn emit(block: Block, stack: &mut [Frame], out: &mut Vec<Block>) {
    match stack.last_mut() {
        Some(Frame::Quote(blocks)) => blocks.push(block),
        _ => out.push(block),
    }
}

fn push_span(stack: &mut [Frame], inline: &Inline, text: &str, code: bool) {
    let span = Span {
        text: text.to_string(),
        strong: inline.strong > 0,
        emph: inline.emph > 0,
        code,
        link: inline.link.clone().flatten(),
    };
    if let Some(Frame::Para(spans) | Frame::Heading(spans) | Frame::Item(spans)) = stack.last_mut()
    {
        spans.push(span);
    }
}

/// The words of a short Markdown text on one line per paragraph, without
/// its markup (for a line of a PDF that has no room for blocks).
pub fn plain_text(text: &str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(text, markdown_options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph) => out.push('\n'),
            _ => {}
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_lists_and_links() {
        let b = blocks(
            "Some **bold** and [a link](https://example.org).\n\n- one\n- two [here](module:x)\n",
        );
        assert_eq!(b.len(), 2);
        let Block::Paragraph { spans } = &b[0] else {
            panic!("{b:?}")
        };
        assert!(spans.iter().any(|s| s.strong && s.text == "bold"));
        assert!(
            spans
                .iter()
                .any(|s| s.link.as_deref() == Some("https://example.org"))
        );
        let Block::List { items, .. } = &b[1] else {
            panic!("{b:?}")
        };
        assert_eq!(items.len(), 2);
        assert!(
            items[1].iter().all(|s| s.link.is_none()),
            "site links become text"
        );
    }

    #[test]
    fn plain_text_keeps_the_words_and_drops_the_markup() {
        assert_eq!(
            super::plain_text("Read **this** first,\nthen [that](/modules/x).\n\nAnd `more`."),
            "Read this first, then that.\nAnd more."
        );
    }
}
