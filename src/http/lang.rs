//! The language a request is in, from its address alone: a route
//! registered under `/{locale}/…` is in the language that parameter names
//! (a 404 for a tag the site does not have); every other route is in the
//! default language. No cookie, no `Accept-Language`.

use std::sync::Arc;

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;

use crate::http::error::AppError;
use crate::http::state::AppState;
use crate::render::InLang;
use crate::services::content::ContentVersion;

/// The content version a request is served from, and its language.
pub struct Speaking {
    version: Arc<ContentVersion>,
    tag: String,
}

impl Speaking {
    /// The pages of the request's language.
    pub fn pages(&self) -> InLang<'_> {
        // The tag was found in this same version when the request came in.
        self.version
            .in_lang(&self.tag)
            .unwrap_or_else(|| self.version.default_lang())
    }

    /// The language of a request whose route has the `/{locale}` value
    /// `locale` (`None` for a route without one), or `None` when the site
    /// has no such language. The default language has no prefix:
    /// `/en-GB/survey` is not a page.
    pub fn of(state: &AppState, locale: Option<&str>) -> Option<Self> {
        let version = state.pages();
        let tag = locale.unwrap_or("");
        if locale.is_some() && version.in_lang(tag).is_none_or(|l| l.prefix().is_empty()) {
            return None;
        }
        Some(Self {
            tag: tag.to_string(),
            version,
        })
    }

    /// The language of the request `parts` are the head of, if its route
    /// takes a locale the site has.
    pub async fn from_parts(parts: &mut Parts, state: &AppState) -> Option<Self> {
        let params = RawPathParams::from_request_parts(parts, state).await.ok();
        let locale = params
            .as_ref()
            .and_then(|p| p.iter().find(|(k, _)| *k == "locale").map(|(_, v)| v));
        Self::of(state, locale)
    }

    /// As [`Speaking::from_parts`], in the default language when the
    /// address names none the site has (for pages shown before the handler
    /// runs, which then answers 404 itself).
    pub async fn or_default(parts: &mut Parts, state: &AppState) -> Self {
        match Self::from_parts(parts, state).await {
            Some(s) => s,
            None => Self {
                tag: String::new(),
                version: state.pages(),
            },
        }
    }
}

impl FromRequestParts<AppState> for Speaking {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        Self::from_parts(parts, state)
            .await
            .ok_or(AppError::NotFound)
    }
}
