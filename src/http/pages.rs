//! Public page handlers. Pages are stored bytes; only "Get in touch" looks
//! at the clock.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use askama::Template;

use crate::db::usage::MonthTotal;
use crate::http::error::AppError;
use crate::http::lang::Speaking;
use crate::http::state::AppState;
use crate::render::RenderError;
use crate::render::cache::Finish;
use crate::render::locales::{self, Lang};
use crate::render::views::{Layout, MonthRow, TransparencyPage};
use crate::services::usage::Event;

/// Any stored page or asset by its path; the site's 404 page otherwise.
pub async fn stored(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    if let Some(response) = from_memory(&state, &method, uri.path(), &headers, None) {
        return response;
    }
    let pages = state.pages();
    if let Some((lang, slug)) = module_pdf_path(pages.langs(), uri.path()) {
        // Not rendered yet: this request waits for that one render.
        return super::pdf::module_pdf(&state, pages, &lang, &slug, &headers).await;
    }
    // The stored "not found" page.
    pages.served_from_memory();
    pages.not_found().respond(&headers, StatusCode::NOT_FOUND)
}

/// The answer to a GET or HEAD of `path` when it is in memory now: a stored
/// page or asset, or a module PDF already rendered. `None` for any other
/// method or path, with nothing counted. Both the router's fallback and the
/// listener's shortcut (`http::site`) answer with this, so a stored page is
/// the same whichever way it went; the shortcut gives the security headers
/// as `finish` (the router's layer adds them otherwise).
pub fn from_memory(
    state: &AppState,
    method: &Method,
    path: &str,
    headers: &HeaderMap,
    finish: Option<&Finish>,
) -> Option<Response> {
    if method != Method::GET && method != Method::HEAD {
        return None;
    }
    let pages = state.pages();
    if let Some(page) = pages.get(path) {
        pages.served_from_memory();
        if method == Method::GET {
            count_module_view(state, pages.langs(), path);
        }
        return Some(page.respond_with(headers, StatusCode::OK, finish));
    }
    let (lang, slug) = module_pdf_path(pages.langs(), path)?;
    super::pdf::module_pdf_ready(state, &pages, (&lang, &slug), headers, finish)
}

/// The language (its tag, "" for the default) and the slug of a module
/// PDF's address: `/modules/<slug>.pdf` or `/<locale>/modules/<slug>.pdf`.
fn module_pdf_path(langs: &[Lang], path: &str) -> Option<(String, String)> {
    let (lang, path) = locales::split(langs, path);
    let slug = path.strip_prefix("/modules/")?.strip_suffix(".pdf")?;
    let tag = match lang {
        0 => String::new(),
        i => langs.get(i)?.tag.clone(),
    };
    Some((tag, slug.to_string()))
}

/// A module page's view, counted under its slug, or `<locale>/<slug>` for
/// a translation (so that staff see the figures per language).
fn count_module_view(state: &AppState, langs: &[Lang], path: &str) {
    let (lang, path) = locales::split(langs, path);
    if let Some(slug) = path.strip_prefix("/modules/") {
        match langs.get(lang).filter(|_| lang > 0) {
            Some(l) => state
                .usage
                .count(Event::ModuleView, &format!("{}/{slug}", l.tag)),
            None => state.usage.count(Event::ModuleView, slug),
        }
    }
}

/// "Get in touch" in another language (`/cy/get-in-touch`).
pub async fn get_in_touch_translated(
    State(state): State<AppState>,
    Path(locale): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let pages = state.pages();
    let lang = translated_index(&pages, &locale)?;
    let page = pages.get_in_touch_in(lang, state.clock.now())?;
    state.usage.count(Event::GetInTouchView, "");
    Ok(page.respond(&headers, StatusCode::OK))
}

/// "Get in touch", with the helpline's state now.
pub async fn get_in_touch(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let page = state.pages().get_in_touch(state.clock.now())?;
    state.usage.count(Event::GetInTouchView, "");
    Ok(page.respond(&headers, StatusCode::OK))
}

/// `/urge`: the page for when an urge is strong, with the helpline's
/// state now (when the content has `urge.toml`).
pub async fn urge(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let page = state
        .pages()
        .urge(state.clock.now())?
        .ok_or(AppError::NotFound)?;
    Ok(page.respond(&headers, StatusCode::OK))
}

/// `/{locale}/urge`: the urge page in another language.
pub async fn urge_translated(
    State(state): State<AppState>,
    Path(locale): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let pages = state.pages();
    let lang = translated_index(&pages, &locale)?;
    let page = pages
        .urge_in(lang, state.clock.now())?
        .ok_or(AppError::NotFound)?;
    Ok(page.respond(&headers, StatusCode::OK))
}

/// The index in `langs` of the translation tagged `locale`, or not found.
fn translated_index(pages: &crate::render::PageSet, locale: &str) -> Result<usize, AppError> {
    pages
        .langs()
        .iter()
        .skip(1)
        .position(|l| l.tag == locale)
        .map(|i| i + 1)
        .ok_or(AppError::NotFound)
}

/// `/transparency` (when site.toml switches it on): monthly totals of the
/// usage counters for whole months only, each under the small-count
/// threshold shown as "fewer than N", so that nobody can be singled out
/// by comparing figures.
pub async fn transparency(
    State(state): State<AppState>,
    speaking: Speaking,
) -> Result<Response, AppError> {
    let pages = speaking.pages();
    let site = &pages.programme().site;
    if !site.transparency {
        return Err(AppError::NotFound);
    }
    let today = state.clock.today();
    let month_start = format!("{:04}-{:02}-01", today.year(), today.month());
    let totals = state.store.usage_by_month(&month_start).await?;
    let t = pages.i18n();
    let view = transparency_view(
        pages.layout(
            &t.t("transparency-heading"),
            "transparency",
            "/transparency",
        ),
        &totals,
        state.http.small_count_threshold,
    );
    let messages = if site.messages.enabled {
        message_months(&state, &month_start, t).await?
    } else {
        Vec::new()
    };
    let view = TransparencyPage {
        request_log: state.http.request_log,
        messages,
        ..view
    };
    let html = view.render().map_err(|source| RenderError {
        page: format!("{}/transparency", pages.prefix()),
        source,
    })?;
    Ok(crate::http::no_store_html(StatusCode::OK, html))
}

/// Conversations started and first answered in each whole month before
/// `month_start`, and the median days to a first reply; each count under
/// the small-count threshold written as "fewer than N", and the median
/// shown only for a month with at least that many replies.
async fn message_months(
    state: &AppState,
    month_start: &str,
    t: &crate::i18n::I18n,
) -> Result<Vec<MonthRow>, AppError> {
    let threshold = state.http.small_count_threshold;
    let fewer = t.ta("usage-fewer-than", &[("n", &threshold.to_string())]);
    let shown = |n: i64| {
        if n < threshold {
            fewer.clone()
        } else {
            n.to_string()
        }
    };
    let days = state.store.conversation_reply_days().await?;
    let current = &month_start[..7];
    Ok(state
        .store
        .conversation_months()
        .await?
        .into_iter()
        .filter(|(month, _, _)| month.as_str() < current)
        .map(|(month, started, answered)| {
            let buckets: Vec<(i64, i64)> = days
                .iter()
                .filter(|(m, _, _)| *m == month)
                .map(|(_, d, n)| (*d, *n))
                .collect();
            let median = pathway_core::message::median_days(&buckets)
                .filter(|_| answered >= threshold)
                .map_or_else(|| "–".to_string(), |m| format!("{m:.1}"));
            MonthRow {
                month,
                figures: vec![shown(started), shown(answered), median],
            }
        })
        .collect())
}

/// One row per month, one column per counter, each figure under
/// `threshold` written as "fewer than N".
fn transparency_view(l: Layout, totals: &[MonthTotal], threshold: i64) -> TransparencyPage {
    let t = &l.t;
    let columns = Event::ALL
        .iter()
        .map(|e| t.t(&format!("usage-{}", e.name())))
        .collect();
    let mut months: Vec<MonthRow> = Vec::new();
    for total in totals {
        if months.last().is_none_or(|m| m.month != total.month) {
            months.push(MonthRow {
                month: total.month.clone(),
                figures: vec![String::new(); Event::ALL.len()],
            });
        }
        if let (Some(row), Some(i)) = (
            months.last_mut(),
            Event::ALL.iter().position(|e| e.name() == total.counter),
        ) {
            row.figures[i] = total.total.to_string();
        }
    }
    let fewer = t.ta("usage-fewer-than", &[("n", &threshold.to_string())]);
    for row in &mut months {
        for f in &mut row.figures {
            let n: i64 = f.parse().unwrap_or(0);
            if n < threshold {
                *f = fewer.clone();
            }
        }
    }
    TransparencyPage {
        small_note: t.ta("transparency-small", &[("n", &threshold.to_string())]),
        l,
        columns,
        months,
        request_log: false,
        messages: Vec::new(),
    }
}
