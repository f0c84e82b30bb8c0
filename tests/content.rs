//! Content loader: one fixture per error kind, each reported with its file,
//! its line and a fix; and every error in a folder reported at once.

mod common;

use std::path::{Path, PathBuf};

use common::copy_dir;

use pathway::content::{Diagnostic, Severity, load};

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 25)
}

/// A copy of the valid fixture with `files` written over it.
fn fixture(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    copy_dir(&src, dir.path());
    for (name, text) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
    }
    dir
}

fn errors(dir: &Path) -> Vec<Diagnostic> {
    let loaded = load(dir, today());
    let all = loaded.diagnostics.sorted();
    let errors: Vec<Diagnostic> = all
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(loaded.programme.is_none(), !errors.is_empty());
    errors
}

/// Exactly one error, in `file` at `line`, whose message contains `needle`.
fn assert_one(files: &[(&str, &str)], file: &str, line: usize, needle: &str) {
    let dir = fixture(files);
    let errs = errors(dir.path());
    assert_eq!(errs.len(), 1, "expected one error, got {errs:#?}");
    let e = &errs[0];
    assert!(
        e.file.ends_with(file),
        "error in {} not {file}",
        e.file.display()
    );
    assert_eq!(e.line, line, "wrong line for {e}");
    assert!(e.message.contains(needle), "{e} does not mention {needle}");
    assert!(!e.help.is_empty(), "{e} says nothing about a fix");
}

const HEAD: &str = "+++\ntitle = \"Third\"\nslug = \"third\"\nsummary = \"S\"\norder = 3\nminutes = 5\naims = [\"A\"]\n";

fn module(front_extra: &str, body: &str) -> String {
    format!("{HEAD}{front_extra}+++\n{body}")
}

#[test]
fn the_valid_fixture_and_the_sample_programme_load() {
    let dir = fixture(&[]);
    assert!(errors(dir.path()).is_empty());
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let loaded = load(&sample, today());
    // The only notes on the sample: the Welsh modules not translated yet
    // (shown in English with a notice).
    let all: Vec<Diagnostic> = loaded
        .diagnostics
        .sorted()
        .into_iter()
        .filter(|d| !(d.severity == Severity::Warning && d.message.contains("no `cy` translation")))
        .collect();
    assert!(all.is_empty(), "the sample has problems: {all:#?}");
    let p = loaded.programme.unwrap_or_else(|| panic!("sample loads"));
    assert!(p.modules.len() >= 4);
    assert!(p.site.sample);
    assert!(p.modules.iter().all(|m| m.front.sample));
}

#[test]
fn unknown_front_matter_key() {
    let text = module("colour = \"blue\"\n", "## S\n\nText.\n");
    assert_one(
        &[("modules/third.md", &text)],
        "third.md",
        8,
        "unknown front-matter key `colour`",
    );
}

#[test]
fn a_module_about_current_behaviour_needs_the_safety_block() {
    let text = module("current_behaviour = true\n", "## S\n\nText.\n");
    assert_one(
        &[("modules/third.md", &text)],
        "third.md",
        1,
        "no safety block",
    );
    // A key point is not a safety block; a warning that says to stop and
    // gives 999 is.
    let body = "## S\n\n::: key-point\nStop. Call 999.\n:::\n";
    assert_one(
        &[(
            "modules/third.md",
            &module("current_behaviour = true\n", body),
        )],
        "third.md",
        1,
        "no safety block",
    );
    let body = "## S\n\n::: warning \"If you are talking to a child now\"\nStop now. Call the helpline. If a child is in danger, call 999.\n:::\n";
    let dir = fixture(&[(
        "modules/third.md",
        &module("current_behaviour = true\n", body),
    )]);
    assert!(errors(dir.path()).is_empty());
}

#[test]
fn an_unknown_audience_is_refused_with_its_line() {
    let text = module("audience = \"parents\"\n", "## S\n\nText.\n");
    assert_one(
        &[("modules/third.md", &text)],
        "third.md",
        8,
        "audience `parents` is not known",
    );
}

#[test]
fn missing_title_and_aims() {
    let text =
        "+++\nslug = \"third\"\nsummary = \"S\"\norder = 3\nminutes = 5\n+++\n## S\n\nText.\n";
    let dir = fixture(&[("modules/third.md", text)]);
    let errs = errors(dir.path());
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert!(errs.iter().any(|e| e.message.contains("no `title`")));
    assert!(errs.iter().any(|e| e.message.contains("no `aims`")));
}

#[test]
fn missing_front_matter() {
    assert_one(
        &[("modules/third.md", "## S\n\nText.\n")],
        "third.md",
        1,
        "does not start with front matter",
    );
}

#[test]
fn unknown_block_type() {
    let text = module("", "## S\n\n::: story\nText.\n:::\n");
    assert_one(
        &[("modules/third.md", &text)],
        "third.md",
        11,
        "unknown block type `story`",
    );
}

#[test]
fn unclosed_block() {
    let text = module("", "## S\n\n::: case \"Open\"\nText that never ends.\n");
    assert_one(
        &[("modules/third.md", &text)],
        "third.md",
        11,
        "never closed",
    );
}

#[test]
fn nested_block() {
    let text = module(
        "",
        "## S\n\n::: case \"Outer\"\nText.\n::: key-point\nInner.\n:::\n",
    );
    let dir = fixture(&[("modules/third.md", &text)]);
    let errs = errors(dir.path());
    assert!(
        errs.iter()
            .any(|e| e.line == 13 && e.message.contains("inside the `case` block")),
        "{errs:#?}"
    );
}

#[test]
fn stray_closing_marker() {
    let text = module("", "## S\n\nText.\n:::\n");
    assert_one(
        &[("modules/third.md", &text)],
        "third.md",
        12,
        "no block is open",
    );
}

#[test]
fn case_without_title() {
    let text = module("", "## S\n\n::: case\nText.\n:::\n");
    assert_one(
        &[("modules/third.md", &text)],
        "third.md",
        11,
        "has no title",
    );
}

#[test]
fn duplicate_slug() {
    let text = "+++\ntitle = \"Copy\"\nslug = \"first\"\nsummary = \"S\"\norder = 3\nminutes = 5\naims = [\"A\"]\n+++\n## S\n\nText.\n";
    assert_one(
        &[("modules/third.md", text)],
        "third.md",
        1,
        "slug `first` is also used",
    );
}

#[test]
fn link_to_missing_module() {
    let text = module("", "## S\n\nSee [this](module:nowhere).\n");
    assert_one(
        &[("modules/third.md", &text)],
        "third.md",
        11,
        "module `nowhere`, which does not exist",
    );
}

#[test]
fn link_to_missing_anchor() {
    let text = module("", "## S\n\nSee\n[this](module:first#nowhere).\n");
    assert_one(
        &[("modules/third.md", &text)],
        "third.md",
        12,
        "#nowhere, which is not a section of `first`",
    );
}

#[test]
fn empty_section() {
    let text = module("", "## Empty\n\n## Full\n\nText.\n");
    assert_one(
        &[("modules/third.md", &text)],
        "third.md",
        9,
        "section `Empty` is empty",
    );
}

#[test]
fn undeclared_jurisdiction() {
    let text = module("", "## S\n\n::: jurisdiction wales-only\nText.\n:::\n");
    assert_one(
        &[("modules/third.md", &text)],
        "third.md",
        11,
        "`wales-only` is not declared",
    );
}

#[test]
fn raw_html_is_refused() {
    let text = module("", "## S\n\nText.\n\n<script>alert(1)</script>\n");
    assert_one(&[("modules/third.md", &text)], "third.md", 13, "raw HTML");
    let inline = module("", "## S\n\n::: case \"C\"\nSome <b>bold</b> text.\n:::\n");
    assert_one(&[("modules/third.md", &inline)], "third.md", 12, "raw HTML");
}

#[test]
fn level_one_heading_and_unsafe_links() {
    let text = module("", "# Title again\n\n## S\n\nText.\n");
    assert_one(
        &[("modules/third.md", &text)],
        "third.md",
        9,
        "level-1 heading",
    );
    let link = module("", "## S\n\nSee [x](http://example.com).\n");
    assert_one(
        &[("modules/third.md", &link)],
        "third.md",
        11,
        "not allowed",
    );
}

#[test]
fn site_toml_unknown_key() {
    let site = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/site.toml"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let broken = site.replacen("programme = ", "programm = ", 1);
    let line = broken
        .lines()
        .position(|l| l.starts_with("programm ="))
        .map_or(0, |i| i + 1);
    assert_one(&[("site.toml", &broken)], "site.toml", line, "programm");
}

#[test]
fn site_toml_bad_hours_zone_and_exit_url() {
    let site = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/site.toml"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let broken = site
        .replace("\"Europe/London\"", "\"Europe/Londn\"")
        .replace("friday = [\"09:00-17:00\"]", "friday = [\"9 till 5\"]")
        .replace("https://www.bbc.co.uk/weather", "www.bbc.co.uk/weather");
    let dir = fixture(&[("site.toml", &broken)]);
    let errs = errors(dir.path());
    assert!(
        errs.iter()
            .any(|e| e.message.contains("unknown time zone `Europe/Londn`")),
        "{errs:#?}"
    );
    assert!(
        errs.iter().any(|e| e.message.contains("`9 till 5`")),
        "{errs:#?}"
    );
    assert!(
        errs.iter().any(|e| e.message.contains("quick_exit_url")),
        "{errs:#?}"
    );
    let exit_line = broken
        .lines()
        .position(|l| l.starts_with("quick_exit_url"))
        .map_or(0, |i| i + 1);
    assert!(errs.iter().any(|e| e.line == exit_line));
}

#[test]
fn overdue_review_is_a_warning_only() {
    let text = module("review_due = 2020-01-01\n", "## S\n\nText.\n");
    let dir = fixture(&[("modules/third.md", &text)]);
    let loaded = load(dir.path(), today());
    assert!(loaded.programme.is_some());
    let all = loaded.diagnostics.sorted();
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].severity, Severity::Warning);
    assert!(all[0].message.contains("review was due on 2020-01-01"));
}

#[test]
fn drafts_are_checked_but_not_published() {
    let text = module("draft = true\n", "## S\n\nText.\n");
    let dir = fixture(&[("modules/third.md", &text)]);
    let loaded = load(dir.path(), today());
    let p = loaded.programme.unwrap_or_else(|| panic!("loads"));
    assert_eq!(p.modules.len(), 2);
    assert_eq!(p.drafts.len(), 1);
    assert!(p.module("third").is_none());
}

#[test]
fn every_error_in_every_file_is_reported_at_once() {
    let a = module(
        "colour = 1\n",
        "## S\n\n::: story\nx\n:::\n\n[x](module:gone)\n",
    );
    let b = "+++\ntitle = \"B\"\nslug = \"bee\"\nsummary = \"S\"\norder = 4\nminutes = 5\naims = [\"A\"]\n+++\n## Empty\n\n## S\n\n::: case \"C\"\nunclosed\n";
    let dir = fixture(&[("modules/third.md", &a), ("modules/fourth.md", b)]);
    let errs = errors(dir.path());
    let files: Vec<PathBuf> = errs.iter().map(|e| e.file.clone()).collect();
    assert!(files.iter().any(|f| f.ends_with("third.md")));
    assert!(files.iter().any(|f| f.ends_with("fourth.md")));
    assert!(errs.len() >= 5, "{errs:#?}");
    for needle in [
        "colour",
        "story",
        "gone",
        "`Empty` is empty",
        "never closed",
    ] {
        assert!(
            errs.iter().any(|e| e.message.contains(needle)),
            "missing {needle}: {errs:#?}"
        );
    }
}

fn exercise_module(fields: &str) -> String {
    module(
        "",
        &format!("## S\n\n::: exercise \"My plan\"\n{fields}:::\n"),
    )
}

#[test]
fn exercise_fields_are_checked_with_lines() {
    // Line 11 opens the block; its TOML starts on line 12.
    let cases: &[(&str, usize, &str)] = &[
        (
            "[[field]]\nid = \"a\"\ntype = \"essay\"\nlabel = \"A\"\n",
            13,
            "unknown type `essay`",
        ),
        (
            "[[field]]\nid = \"a\"\ntype = \"checklist\"\nlabel = \"A\"\n",
            13,
            "needs between 1 and 20 non-empty options",
        ),
        (
            "[[field]]\nid = \"a\"\ntype = \"scale\"\nlabel = \"A\"\n",
            13,
            "needs min_label and max_label",
        ),
        (
            "[[field]]\nid = \"a\"\ntype = \"text\"\nlabel = \"A\"\ncolour = 1\n",
            16,
            "unknown field `colour`",
        ),
        (
            "[[field]]\nid = \"a\"\ntype = \"text\"\nlabel = \"A\"\n[[field]]\nid = \"a\"\ntype = \"text\"\nlabel = \"B\"\n",
            13,
            "used twice",
        ),
        (
            "intro = \"Nothing to fill in\"\n",
            12,
            "between 1 and 20 fields",
        ),
        ("[[field]\n", 12, "not valid"),
    ];
    for (fields, line, needle) in cases {
        let text = exercise_module(fields);
        assert_one(&[("modules/third.md", &text)], "third.md", *line, needle);
    }
}

#[test]
fn exercise_ids_must_be_unique_and_titles_present() {
    let field = "[[field]]\nid = \"a\"\ntype = \"text\"\nlabel = \"A\"\n";
    let text = module(
        "",
        &format!(
            "## S\n\n::: exercise \"Plan\"\n{field}:::\n\n::: exercise \"Plan\"\n{field}:::\n"
        ),
    );
    assert_one(
        &[("modules/third.md", &text)],
        "third.md",
        18,
        "exercise id `plan` is already used",
    );
    let untitled = module("", &format!("## S\n\n::: exercise\n{field}:::\n"));
    assert_one(
        &[("modules/third.md", &untitled)],
        "third.md",
        11,
        "has no title",
    );
}

#[test]
fn a_valid_exercise_loads_with_its_fields() {
    let fields = "intro = \"Fill this in.\"\n\n[[field]]\nid = \"signs\"\ntype = \"text\"\nlabel = \"Signs\"\nmax_chars = 500\n\n[[field]]\nid = \"where\"\ntype = \"checklist\"\nlabel = \"Where\"\noptions = [\"Home\", \"Work\"]\n\n[[field]]\nid = \"sure\"\ntype = \"scale\"\nlabel = \"Sure?\"\nmin_label = \"No\"\nmax_label = \"Yes\"\n";
    let dir = fixture(&[("modules/third.md", &exercise_module(fields))]);
    let loaded = load(dir.path(), today());
    let p = loaded
        .programme
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics.sorted()));
    let e = p
        .module("third")
        .and_then(|m| m.exercise("my-plan"))
        .unwrap_or_else(|| panic!("exercise"));
    assert_eq!(e.fields.len(), 3);
    assert_eq!(e.intro.as_deref(), Some("Fill this in."));
}
