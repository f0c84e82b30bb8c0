//! Rendering: every public page is rendered once per content load into
//! memory (with its compressed variants); only "Get in touch" and the urge
//! page depend on the time, and they are cached per helpline state.

pub mod cache;
pub mod charts;
pub mod in_lang;
pub mod inbox;
pub mod locales;
pub mod markdown;
pub mod messages;
pub mod module;
pub mod pages;
pub mod report;
pub mod self_check;
pub mod st;
pub mod staff;
pub mod survey;
pub mod tools;
pub mod views;
pub mod worksheet;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use askama::Template;

pub use cache::Rendered;
pub use in_lang::InLang;

use crate::content::Programme;
use crate::content::hours::HelplineStatus;
use crate::i18n::I18n;

/// Rendering failed: a template bug, reported with the page.
#[derive(Debug, thiserror::Error)]
#[error("rendering {page} failed: {source}")]
pub struct RenderError {
    pub page: String,
    #[source]
    pub source: askama::Error,
}

/// Options that change what pages show.
#[derive(Clone)]
pub struct RenderOptions {
    /// Whether module pages link to their PDFs (when PDFs are made).
    pub pdf_links: bool,
    /// Days a saved survey is kept (said on the privacy page).
    pub survey_draft_days: u16,
    /// The request log is on (the privacy page says so).
    pub request_log: bool,
    /// The instant the pages are built (from the clock): "Get in touch" is
    /// rendered once for it, to catch a template error at load.
    pub now: jiff::Timestamp,
}

impl Default for RenderOptions {
    fn default() -> Self {
        Self {
            pdf_links: false,
            survey_draft_days: crate::config::HttpConfig::default().survey_draft_days,
            request_log: false,
            now: jiff::Timestamp::UNIX_EPOCH,
        }
    }
}

/// A page that shows the helpline's state: its name, its language (an
/// index into `PageSet::langs`), the state, the day.
type StatusKey = (&'static str, usize, HelplineStatus, jiff::civil::Date);

/// Pages answered from memory (stored, or rendered earlier and kept) and
/// pages rendered for the request that asked, for `/metrics`.
#[derive(Debug, Default)]
pub struct PageCounts {
    from_memory: AtomicU64,
    rendered: AtomicU64,
}

impl PageCounts {
    /// (from memory, rendered) so far.
    pub fn read(&self) -> (u64, u64) {
        (
            self.from_memory.load(Ordering::Relaxed),
            self.rendered.load(Ordering::Relaxed),
        )
    }

    fn hit(&self) {
        self.from_memory.fetch_add(1, Ordering::Relaxed);
    }

    fn miss(&self) {
        self.rendered.fetch_add(1, Ordering::Relaxed);
    }
}

/// Every page of one content version, ready to serve.
pub struct PageSet {
    programme: Arc<Programme>,
    t: I18n,
    /// The default language, then each translation.
    langs: Vec<locales::Lang>,
    /// The programme and strings of each translation (`langs[1..]`).
    translated: Vec<(Programme, I18n)>,
    pages: HashMap<String, Arc<Rendered>>,
    not_found: Arc<Rendered>,
    internal_error: Arc<Rendered>,
    /// Pages that show the helpline's state ("Get in touch", the urge
    /// page), per page, state and day.
    by_status: Mutex<HashMap<StatusKey, Arc<Rendered>>>,
    /// Pages handlers render from the content and a key alone (see `memo`).
    memo: Mutex<HashMap<String, Arc<str>>>,
    counts: PageCounts,
}

/// The HTML content type.
pub const HTML: &str = "text/html; charset=utf-8";

fn html(page: &str, template: &impl Template) -> Result<Rendered, RenderError> {
    template
        .render()
        .map(|body| Rendered::new(body, HTML, cache::NO_STORE))
        .map_err(|source| RenderError {
            page: page.to_string(),
            source,
        })
}

impl PageSet {
    /// Renders every page of `programme`.
    pub fn build(programme: Programme, options: RenderOptions) -> Result<Self, RenderError> {
        let t = I18n::new(&programme.locale);
        let langs = locales::languages(&programme);
        let mut pages = HashMap::new();
        let mut home = pages::home(&programme, &t);
        locales::localize(&mut home.l, &langs, &langs[0], "/");
        pages.insert("/".to_string(), html("home", &home)?);
        let mut privacy = pages::privacy(
            &programme,
            &t,
            options.survey_draft_days,
            options.request_log,
        );
        locales::localize(&mut privacy.l, &langs, &langs[0], "/privacy");
        pages.insert("/privacy".to_string(), html("privacy", &privacy)?);
        let mut crisis = pages::crisis(&programme, &t);
        locales::localize(&mut crisis.l, &langs, &langs[0], "/crisis");
        pages.insert("/crisis".to_string(), html("crisis", &crisis)?);
        for m in &programme.modules {
            let path = format!("/modules/{}", m.front.slug);
            let mut view = module::page(&programme, m, &t, options.pdf_links);
            locales::localize(&mut view.l, &langs, &langs[0], &path);
            pages.insert(path, html(&m.front.slug, &view)?);
        }
        locales::build(&programme, &options, &mut pages)?;
        let translated = programme
            .translations
            .iter()
            .map(|tr| (programme.localized(tr), I18n::new(&tr.locale)))
            .collect();
        for (path, asset) in pages::assets() {
            pages.insert(path.to_string(), asset);
        }
        let not_found = html("404", &pages::not_found(&programme, &t))?;
        let internal_error = html("500", &pages::internal_error(&programme, &t))?;
        let programme = Arc::new(programme);
        let set = Self {
            programme,
            t,
            langs,
            translated,
            pages: pages.into_iter().map(|(k, v)| (k, Arc::new(v))).collect(),
            not_found: Arc::new(not_found),
            internal_error: Arc::new(internal_error),
            by_status: Mutex::new(HashMap::new()),
            memo: Mutex::new(HashMap::new()),
            counts: PageCounts::default(),
        };
        let now = options.now;
        for lang in 0..set.langs.len() {
            set.get_in_touch_in(lang, now)?;
        }
        if set.programme.urge.is_some() {
            set.urge(now)?;
        }
        // Only what requests cause is counted.
        let mut set = set;
        set.counts = PageCounts::default();
        Ok(set)
    }

    pub fn i18n(&self) -> &I18n {
        &self.t
    }

    /// The site's languages: the default first, then each translation.
    pub fn langs(&self) -> &[locales::Lang] {
        &self.langs
    }

    pub fn programme(&self) -> &Arc<Programme> {
        &self.programme
    }

    /// The language with tag `tag` ("" for the default): its place in
    /// `langs`, its programme (the translated words) and its strings.
    pub fn language(&self, tag: &str) -> Option<(&locales::Lang, &Programme, &I18n)> {
        if tag.is_empty() {
            return Some((&self.langs[0], self.programme.as_ref(), &self.t));
        }
        let i = self.langs.iter().skip(1).position(|l| l.tag == tag)?;
        let (p, t) = self.translated.get(i)?;
        Some((&self.langs[i + 1], p, t))
    }

    /// A pre-rendered page or asset by path.
    pub fn get(&self, path: &str) -> Option<Arc<Rendered>> {
        self.pages.get(path).cloned()
    }

    /// Counts a page answered from the stored bytes (`get` does not, so
    /// that lookups for other reasons stay uncounted).
    pub fn served_from_memory(&self) {
        self.counts.hit();
    }

    /// Pages answered from memory and pages rendered for a request, since
    /// the process started (see `carry_counts`).
    pub fn counts(&self) -> &PageCounts {
        &self.counts
    }

    /// Adds `older`'s counts to this version's, when this one replaces it,
    /// so that the totals only grow.
    pub fn carry_counts(&self, older: &PageSet) {
        let (memory, rendered) = older.counts.read();
        self.counts.from_memory.fetch_add(memory, Ordering::Relaxed);
        self.counts.rendered.fetch_add(rendered, Ordering::Relaxed);
    }

    /// Every path served as stored bytes (for tests and the benchmark).
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.pages.keys().map(String::as_str)
    }

    pub fn not_found(&self) -> Arc<Rendered> {
        self.not_found.clone()
    }

    pub fn internal_error(&self) -> Arc<Rendered> {
        self.internal_error.clone()
    }

    /// "Get in touch" for the helpline's state at the instant `now`.
    pub fn get_in_touch(&self, now: jiff::Timestamp) -> Result<Arc<Rendered>, RenderError> {
        self.get_in_touch_in(0, now)
    }

    /// "Get in touch" in language `lang` (an index into `langs`) for the
    /// helpline's state at the instant `now`; the hours are the same in
    /// every language.
    pub fn get_in_touch_in(
        &self,
        lang: usize,
        now: jiff::Timestamp,
    ) -> Result<Arc<Rendered>, RenderError> {
        let hours = &self.programme.site.helpline.hours;
        let (status, today) = (hours.status_at_instant(now), hours.date_at(now));
        let (p, t) = match lang.checked_sub(1).and_then(|i| self.translated.get(i)) {
            Some((p, t)) => (p, t),
            None => (self.programme.as_ref(), &self.t),
        };
        let current = self.langs.get(lang).unwrap_or(&self.langs[0]);
        self.by_status("get-in-touch", lang, status, today, |status| {
            let mut view = pages::get_in_touch(p, t, status, today);
            locales::localize(&mut view.l, &self.langs, current, "/get-in-touch");
            html("get-in-touch", &view)
        })
    }

    /// A page that depends on nothing but this content and `key` (such as
    /// the survey's thank-you page on a given date), rendered the first
    /// time it is asked for and kept with the content.
    pub fn memo<E>(
        &self,
        key: &str,
        render: impl FnOnce() -> Result<String, E>,
    ) -> Result<Arc<str>, E> {
        if let Ok(cache) = self.memo.lock()
            && let Some(page) = cache.get(key)
        {
            self.counts.hit();
            return Ok(page.clone());
        }
        self.counts.miss();
        let page: Arc<str> = render()?.into();
        if let Ok(mut cache) = self.memo.lock() {
            if cache.len() >= 64 {
                cache.clear();
            }
            cache.insert(key.to_string(), page.clone());
        }
        Ok(page)
    }

    /// "Get in touch" for a given state and date.
    pub fn get_in_touch_at(
        &self,
        status: HelplineStatus,
        today: jiff::civil::Date,
    ) -> Result<Arc<Rendered>, RenderError> {
        self.by_status("get-in-touch", 0, status, today, |status| {
            let mut view = pages::get_in_touch(&self.programme, &self.t, status, today);
            locales::localize(&mut view.l, &self.langs, &self.langs[0], "/get-in-touch");
            html("get-in-touch", &view)
        })
    }

    /// The page for when an urge is strong, with the helpline's state at
    /// the instant `now`; `None` when the content has no `urge.toml`.
    pub fn urge(&self, now: jiff::Timestamp) -> Result<Option<Arc<Rendered>>, RenderError> {
        self.urge_in(0, now)
    }

    /// The urge page in language `lang` (an index into `langs`): in its
    /// words where `<locale>/urge.toml` has them, otherwise the default
    /// language's, marked as such, with a notice.
    pub fn urge_in(
        &self,
        lang: usize,
        now: jiff::Timestamp,
    ) -> Result<Option<Arc<Rendered>>, RenderError> {
        let (p, t) = match lang.checked_sub(1).and_then(|i| self.translated.get(i)) {
            Some((p, t)) => (p, t),
            None => (self.programme.as_ref(), &self.t),
        };
        let Some(urge) = &p.urge else {
            return Ok(None);
        };
        let current = self.langs.get(lang).unwrap_or(&self.langs[0]);
        let untranslated = lang
            .checked_sub(1)
            .and_then(|i| self.programme.translations.get(i))
            .is_some_and(|tr| tr.urge.is_none());
        let hours = &self.programme.site.helpline.hours;
        let (status, today) = (hours.status_at_instant(now), hours.date_at(now));
        self.by_status("urge", lang, status, today, |status| {
            let mut view = pages::urge(p, urge, t, status, &current.prefix);
            locales::localize(&mut view.l, &self.langs, current, "/urge");
            if untranslated {
                view.fallback_notice = t.t("translation-missing");
                view.content_lang = self.programme.locale.clone();
                view.content_dir = crate::i18n::direction_of(&self.programme.locale);
            }
            html("urge", &view)
        })
        .map(Some)
    }

    /// Page `name` for a helpline state and day, rendered the first time.
    fn by_status(
        &self,
        name: &'static str,
        lang: usize,
        status: HelplineStatus,
        today: jiff::civil::Date,
        render: impl FnOnce(&HelplineStatus) -> Result<Rendered, RenderError>,
    ) -> Result<Arc<Rendered>, RenderError> {
        let key = (name, lang, status, today);
        if let Ok(cache) = self.by_status.lock()
            && let Some(page) = cache.get(&key)
        {
            self.counts.hit();
            return Ok(page.clone());
        }
        self.counts.miss();
        let page = Arc::new(render(&key.2)?);
        if let Ok(mut cache) = self.by_status.lock() {
            if cache.len() >= 64 {
                cache.clear();
            }
            cache.insert(key, page.clone());
        }
        Ok(page)
    }
}
