//! Fonts a service adds for letters the bundled font lacks (a language in
//! Hebrew, Arabic or another script): every `.ttf`, `.otf`, `.ttc` or
//! `.otc` file in the content folder's `fonts/`, read when the server
//! starts. Other files there (a font's licence) are left alone.

use std::path::{Path, PathBuf};

use pathway_pdf::{AddedFont, Engine, PdfError};

const FONT_EXTENSIONS: [&str; 4] = ["ttf", "otf", "ttc", "otc"];

#[derive(Debug, thiserror::Error)]
pub enum FontsError {
    #[error("{}: cannot be read: {source}", .path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {source}; remove it or replace it with a font file", .dir.display())]
    NotFonts { dir: PathBuf, source: PdfError },
}

/// The typesetting engine for the content folder `content`: the bundled
/// fonts, then the font files in `content/fonts/` in name order. No
/// folder, no added fonts.
pub fn engine_for(content: &Path) -> Result<Engine, FontsError> {
    let dir = content.join("fonts");
    engine_with(&added_font_paths(&dir)?, &dir)
}

/// The engine with the bundled fonts, then the files `paths` (in `dir`,
/// for the error) in that order.
pub fn engine_with(paths: &[PathBuf], dir: &Path) -> Result<Engine, FontsError> {
    let added = paths
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).map_err(|source| FontsError::Read {
                path: path.clone(),
                source,
            })?;
            let file = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok(AddedFont { file, bytes })
        })
        .collect::<Result<Vec<_>, FontsError>>()?;
    Engine::with_fonts(added).map_err(|source| FontsError::NotFonts {
        dir: dir.to_path_buf(),
        source,
    })
}

/// The font files in `dir`, in name order (none when there is no `dir`).
pub fn added_font_paths(dir: &Path) -> Result<Vec<PathBuf>, FontsError> {
    let read = |path: &Path, source| FontsError::Read {
        path: path.to_path_buf(),
        source,
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(read(dir, e)),
    };
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| read(dir, e))?.path();
        let is_font = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| FONT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if is_font {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}
