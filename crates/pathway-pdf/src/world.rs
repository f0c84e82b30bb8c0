//! A typst `World` over one in-memory source, one JSON data file and the
//! bundled fonts. Nothing is read from disk or the network.

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

fn file_id(path: &str) -> Option<FileId> {
    VirtualPath::new(path)
        .ok()
        .map(|vpath| RootedPath::new(VirtualRoot::Project, vpath).intern())
}

pub struct Engine {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

impl Engine {
    pub fn new() -> Self {
        let fonts: Vec<Font> = FONTS
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        Self {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
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
