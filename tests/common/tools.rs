//! Helpers for the tools that store nothing: where a marker must not be,
//! and the size of a PDF's pages.

use super::Captured;

/// `marker` is in no file of the database folder `dir` (database, WAL)
/// and in no log line.
pub fn kept_nowhere(dir: &std::path::Path, captured: &Captured, marker: &str) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let bytes = std::fs::read(&path).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(marker),
            "{} holds what was typed",
            path.display()
        );
    }
    assert!(!captured.text().contains(marker), "a log line holds it");
}

/// Width and height (points) of a PDF's first page, and its page count.
pub fn page_size(bytes: &[u8]) -> (f32, f32, usize) {
    let doc = lopdf::Document::load_mem(bytes).unwrap_or_else(|e| panic!("pdf: {e}"));
    let pages = doc.get_pages();
    let first = *pages.values().next().unwrap_or_else(|| panic!("no page"));
    let page = doc.get_dictionary(first).unwrap_or_else(|e| panic!("{e}"));
    let media = page
        .get(b"MediaBox")
        .and_then(|m| m.as_array())
        .unwrap_or_else(|e| panic!("{e}"));
    let n = |o: &lopdf::Object| {
        o.as_float()
            .or_else(|_| o.as_i64().map(|i| i as f32))
            .unwrap_or_else(|e| panic!("{e}"))
    };
    (
        n(&media[2]) - n(&media[0]),
        n(&media[3]) - n(&media[1]),
        pages.len(),
    )
}
