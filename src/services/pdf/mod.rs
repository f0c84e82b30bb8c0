//! PDF output: module PDFs rendered once per content version in the
//! background, and worksheet PDFs rendered on request behind a bounded queue.
//! Documents are built from the same content model as the HTML pages.

pub mod document;
mod fonts;
pub mod markdown;
mod typesetter;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::OnceCell;

use super::blocking::{BlockingError, BlockingPool};
use crate::content::{Module, Programme};
use crate::i18n::I18n;
use crate::render::Rendered;
use crate::render::cache::NO_STORE;

pub use document::{card_doc, steps_doc};
pub use fonts::{FontsError, added_font_paths, engine_for, engine_with};
pub use pathway_pdf::{Engine, PdfError, Template};
pub use typesetter::{ChildError, ChildTypesetter, Typesetter};

pub const PDF: &str = "application/pdf";

type Cell = OnceCell<Result<Arc<Rendered>, String>>;

/// The module PDFs of one content version: each module in the default
/// language (keyed by its slug) and each translated module in its language
/// (keyed `<locale>/<slug>`, typeset with that language's `lang`). A module
/// with no translation has no PDF of its own in that language: its page
/// links to the default language's.
pub struct ModulePdfs {
    engine: Arc<Typesetter>,
    /// Each language's programme and strings, by key prefix ("" first).
    languages: HashMap<String, (Arc<Programme>, I18n)>,
    cells: HashMap<String, Arc<Cell>>,
    /// `Content-Disposition` per key, with a neutral file name.
    dispositions: HashMap<String, axum::http::HeaderValue>,
    /// Keys in the order the background task renders them.
    order: Vec<String>,
    /// The background task rendering every module, stopped when this
    /// content version is replaced.
    background: Mutex<Option<tokio::task::AbortHandle>>,
}

/// The key of module `slug` in the language with key prefix `lang`.
pub fn pdf_key(lang: &str, slug: &str) -> String {
    if lang.is_empty() {
        slug.to_string()
    } else {
        format!("{lang}/{slug}")
    }
}

impl ModulePdfs {
    pub fn new(engine: Arc<Typesetter>, programme: Arc<Programme>) -> Self {
        let mut languages = HashMap::new();
        let mut order = Vec::new();
        let mut dispositions = HashMap::new();
        let mut add = |lang: &str, p: Arc<Programme>, modules: Vec<&Module>| {
            for m in modules {
                let key = pdf_key(lang, &m.front.slug);
                let name = match lang {
                    "" => format!("module-{}.pdf", m.number),
                    _ => format!("module-{}-{lang}.pdf", m.number),
                };
                let value = format!("attachment; filename=\"{name}\"");
                if let Ok(v) = axum::http::HeaderValue::from_str(&value) {
                    dispositions.insert(key.clone(), v);
                }
                order.push(key);
            }
            let t = I18n::new(&p.locale);
            languages.insert(lang.to_string(), (p, t));
        };
        add("", programme.clone(), programme.modules.iter().collect());
        for tr in &programme.translations {
            add(
                &tr.locale,
                Arc::new(programme.localized(tr)),
                tr.modules.iter().collect(),
            );
        }
        let cells = order
            .iter()
            .map(|k| (k.clone(), Arc::new(Cell::new())))
            .collect();
        Self {
            engine,
            languages,
            cells,
            dispositions,
            order,
            background: Mutex::new(None),
        }
    }

    /// `attachment; filename="module-N.pdf"` for the module with `key`.
    pub fn disposition(&self, key: &str) -> Option<&axum::http::HeaderValue> {
        self.dispositions.get(key)
    }

    /// The PDF of the module with `key` if its render has finished.
    pub fn ready(&self, key: &str) -> Option<&Result<Arc<Rendered>, String>> {
        self.cells.get(key)?.get()
    }

    /// The PDF of the module with `key` (see [`pdf_key`]): rendered now if
    /// the background task has not reached it yet; a request waits for that
    /// one render only.
    pub async fn get(&self, key: &str) -> Option<Result<Arc<Rendered>, String>> {
        let cell = self.cells.get(key)?;
        if let Some(done) = cell.get() {
            return Some(done.clone());
        }
        let cell = cell.clone();
        let (lang, slug) = key.split_once('/').unwrap_or(("", key));
        let (programme, t) = self.languages.get(lang)?;
        let module = programme.module(slug)?.clone();
        let result = cell
            .get_or_init(|| {
                render_module(self.engine.clone(), programme.clone(), module, t.clone())
            })
            .await;
        Some(result.clone())
    }

    /// Renders every module in order, in the background.
    pub fn spawn_all(self: &Arc<Self>) {
        let this = self.clone();
        let task = tokio::spawn(async move {
            // Each failure is logged once, where it happens.
            for key in &this.order {
                let _ = this.get(key).await;
            }
        });
        if let Ok(mut background) = self.background.lock() {
            *background = Some(task.abort_handle());
        }
    }

    /// Stops the background renders that have not started (the one running
    /// finishes): this content version is no longer served.
    pub fn cancel(&self) {
        if let Ok(mut background) = self.background.lock()
            && let Some(task) = background.take()
        {
            task.abort();
        }
    }

    /// How many module PDFs are ready (rendered or failed).
    pub fn rendered(&self) -> usize {
        self.cells.values().filter(|c| c.initialized()).count()
    }

    /// Whether the background renders have stopped (finished or cancelled).
    pub fn background_done(&self) -> bool {
        self.background
            .lock()
            .ok()
            .and_then(|b| b.as_ref().map(tokio::task::AbortHandle::is_finished))
            .unwrap_or(true)
    }
}

async fn render_module(
    engine: Arc<Typesetter>,
    programme: Arc<Programme>,
    module: Module,
    t: I18n,
) -> Result<Arc<Rendered>, String> {
    let number = module.number;
    let slug = module.front.slug.clone();
    let joined = tokio::task::spawn_blocking(move || {
        let doc = document::module_doc(&programme, &module, &t);
        engine.render(&doc)
    })
    .await;
    match joined {
        // Stored with gzip and brotli variants: a third smaller on the wire.
        Ok(Ok(bytes)) => Ok(Arc::new(Rendered::new(bytes, PDF, NO_STORE))),
        Ok(Err(e)) => {
            tracing::error!(module = number, %slug, error = %e, "module PDF failed");
            Err(e.to_string())
        }
        // The runtime is stopping: nothing to report.
        Err(e) if e.is_cancelled() => Err("the render was cancelled".to_string()),
        Err(e) => {
            tracing::error!(module = number, %slug, error = %e, "module PDF render task failed");
            Err(format!("the render task stopped: {e}"))
        }
    }
}

/// Worksheet renders, on the shared blocking pool: when every worker is
/// busy and the queue is full, people are told to try again in a minute.
pub struct WorksheetQueue {
    engine: Arc<Typesetter>,
    pool: Arc<BlockingPool>,
}

/// The queue is full.
#[derive(Debug)]
pub struct Busy;

impl WorksheetQueue {
    /// A queue with a pool of its own: `workers` at once, `waiting` more.
    pub fn new(engine: Arc<Typesetter>, workers: usize, waiting: usize) -> Self {
        Self::on(engine, Arc::new(BlockingPool::new(workers, waiting)))
    }

    /// A queue on a shared pool.
    pub fn on(engine: Arc<Typesetter>, pool: Arc<BlockingPool>) -> Self {
        Self { engine, pool }
    }

    /// Renders `doc`; answers live only in this call's memory.
    pub async fn render(
        &self,
        doc: pathway_pdf::WorksheetDoc,
    ) -> Result<Result<Vec<u8>, String>, Busy> {
        self.run(move |engine| engine.render(&doc)).await
    }

    /// Renders a coping card, like a worksheet.
    pub async fn render_card(
        &self,
        doc: pathway_pdf::CardDoc,
    ) -> Result<Result<Vec<u8>, String>, Busy> {
        self.run(move |engine| engine.render(&doc)).await
    }

    /// Renders the result of "Where do I start?", like a worksheet.
    pub async fn render_steps(
        &self,
        doc: pathway_pdf::StepsDoc,
    ) -> Result<Result<Vec<u8>, String>, Busy> {
        self.run(move |engine| engine.render(&doc)).await
    }

    async fn run(
        &self,
        typeset: impl FnOnce(&Typesetter) -> Result<Vec<u8>, pathway_pdf::PdfError> + Send + 'static,
    ) -> Result<Result<Vec<u8>, String>, Busy> {
        let engine = self.engine.clone();
        match self.pool.run(move || typeset(&engine)).await {
            Ok(Ok(bytes)) => Ok(Ok(bytes)),
            // Never log the error text: it could quote an answer.
            Ok(Err(_)) => Ok(Err("worksheet typesetting failed".to_string())),
            Err(BlockingError::Stopped) => Ok(Err("the worksheet render task stopped".to_string())),
            Err(BlockingError::Busy) => Err(Busy),
        }
    }

    /// Takes a place in the queue (for tests of a full queue).
    pub fn try_hold(&self) -> Option<tokio::sync::OwnedSemaphorePermit> {
        self.pool.try_hold()
    }
}
