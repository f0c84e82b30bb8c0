//! A typst `World` over one in-memory source, one JSON data file, the
//! bundled fonts and any fonts the service adds for letters the bundled
//! ones lack. Nothing is read from disk or the network.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

const FONTS: [&[u8]; 4] = [
    include_bytes!("../fonts/AtkinsonHyperlegible_400Regular.ttf"),
    include_bytes!("../fonts/AtkinsonHyperlegible_400Regular_Italic.ttf"),
    include_bytes!("../fonts/AtkinsonHyperlegible_700Bold.ttf"),
    include_bytes!("../fonts/AtkinsonHyperlegible_700Bold_Italic.ttf"),
];

static MAIN: LazyLock<Option<FileId>> = LazyLock::new(|| file_id("/main.typ"));
static DATA: LazyLock<Option<FileId>> = LazyLock::new(|| file_id("/data.json"));
static FAMILIES: LazyLock<Option<FileId>> = LazyLock::new(|| file_id("/fonts.json"));

fn file_id(path: &str) -> Option<FileId> {
    VirtualPath::new(path)
        .ok()
        .map(|vpath| RootedPath::new(VirtualRoot::Project, vpath).intern())
}

pub struct Engine {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    /// The added fonts' family names, as a JSON list: typst tries them in
    /// order after the bundled font, for each letter it lacks.
    families: Bytes,
}

impl Engine {
    pub fn new() -> Self {
        Self::with_fonts(Vec::new())
    }

    /// The bundled fonts, then `extra` (already read as typst fonts).
    pub fn with_fonts(extra: Vec<Font>) -> Self {
        let mut families: Vec<String> = Vec::new();
        for font in &extra {
            let family = font.info().family.clone();
            if !families.contains(&family) {
                families.push(family);
            }
        }
        let fonts: Vec<Font> = FONTS
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .chain(extra)
            .collect();
        let families = serde_json::to_vec(&families).unwrap_or_else(|_| b"[]".to_vec());
        Self {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            families: Bytes::new(families),
        }
    }

    /// The letters of `text` that no font covers, sorted, each once.
    pub fn uncovered(&self, text: &str) -> Vec<char> {
        let mut missing: Vec<char> = text
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .filter(|c| {
                !self
                    .fonts
                    .iter()
                    .any(|f| f.info().coverage.contains(u32::from(*c)))
            })
            .collect();
        missing.sort_unstable();
        missing.dedup();
        missing
    }

    /// The added fonts' family names, in the order typst tries them.
    pub fn added_families(&self) -> Vec<String> {
        serde_json::from_slice(self.families.as_slice()).unwrap_or_default()
    }
}

pub struct RenderWorld<'a> {
    engine: &'a Engine,
    main: Source,
    main_id: FileId,
    data: Bytes,
}

impl<'a> RenderWorld<'a> {
    pub fn new(engine: &'a Engine, source: String, data: Vec<u8>) -> Self {
        let main_id = MAIN.unwrap_or_else(|| Source::detached("").id());
        Self {
            engine,
            main: Source::new(main_id, source),
            main_id,
            data: Bytes::new(data),
        }
    }
}

impl World for RenderWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.engine.book
    }

    fn main(&self) -> FileId {
        self.main_id
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main_id {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if Some(id) == *DATA {
            Ok(self.data.clone())
        } else if Some(id) == *FAMILIES {
            Ok(self.engine.families.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts.get(index).cloned()
    }

    /// No dates in documents: a PDF must not record when someone made it.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::Engine;

    /// Every bundled font has the letters of the site's languages: Welsh
    /// writes w and y with a circumflex, grave, acute and diaeresis.
    #[test]
    fn the_fonts_have_every_welsh_letter() {
        let engine = Engine::new();
        assert_eq!(engine.fonts.len(), 4);
        let welsh = "ŵŷẁẃẅỳŴŶẀẂẄỲâêîôûáéíóúàèìòùäëïöüÿýÂÊÎÔÛ";
        for font in &engine.fonts {
            let missing: String = welsh
                .chars()
                .filter(|c| !font.info().coverage.contains(u32::from(*c)))
                .collect();
            assert!(
                missing.is_empty(),
                "{:?} lacks {missing}",
                font.info().family
            );
        }
    }
}
