//! Content operations: "Reload content" for editors and admins (the
//! checker runs; on errors the current version stays and every problem is
//! shown; on success the new version is swapped in at once), and previews
//! of draft modules for any signed-in staff member.

use crate::render::st;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::{AnyStaff, EditsContent, Staff, StaffForm, html_page, message};
use crate::http::error::AppError;
use crate::http::state::AppState;
use crate::services::reload::{Asked, Outcome};
use crate::services::staff::Role;

#[derive(Template)]
#[template(path = "staff_content.html")]
struct ContentPage {
    heading: String,
    assets: &'static str,
    nav: bool,
    csrf: String,
    edits: bool,
    can_reload: bool,
    version: String,
    modules: usize,
    /// (slug, title) of each draft module.
    drafts: Vec<(String, String)>,
    /// After a reload: what happened.
    outcome: String,
    problems: Vec<String>,
    warnings: Vec<String>,
}

fn content_view(state: &AppState, csrf: String, role: Role) -> ContentPage {
    let pages = state.pages();
    let p = pages.programme();
    ContentPage {
        heading: st::t("staff-content"),
        assets: crate::render::pages::asset_version(),
        nav: true,
        csrf,
        edits: role.edits_content(),
        can_reload: state.reloader.is_some(),
        version: p.hash.chars().take(12).collect(),
        modules: p.modules.len(),
        drafts: p
            .drafts
            .iter()
            .map(|m| (m.front.slug.clone(), m.front.title.clone()))
            .collect(),
        outcome: String::new(),
        problems: Vec::new(),
        warnings: Vec::new(),
    }
}

/// `GET /staff/content`: the version served, draft previews and, for
/// editors and admins, "Reload content".
pub async fn content_page(
    s: Staff<AnyStaff>,
    State(state): State<AppState>,
) -> Result<Response, AppError> {
    let view = content_view(&state, s.csrf, s.role);
    html_page(StatusCode::OK, &view)
}

/// `POST /staff/content/reload` (editors and admins, with the CSRF token).
pub async fn reload(
    State(state): State<AppState>,
    form: StaffForm<EditsContent>,
) -> Result<Response, AppError> {
    let s = form.staff;
    let Some(reloader) = state.reloader.clone() else {
        return message(
            StatusCode::CONFLICT,
            "staff-reload-here-heading",
            "staff-reload-here-text",
        );
    };
    let outcome = reloader
        .reload(&state, Asked::Here(s.account.name.clone()))
        .await;
    let (status, text, problems, warnings) = match outcome {
        Outcome::Loaded {
            version,
            modules,
            drafts,
            warnings,
        } => (
            StatusCode::OK,
            st::strings().ta(
                "staff-reloaded",
                &[
                    ("version", &version),
                    ("modules", &modules.to_string()),
                    ("drafts", &drafts.to_string()),
                ],
            ),
            Vec::new(),
            warnings,
        ),
        Outcome::Refused { problems } => (
            StatusCode::UNPROCESSABLE_ENTITY,
            st::a("staff-reload-refused", "n", problems.len()),
            problems,
            Vec::new(),
        ),
        Outcome::Current => (
            StatusCode::OK,
            st::t("staff-reload-current"),
            Vec::new(),
            Vec::new(),
        ),
    };
    if status != StatusCode::OK {
        s.audit(&state, "content reload refused", "").await;
    }
    let mut view = content_view(&state, s.csrf.clone(), s.role);
    view.outcome = text;
    view.problems = problems;
    view.warnings = warnings;
    html_page(status, &view)
}

/// `GET /staff/preview/{slug}`: a draft module as it will look, for any
/// signed-in staff member; never stored by the browser, never counted.
pub async fn preview(
    _: Staff<AnyStaff>,
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let pages = state.pages();
    let programme = pages.programme();
    let Some(m) = programme.drafts.iter().find(|m| m.front.slug == slug) else {
        return message(
            StatusCode::NOT_FOUND,
            "staff-no-draft-heading",
            "staff-no-draft-text",
        );
    };
    let view = crate::render::module::preview(programme, m, pages.i18n());
    html_page(StatusCode::OK, &view)
}
