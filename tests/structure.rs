//! The architecture's rules, checked on the source tree (ARCHITECTURE.md
//! explains them): layers only point down, the pure core reads no clock and
//! has no I/O crates, no function is over 80 lines and no file over 600.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The layer of each top-level module of the `pathway` crate. A module may
/// use modules of lower layers only (the core crate is below them all).
const LAYERS: &[(&str, u8)] = &[
    ("clock", 1),
    ("config", 1),
    ("i18n", 1),
    ("db", 2),
    ("render", 2),
    ("services", 3),
    ("http", 4),
    ("cli", 5),
];

/// Re-exports of the core crate, usable from every layer.
const CORE: &[&str] = &["content", "survey", "worksheet"];

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The top-level module a file of `src/` belongs to (`None` for lib.rs and
/// main.rs, which may use everything).
fn top_module(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib" && name != "main").then(|| name.to_string())
}

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// Every `crate::X` a source text names, with its line number, outside
/// comments.
fn crate_uses(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    // Inside `use crate::{` spread over several lines.
    let mut group = false;
    for (i, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        if group {
            let name: String = code
                .trim()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push((i + 1, name));
            }
            group = !code.contains('}');
            continue;
        }
        group = code.trim_end().ends_with("crate::{");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push((i + 1, name));
            }
            rest = after;
        }
        // `use crate::{a, b}` names several at once.
        if let Some(at) = code.find("crate::{") {
            let inside = &code[at + "crate::{".len()..];
            for part in inside.split([',', '}']) {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.push((i + 1, name));
                }
            }
        }
    }
    out
}

/// Whether `from` (a top-level module) may use `to`.
fn allowed(from: &str, to: &str) -> bool {
    if from == to || CORE.contains(&to) {
        return true;
    }
    match (layer(from), layer(to)) {
        (Some(a), Some(b)) => b < a,
        // A module not in the table is a new layer: add it there.
        _ => false,
    }
}

#[test]
fn layers_only_point_down() {
    let src = root().join("src");
    let mut problems = Vec::new();
    for file in rust_files(&src) {
        let Some(from) = top_module(&src, &file) else {
            continue;
        };
        if layer(&from).is_none() {
            problems.push(format!(
                "{}: module `{from}` has no layer: add it to LAYERS here and to ARCHITECTURE.md",
                file.display()
            ));
            continue;
        }
        for (line, to) in crate_uses(&read(&file)) {
            if !allowed(&from, &to) {
                problems.push(format!(
                    "{}:{line}: `{from}` (layer {:?}) uses `crate::{to}` (layer {:?}): a layer may only use lower ones",
                    file.display(),
                    layer(&from),
                    layer(&to)
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn the_layer_rule_catches_an_upward_import() {
    let uses = crate_uses(
        "use crate::http::AppState;\nuse crate::{db, render};\n// crate::cli\nuse crate::{\n    services::x,\n    cli,\n};\n",
    );
    let names: Vec<&str> = uses.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(names, ["http", "db", "render", "services", "cli"]);
    assert!(!allowed("db", "http"), "db may not use http");
    assert!(!allowed("db", "render"), "siblings may not use each other");
    assert!(!allowed("render", "services"));
    assert!(allowed("services", "db") && allowed("http", "services"));
    assert!(allowed("render", "content"), "the core is below everything");
    assert!(
        !allowed("db", "newthing"),
        "an unknown module needs a layer"
    );
}

/// Every clock read (`needles`) in the non-test code of the files under
/// `dir`, as a problem each.
fn clock_reads(dir: &Path, needles: &[&str], fix: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for file in rust_files(dir) {
        let text = read(&file);
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for needle in needles {
            if code.contains(needle) {
                problems.push(format!(
                    "{}: reads the clock ({needle}); {fix}",
                    file.display()
                ));
            }
        }
    }
    problems
}

#[test]
fn the_store_and_the_renderer_read_no_clock() {
    let mut problems = Vec::new();
    for dir in ["src/db", "src/render"] {
        problems.extend(clock_reads(
            &root().join(dir),
            &["Timestamp::now", "SystemTime::now", "Zoned::now"],
            "take the date from the caller's Clock",
        ));
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn the_core_reads_no_clock_and_needs_no_server_crates() {
    let core = root().join("crates/pathway-core");
    let mut problems = clock_reads(
        &core.join("src"),
        &[
            "Timestamp::now",
            "SystemTime::now",
            "Instant::now",
            "Zoned::now",
        ],
        "pass the instant or date in",
    );
    let manifest = read(&core.join("Cargo.toml"));
    for server_crate in ["tokio", "sqlx", "axum", "typst", "askama"] {
        if manifest.contains(&format!("\n{server_crate} ")) {
            problems.push(format!("pathway-core depends on {server_crate}"));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// Every non-test source file of the workspace.
fn sources() -> Vec<PathBuf> {
    let mut files = rust_files(&root().join("src"));
    for krate in ["pathway-core", "pathway-pdf"] {
        files.extend(rust_files(&root().join("crates").join(krate).join("src")));
    }
    files.retain(|f| !f.ends_with("tests.rs"));
    files
}

/// The functions of `text` longer than `max` lines (the signature to the
/// closing brace, as rustfmt lays them out), outside test modules.
fn long_functions(text: &str, max: usize) -> Vec<(usize, String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let end_of_code = lines
        .iter()
        .position(|l| l.trim() == "#[cfg(test)]")
        .unwrap_or(lines.len());
    let mut out = Vec::new();
    for (i, line) in lines[..end_of_code].iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let is_fn = [
            "fn ",
            "pub fn ",
            "async fn ",
            "pub async fn ",
            "pub(crate) fn ",
            "pub(crate) async fn ",
            "const fn ",
            "pub const fn ",
        ]
        .iter()
        .any(|p| trimmed.starts_with(p));
        if !is_fn || trimmed.ends_with(';') || trimmed.ends_with('}') {
            continue;
        }
        let close = format!("{}}}", " ".repeat(indent));
        if let Some(len) = lines[i + 1..end_of_code]
            .iter()
            .position(|l| *l == close)
            .map(|p| p + 2)
            && len > max
        {
            let name: String = trimmed
                .split("fn ")
                .nth(1)
                .unwrap_or("")
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.push((i + 1, name, len));
        }
    }
    out
}

#[test]
fn no_function_is_over_80_lines() {
    let mut problems = Vec::new();
    for file in sources() {
        for (line, name, len) in long_functions(&read(&file), 80) {
            problems.push(format!(
                "{}:{line}: `{name}` is {len} lines: split it",
                file.display()
            ));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn the_length_check_finds_a_long_function() {
    let long = format!(
        "fn long() {{\n{}}}\nfn short() {{\n    1\n}}\n",
        "    x();\n".repeat(90)
    );
    let found = long_functions(&long, 80);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].1.as_str(), found[0].2), ("long", 92));
}

#[test]
fn no_source_file_is_over_600_lines() {
    let lengths: BTreeMap<String, usize> = sources()
        .into_iter()
        .map(|f| (f.display().to_string(), read(&f).lines().count()))
        .filter(|(_, n)| *n > 600)
        .collect();
    assert!(lengths.is_empty(), "split these files: {lengths:?}");
}
