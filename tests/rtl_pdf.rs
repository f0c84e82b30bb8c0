//! The right-to-left fixture's PDF (Hebrew, `tests/fixtures/rtl`, not
//! shipped): typeset with `/Lang he`, its Hebrew letters taken from a font
//! the content folder adds in `fonts/`; and `pathway check` warning about
//! letters no font has, or refusing a file in `fonts/` that is not a font.

mod common;

use std::path::Path;
use std::process::Command;

use axum::http::StatusCode;
use common::*;

/// A copy of the sample with the Hebrew fixture as a second translation,
/// and the fixture's font in `fonts/` when `with_font`.
fn hebrew_content(with_font: bool) -> tempfile::TempDir {
    let dir = with_translations("translations = [\"cy\", \"he\"]\n");
    let fixture = root().join("tests/fixtures/rtl");
    copy_dir(&fixture.join("he"), &dir.path().join("he"));
    if with_font {
        copy_dir(&fixture.join("fonts"), &dir.path().join("fonts"));
    }
    dir
}

/// The `BaseFont` names of every font a PDF uses.
fn pdf_fonts(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).unwrap_or_else(|e| panic!("pdf: {e}"));
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"Font"))
        .filter_map(|d| d.get(b"BaseFont").and_then(|n| n.as_name()).ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect()
}

fn is_hebrew(c: char) -> bool {
    ('\u{05D0}'..='\u{05EA}').contains(&c)
}

#[tokio::test]
async fn the_right_to_left_fixture_has_a_pdf_in_hebrew() {
    let content = hebrew_content(true);
    let db = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, _state) = pdf_app(content.path(), db.path(), 1, 1).await;
    let page = get(&app, "/he/modules/sexual-communication-online").await;
    assert!(
        page.text()
            .contains(r#"href="/he/modules/sexual-communication-online.pdf""#),
        "{}",
        page.text()
    );
    let pdf = get(&app, "/he/modules/sexual-communication-online.pdf").await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert_eq!(pdf_lang(&pdf.body), "he");
    let fonts = pdf_fonts(&pdf.body);
    assert!(
        fonts.iter().any(|f| f.ends_with("+DejaVuSans")),
        "the Hebrew letters come from the added font: {fonts:?}"
    );
    assert!(fonts.iter().any(|f| f.contains("AtkinsonHyperlegible")));
    let text = pdf_text(&pdf.body);
    let hebrew = text.chars().filter(|c| is_hebrew(*c)).count();
    assert!(hebrew > 20, "{text}");
    // The English module's PDF has no use for the added font.
    let english = get(&app, "/modules/sexual-communication-online.pdf").await;
    assert_eq!(pdf_lang(&english.body), "en-GB");
    let fonts = pdf_fonts(&english.body);
    assert!(!fonts.iter().any(|f| f.contains("DejaVu")), "{fonts:?}");
}

fn check(dir: &Path) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pathway"))
        .arg("check")
        .arg(dir)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_warns_of_letters_no_font_has_and_refuses_a_file_that_is_not_a_font() {
    let (ok, err) = check(&sample_content());
    assert!(ok, "{err}");
    assert!(!err.contains("no letters"), "the sample is covered: {err}");

    let without = hebrew_content(false);
    let (ok, err) = check(without.path());
    assert!(ok, "a warning only: {err}");
    assert!(
        err.contains(
            "he/modules/02-sexual-communication-online.md:1: warning: the PDF fonts have no letters for"
        ),
        "{err}"
    );
    assert!(err.contains("fonts/"), "{err}");

    let with = hebrew_content(true);
    let (ok, err) = check(with.path());
    assert!(ok, "{err}");
    assert!(!err.contains("no letters"), "{err}");

    std::fs::write(with.path().join("fonts/broken.ttf"), b"not a font")
        .unwrap_or_else(|e| panic!("{e}"));
    let (ok, err) = check(with.path());
    assert!(!ok, "{err}");
    assert!(
        err.contains("error:") && err.contains("broken.ttf"),
        "{err}"
    );
    assert!(
        !err.contains("LICENSE.txt"),
        "a licence is not a font: {err}"
    );
}
