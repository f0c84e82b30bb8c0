//! `POST /survey/quick/{slug}`: "Was this module helpful?", stored with the
//! module it was about and nothing else.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::form::{QuickLimit, SurveyForm};
use super::{error_views, html, message, screen};
use crate::db::surveys::NewResponse;
use crate::http::error::AppError;
use crate::http::lang::Speaking;
use crate::http::state::AppState;
use crate::services::usage::Event;
use crate::survey::answers::{Answers, check_page};

pub async fn quick(
    State(state): State<AppState>,
    site: Speaking,
    Path(params): Path<std::collections::HashMap<String, String>>,
    form: SurveyForm<QuickLimit>,
) -> Result<Response, AppError> {
    let pages = site.pages();
    let slug = params.get("slug").cloned().unwrap_or_default();
    let programme = pages.programme();
    let (Some(s), Some(_)) = (
        programme.surveys.iter().find(|s| s.quick),
        programme.module(&slug),
    ) else {
        return Err(AppError::NotFound);
    };
    let (answers, errors) = check_page(s, 0, &form.fields, &Answers::new());
    if !errors.is_empty() {
        let t = pages.i18n();
        let mut v = screen(&pages, "quick", s.title.clone());
        v.quick_action = format!("{}/survey/quick/{slug}", pages.prefix());
        v.questions = crate::render::survey::questions(s, 0, &answers, &errors, t);
        v.errors = error_views(s, &errors, &pages, false);
        return Ok(html(StatusCode::UNPROCESSABLE_ENTITY, v));
    }
    let mut rows = crate::survey::export::rows(s, &answers);
    rows.push(("module".into(), String::new(), slug.clone()));
    let response = NewResponse {
        survey_id: s.id.clone(),
        version: i64::from(s.version),
        content_hash: programme.hash.clone(),
        series_code_hash: None,
        series_by_id: false,
        locale: pages.programme().locale.clone(),
        answers: rows,
    };
    state.submitter.submit(None, response).await?;
    state.usage.count(Event::SurveyCompleted, &s.id);
    Ok(message(
        &pages,
        StatusCode::OK,
        "survey-done-heading",
        "survey-quick-done",
    ))
}
