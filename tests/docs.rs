//! The example in docs/content.md is complete and passes the checker.

use std::path::Path;

fn block<'a>(doc: &'a str, after: &str, fence: &str) -> &'a str {
    let start = doc
        .find(after)
        .unwrap_or_else(|| panic!("docs lack {after}"));
    let rest = &doc[start..];
    let open = rest
        .find(fence)
        .unwrap_or_else(|| panic!("no {fence} after {after}"));
    let body = &rest[open + fence.len()..];
    let body = &body[body.find('\n').map_or(0, |i| i + 1)..];
    let closing = fence.chars().take_while(|c| *c == '`').collect::<String>();
    let end = body
        .find(&format!("\n{closing}\n"))
        .unwrap_or_else(|| panic!("unclosed {fence}"));
    &body[..end + 1]
}

#[test]
fn the_documented_example_passes_the_checker() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc =
        std::fs::read_to_string(root.join("docs/content.md")).unwrap_or_else(|e| panic!("{e}"));
    let site = block(&doc, "## `site.toml`", "```toml");
    let module = block(&doc, "## A module", "````markdown");
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(dir.path().join("modules")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("site.toml"), site).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("modules/03-managing-urges.md"), module)
        .unwrap_or_else(|e| panic!("{e}"));
    let loaded = pathway::content::load(dir.path(), jiff::civil::date(2026, 11, 25));
    let diags = loaded.diagnostics.sorted();
    assert!(diags.is_empty(), "{diags:#?}");
    let programme = loaded.programme.unwrap_or_else(|| panic!("loads"));
    let m = programme
        .module("managing-urges")
        .unwrap_or_else(|| panic!("module"));
    assert_eq!(m.sections.len(), 3);
}
