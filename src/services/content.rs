//! The content version being served: its pre-rendered pages and its module
//! PDFs, built together and swapped together. Requests take the current
//! version without a lock; a reload swaps in a new one at once and stops
//! the old version's PDF renders that have not started.

use std::sync::Arc;

use arc_swap::ArcSwap;

use super::pdf::{ModulePdfs, Typesetter};
use crate::content::Programme;
use crate::render::{PageSet, RenderError, RenderOptions};

/// How a content version is built.
#[derive(Clone, Default)]
pub struct ContentOptions {
    pub render: RenderOptions,
    /// Where PDFs are typeset: with it, module pages link to their PDFs
    /// and the PDFs are rendered in the background.
    pub pdf: Option<Arc<Typesetter>>,
}

impl ContentOptions {
    /// The same options, with pages built for the instant `now`.
    pub fn at(&self, now: jiff::Timestamp) -> Self {
        let mut o = self.clone();
        o.render.now = now;
        o
    }
}

/// One content version: every page, and the module PDFs when PDFs are made.
pub struct ContentVersion {
    pages: PageSet,
    pdfs: Option<Arc<ModulePdfs>>,
}

impl ContentVersion {
    /// Renders every page of `programme` (the PDFs are rendered later, by
    /// [`ContentVersion::start_pdfs`] or on first request).
    pub fn build(programme: Programme, options: &ContentOptions) -> Result<Self, RenderError> {
        let mut render = options.render.clone();
        render.pdf_links = options.pdf.is_some();
        let pages = PageSet::build(programme, render)?;
        let pdfs = options
            .pdf
            .clone()
            .map(|engine| Arc::new(ModulePdfs::new(engine, pages.programme().clone())));
        Ok(Self { pages, pdfs })
    }

    /// A version of pages alone (no PDFs).
    pub fn of_pages(pages: PageSet) -> Self {
        Self { pages, pdfs: None }
    }

    pub fn pages(&self) -> &PageSet {
        &self.pages
    }

    /// The module PDFs, when PDFs are made.
    pub fn pdfs(&self) -> Option<&Arc<ModulePdfs>> {
        self.pdfs.as_ref()
    }

    /// Starts rendering every module PDF in the background.
    pub fn start_pdfs(&self) {
        if let Some(pdfs) = &self.pdfs {
            pdfs.spawn_all();
        }
    }
}

impl std::ops::Deref for ContentVersion {
    type Target = PageSet;

    fn deref(&self) -> &PageSet {
        &self.pages
    }
}

/// The version being served.
pub struct Content {
    current: ArcSwap<ContentVersion>,
}

impl Content {
    pub fn new(version: ContentVersion) -> Self {
        Self {
            current: ArcSwap::from_pointee(version),
        }
    }

    /// The version being served now (requests already holding the old one
    /// finish with it).
    pub fn current(&self) -> Arc<ContentVersion> {
        self.current.load_full()
    }

    /// Serves `version` from now on and stops the old one's pending PDF
    /// renders. Returns the old version.
    pub fn replace(&self, version: ContentVersion) -> Arc<ContentVersion> {
        // Requests still on the old version after this are not carried.
        version.pages.carry_counts(&self.current.load().pages);
        let old = self.current.swap(Arc::new(version));
        if let Some(pdfs) = old.pdfs() {
            pdfs.cancel();
        }
        old
    }
}
