//! The coping card: four short answers (warning signs, what I will do
//! instead, who I can call, my reasons to stop) typeset as a wallet-size
//! card or an A4 page. Like a worksheet: the answers live only in this
//! request's memory and the PDF; nothing is kept, logged or counted.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::ToolForm;
use crate::http::error::AppError;
use crate::http::lang::Speaking;
use crate::http::state::AppState;
use crate::render::InLang;
use crate::render::tools::{CARD_FIELDS, CardField, CardPage};

/// The longest answer kept in one field, in characters.
pub const MAX_CARD_CHARS: usize = 400;

fn page(pages: &InLang<'_>, status: StatusCode, fields: Vec<CardField>, error: &str) -> Response {
    let t = pages.i18n();
    let v = CardPage {
        l: pages.layout(&t.t("card-page-title"), "card", "/coping-card"),
        fields,
        error: if error.is_empty() {
            String::new()
        } else {
            t.t(error)
        },
        max_chars: MAX_CARD_CHARS,
    };
    match askama::Template::render(&v) {
        Ok(body) => crate::http::no_store_html(status, body),
        Err(e) => AppError::from(e).into_response(),
    }
}

/// The fields with what was typed (or empty).
fn fields(pages: &InLang<'_>, form: Option<&ToolForm>) -> Vec<CardField> {
    let t = pages.i18n();
    CARD_FIELDS
        .iter()
        .map(|(name, key)| CardField {
            name,
            label: t.t(key),
            value: form.map(|f| f.get(name).to_string()).unwrap_or_default(),
        })
        .collect()
}

/// `GET /coping-card` (and `/{locale}/coping-card`): the form.
pub async fn card_page(site: Speaking) -> Response {
    let pages = site.pages();
    let empty = fields(&pages, None);
    page(&pages, StatusCode::OK, empty, "")
}

/// `POST /coping-card.pdf`: the card as a PDF (`size` "wallet" or "a4"),
/// or the form again with what was typed and what to change.
pub async fn card_pdf(State(state): State<AppState>, site: Speaking, form: ToolForm) -> Response {
    let pages = site.pages();
    let typed = fields(&pages, Some(&form));
    let again = |status, key: &str| page(&pages, status, typed.clone(), key);
    if typed.iter().all(|f| f.value.trim().is_empty()) {
        return again(StatusCode::UNPROCESSABLE_ENTITY, "card-empty");
    }
    if typed
        .iter()
        .any(|f| f.value.chars().count() > MAX_CARD_CHARS)
    {
        return again(StatusCode::UNPROCESSABLE_ENTITY, "card-too-long");
    }
    let Some(queue) = state.worksheets.clone() else {
        return AppError::NotFound.into_response();
    };
    let size = if form.get("size") == "a4" {
        "a4"
    } else {
        "wallet"
    };
    let doc =
        crate::services::pdf::card_doc(pages.programme(), pages.i18n(), size, &typed_pairs(&typed));
    match queue.render_card(doc).await {
        Ok(Ok(pdf)) => crate::http::download(pdf, crate::services::pdf::PDF, "card.pdf"),
        Ok(Err(reason)) => {
            tracing::error!(%reason, "coping card PDF failed");
            again(StatusCode::INTERNAL_SERVER_ERROR, "card-failed")
        }
        Err(_) => again(StatusCode::SERVICE_UNAVAILABLE, "card-busy"),
    }
}

/// (heading, answer) of every field filled in.
fn typed_pairs(fields: &[CardField]) -> Vec<(String, String)> {
    fields
        .iter()
        .filter(|f| !f.value.trim().is_empty())
        .map(|f| (f.label.clone(), f.value.trim().to_string()))
        .collect()
}
