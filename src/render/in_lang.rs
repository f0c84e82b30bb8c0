//! One language's view of a content version: its programme (in its words),
//! its interface strings and its address prefix, for the handlers that
//! render per request (surveys) in whichever language the address names.

use super::PageSet;
use super::locales::{self, Lang};
use super::views::Layout;
use crate::content::Programme;
use crate::i18n::I18n;

/// The pages of one language (see [`PageSet::in_lang`]).
#[derive(Clone, Copy)]
pub struct InLang<'a> {
    set: &'a PageSet,
    lang: &'a Lang,
    programme: &'a Programme,
    t: &'a I18n,
}

impl<'a> InLang<'a> {
    pub fn programme(&self) -> &'a Programme {
        self.programme
    }

    pub fn i18n(&self) -> &'a I18n {
        self.t
    }

    pub fn lang(&self) -> &'a Lang {
        self.lang
    }

    /// The address prefix: "" for the default language, "/cy" for Welsh.
    pub fn prefix(&self) -> &'a str {
        &self.lang.prefix
    }

    /// The default language's `path` in this language.
    pub fn href(&self, path: &str) -> String {
        locales::href(self.lang, path)
    }

    /// The layout of a page titled `title`, at the default language's
    /// `path`, with its language links.
    pub fn layout(&self, title: &str, current: &'static str, path: &str) -> Layout {
        let mut l = Layout::new(&self.programme.site, self.t, title, current);
        locales::localize(&mut l, self.set.langs(), self.lang, path);
        l
    }

    /// [`PageSet::memo`], keyed per language.
    pub fn memo<E>(
        &self,
        key: &str,
        render: impl FnOnce() -> Result<String, E>,
    ) -> Result<std::sync::Arc<str>, E> {
        self.set.memo(&format!("{}:{key}", self.lang.tag), render)
    }
}

impl PageSet {
    /// The language tagged `tag` ("" for the default), if the site has it.
    pub fn in_lang(&self, tag: &str) -> Option<InLang<'_>> {
        let (lang, programme, t) = self.language(tag)?;
        Some(InLang {
            set: self,
            lang,
            programme,
            t,
        })
    }

    /// The default language.
    pub fn default_lang(&self) -> InLang<'_> {
        InLang {
            set: self,
            lang: &self.langs()[0],
            programme: self.programme(),
            t: self.i18n(),
        }
    }
}
