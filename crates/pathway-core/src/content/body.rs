//! The Markdown body of a module: `##` sections and `:::` blocks.
//!
//! ```text
//! ## A section title {#optional-anchor}
//! ::: case "A title"
//! Markdown ...
//! :::
//! ```

use std::collections::BTreeSet;
use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};

use super::diag::Diagnostics;
use super::model::{Block, CalloutKind, JurisdictionText, Md, Section};
use super::site::Jurisdiction;

/// The block types an author can open with `:::`.
pub const BLOCK_TYPES: &[&str] = &[
    "case",
    "reflection",
    "key-point",
    "warning",
    "jurisdiction",
    "exercise",
];

/// Markdown options shared by validation and every renderer.
pub fn markdown_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION
}

/// A link to a module or an anchor, checked once every module is parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    /// `None` for a link inside the same module.
    pub slug: Option<String>,
    pub anchor: Option<String>,
    pub line: usize,
}

/// The parsed body.
#[derive(Debug, Default)]
pub struct Body {
    pub intro: Vec<Block>,
    pub sections: Vec<Section>,
    pub links: Vec<LinkRef>,
}

struct Open<'a> {
    kind: &'a str,
    arg: String,
    line: usize,
    lines: Vec<&'a str>,
}

struct Parse<'a, 'd> {
    file: &'a Path,
    jurisdictions: Option<&'a [Jurisdiction]>,
    diags: &'d mut Diagnostics,
    body: Body,
    current: Option<Section>,
    text: Vec<&'a str>,
    text_line: usize,
    open: Option<Open<'a>>,
    anchors: BTreeSet<String>,
    /// The current section has text, even if a block in it was refused
    /// (so that one mistake is not also reported as an empty section).
    has_content: bool,
}

/// Parses a module body that starts on line `first_line` of `file`.
/// `jurisdictions` is `None` when site.toml itself failed to load.
pub fn parse(
    file: &Path,
    text: &str,
    first_line: usize,
    jurisdictions: Option<&[Jurisdiction]>,
    diags: &mut Diagnostics,
) -> Body {
    let mut p = Parse {
        file,
        jurisdictions,
        diags,
        body: Body::default(),
        current: None,
        text: Vec::new(),
        text_line: first_line,
        open: None,
        anchors: BTreeSet::new(),
        has_content: false,
    };
    let mut fence: Option<&str> = None;
    for (i, line) in text.lines().enumerate() {
        let n = first_line + i;
        let trimmed = line.trim_start();
        if let Some(marker) = fence {
            if trimmed.starts_with(marker) {
                fence = None;
            }
            p.line(line, n);
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            p.line(line, n);
        } else if let Some(rest) = line.strip_prefix(":::") {
            p.directive(rest.trim(), n);
        } else if let Some(title) = line.strip_prefix("## ") {
            p.heading(title.trim(), n);
        } else if line.starts_with("# ") {
            p.diags.error(
                file,
                n,
                "a level-1 heading (`# `) is in the body",
                "the page title comes from `title` in the front matter: use `## ` for sections and `### ` below them",
            );
        } else {
            p.line(line, n);
        }
    }
    p.finish(first_line + text.lines().count())
}

impl<'a> Parse<'a, '_> {
    fn line(&mut self, line: &'a str, n: usize) {
        match &mut self.open {
            Some(open) => open.lines.push(line),
            None => {
                if self.text.is_empty() {
                    self.text_line = n;
                }
                self.text.push(line);
            }
        }
    }

    fn heading(&mut self, raw: &str, n: usize) {
        if let Some(open) = &self.open {
            self.diags.error(
                self.file,
                n,
                format!(
                    "a section heading is inside the `{}` block opened on line {}",
                    open.kind, open.line
                ),
                "close the block with a line `:::` before the next `## ` heading",
            );
            return;
        }
        self.flush_text();
        self.close_section();
        let (title, anchor) = match raw.rsplit_once("{#") {
            Some((t, a)) if a.ends_with('}') => (t.trim(), a.trim_end_matches('}').to_string()),
            _ => (raw, slugify(raw)),
        };
        if title.is_empty() {
            self.diags.error(
                self.file,
                n,
                "a section heading has no title",
                "write the section's title after `## `",
            );
        }
        if !super::site::is_identifier(&anchor) {
            self.diags.error(
                self.file,
                n,
                format!("the anchor `{anchor}` is not valid"),
                "use lower-case letters, digits and dashes, such as {#what-the-law-says}",
            );
        }
        if !self.anchors.insert(anchor.clone()) {
            self.diags.error(
                self.file,
                n,
                format!("two sections have the anchor `{anchor}`"),
                "give one of them its own anchor with {#another-name} after the title",
            );
        }
        self.has_content = false;
        self.current = Some(Section {
            title: title.to_string(),
            anchor,
            line: n,
            blocks: Vec::new(),
        });
    }

    fn directive(&mut self, rest: &str, n: usize) {
        if rest.is_empty() {
            match self.open.take() {
                Some(open) => self.close_block(open),
                None => self.diags.error(
                    self.file,
                    n,
                    "`:::` closes a block, but no block is open",
                    "remove this line, or open a block above it, such as `::: case \"A title\"`",
                ),
            }
            return;
        }
        if let Some(open) = &self.open {
            self.diags.error(
                self.file,
                n,
                format!(
                    "a block is opened inside the `{}` block opened on line {}",
                    open.kind, open.line
                ),
                "blocks cannot be nested: close the open block with a line `:::` first",
            );
            return;
        }
        let (kind, arg) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let Some(kind) = BLOCK_TYPES.iter().find(|k| **k == kind) else {
            self.diags.error(
                self.file,
                n,
                format!("unknown block type `{kind}`"),
                format!("use one of: {}", BLOCK_TYPES.join(", ")),
            );
            // Still track the block so that its closing `:::` matches.
            self.flush_text();
            self.has_content = true;
            self.open = Some(Open {
                kind: "unknown",
                arg: String::new(),
                line: n,
                lines: Vec::new(),
            });
            return;
        };
        self.flush_text();
        self.has_content = true;
        let arg = arg.trim();
        let arg = arg
            .strip_prefix('"')
            .and_then(|a| a.strip_suffix('"'))
            .unwrap_or(arg)
            .trim()
            .to_string();
        self.open = Some(Open {
            kind,
            arg,
            line: n,
            lines: Vec::new(),
        });
    }

    fn close_block(&mut self, open: Open<'a>) {
        let body = Md {
            text: open.lines.join("\n"),
            line: open.line + 1,
        };
        if open.kind == "unknown" {
            return;
        }
        if body.text.trim().is_empty() {
            self.diags.error(
                self.file,
                open.line,
                format!("the `{}` block has no text", open.kind),
                "write the block's text between its opening line and `:::`, or remove it",
            );
            return;
        }
        if open.kind == "exercise" {
            return self.exercise(open, body);
        }
        self.check_markdown(&body);
        let title = (!open.arg.is_empty()).then(|| open.arg.clone());
        let block = match open.kind {
            "case" => match title {
                Some(title) => Block::Case { title, body },
                None => {
                    self.diags.error(
                        self.file,
                        open.line,
                        "a case example has no title",
                        "give it a title, such as `::: case \"Alex's story\"`",
                    );
                    return;
                }
            },
            "reflection" => Block::Reflection { title, body },
            "key-point" => Block::Callout {
                kind: CalloutKind::KeyPoint,
                title,
                body,
            },
            "warning" => Block::Callout {
                kind: CalloutKind::Warning,
                title,
                body,
            },
            _ => return self.jurisdiction(open, body),
        };
        self.push(block);
    }

    fn exercise(&mut self, open: Open<'a>, body: Md) {
        let (title, id) = match open.arg.rsplit_once("{#") {
            Some((t, a)) if a.ends_with('}') => {
                let title = t.trim().trim_matches('"').trim().to_string();
                (title, a.trim_end_matches('}').to_string())
            }
            _ => (open.arg.clone(), slugify(&open.arg)),
        };
        if title.is_empty() {
            self.diags.error(
                self.file,
                open.line,
                "an exercise has no title",
                "give it a title, such as `::: exercise \"My warning signs\"`",
            );
            return;
        }
        if !self.anchors.insert(id.clone()) {
            self.diags.error(
                self.file,
                open.line,
                format!("the exercise id `{id}` is already used in this module"),
                "give it its own id with {#another-id} after the title",
            );
        }
        let parsed = super::exercise::parse(self.file, &body, self.diags);
        if let Some((intro, fields)) = parsed {
            if let Some(intro) = &intro {
                self.check_markdown(&Md {
                    text: intro.clone(),
                    line: body.line,
                });
            }
            self.push(Block::Exercise(super::model::Exercise {
                id,
                title,
                intro,
                fields,
                line: open.line,
            }));
        }
    }

    fn jurisdiction(&mut self, open: Open<'a>, body: Md) {
        let id = open.arg;
        let name = match self.jurisdictions {
            None => id.clone(),
            Some(list) => {
                match list.iter().find(|j| j.id == id) {
                    Some(j) => j.name.clone(),
                    None => {
                        let known: Vec<&str> = list.iter().map(|j| j.id.as_str()).collect();
                        self.diags.error(
                        self.file,
                        open.line,
                        if id.is_empty() {
                            "a jurisdiction block names no jurisdiction".to_string()
                        } else {
                            format!("jurisdiction `{id}` is not declared in site.toml")
                        },
                        format!("use one of: {} (or declare it in site.toml under [[jurisdictions]])", known.join(", ")),
                    );
                        return;
                    }
                }
            }
        };
        let base = self
            .current
            .as_ref()
            .map_or_else(|| "introduction".to_string(), |s| s.anchor.clone());
        let mut anchor = format!("{base}-{id}");
        let mut k = 2;
        while self.anchors.contains(&anchor) {
            anchor = format!("{base}-{id}-{k}");
            k += 1;
        }
        self.anchors.insert(anchor.clone());
        let text = JurisdictionText {
            id,
            name,
            anchor,
            body,
        };
        let line = open.line;
        let blocks = self.blocks();
        if let Some(Block::Jurisdictions(group)) = blocks.last_mut() {
            if group.iter().any(|j| j.id == text.id) {
                let id = text.id.clone();
                self.diags.error(
                    self.file,
                    line,
                    format!("jurisdiction `{id}` appears twice in a row"),
                    "merge the two blocks, or put other text between them",
                );
                return;
            }
            group.push(text);
        } else {
            blocks.push(Block::Jurisdictions(vec![text]));
        }
    }

    fn blocks(&mut self) -> &mut Vec<Block> {
        match &mut self.current {
            Some(section) => &mut section.blocks,
            None => &mut self.body.intro,
        }
    }

    fn push(&mut self, block: Block) {
        self.blocks().push(block);
    }

    fn flush_text(&mut self) {
        let lines = std::mem::take(&mut self.text);
        let text = lines.join("\n");
        if text.trim().is_empty() {
            return;
        }
        let md = Md {
            text,
            line: self.text_line,
        };
        self.check_markdown(&md);
        self.push(Block::Text(md));
    }

    fn close_section(&mut self) {
        if let Some(section) = self.current.take() {
            if section.blocks.is_empty() && !self.has_content {
                self.diags.error(
                    self.file,
                    section.line,
                    format!("the section `{}` is empty", section.title),
                    "write the section's text under its heading, or remove the heading",
                );
            }
            self.body.sections.push(section);
        }
    }

    fn finish(mut self, _last_line: usize) -> Body {
        if let Some(open) = self.open.take() {
            self.diags.error(
                self.file,
                open.line,
                format!("the `{}` block opened here is never closed", open.kind),
                "add a line with just `:::` after the block's text",
            );
        }
        self.flush_text();
        self.close_section();
        self.body
    }

    /// Refuses raw HTML, images and unsafe links; records module links.
    fn check_markdown(&mut self, md: &Md) {
        let parser = Parser::new_ext(&md.text, markdown_options()).into_offset_iter();
        for (event, range) in parser {
            let line = md.line + md.text[..range.start].matches('\n').count();
            match event {
                Event::Html(_) | Event::InlineHtml(_) => self.diags.error(
                    self.file,
                    line,
                    "raw HTML is not allowed in content",
                    "use Markdown or a ::: block instead; HTML could break the site's Content-Security-Policy",
                ),
                Event::Start(Tag::Image { .. }) => self.diags.error(
                    self.file,
                    line,
                    "images are not supported in modules",
                    "describe the point in words instead",
                ),
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H1 | HeadingLevel::H2,
                    ..
                }) => {
                    self.diags.error(
                        self.file,
                        line,
                        "a level-1 or level-2 heading is inside a block or written with underlines",
                        "start sections with `## ` at the start of a line outside ::: blocks; use `### ` inside",
                    )
                }
                Event::Start(Tag::Link { dest_url, .. }) => self.link(&dest_url, line),
                _ => {}
            }
        }
    }

    fn link(&mut self, dest: &str, line: usize) {
        if let Some(target) = dest.strip_prefix("module:") {
            let (slug, anchor) = match target.split_once('#') {
                Some((s, a)) => (s, Some(a.to_string())),
                None => (target, None),
            };
            self.body.links.push(LinkRef {
                slug: Some(slug.to_string()),
                anchor,
                line,
            });
        } else if let Some(anchor) = dest.strip_prefix('#') {
            self.body.links.push(LinkRef {
                slug: None,
                anchor: Some(anchor.to_string()),
                line,
            });
        } else if !(dest.starts_with("https://")
            || dest.starts_with("mailto:")
            || dest.starts_with("tel:")
            || (dest.starts_with('/') && !dest.starts_with("//")))
        {
            self.diags.error(
                self.file,
                line,
                format!("the link `{dest}` is not allowed"),
                "link to another module with module:slug or module:slug#anchor, to a section with #anchor, to a page of this site with /path, or elsewhere with https://",
            );
        }
    }
}

/// A heading's default anchor: lower-case words joined by dashes.
pub fn slugify(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if (c.is_whitespace() || c == '-') && !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}
