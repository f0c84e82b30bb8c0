//! Carrying on with a saved survey by its code, and the code as a file.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::form::{CodeLimit, NoLimit, SurveyForm};
use super::{
    hash, html, message, new_token, not_available, page_screen, review_screen, screen, survey_by_id,
};
use crate::http::error::AppError;
use crate::http::lang::Speaking;
use crate::http::state::AppState;
use crate::render::InLang;
use crate::render::survey::ErrorView;
use crate::survey::answers::Answers;
use crate::survey::code;
use crate::survey::flow::Position;

/// `GET /survey/resume`.
pub async fn resume_form(site: Speaking) -> Response {
    let pages = site.pages();
    let t = pages.i18n();
    html(
        StatusCode::OK,
        screen(&pages, "resume", t.t("survey-resume-heading")),
    )
}

/// The resume form again, with "we could not find answers for that code".
fn bad_code(state: &AppState, pages: &InLang<'_>) -> Response {
    state.wrong_codes.count();
    let t = pages.i18n();
    let mut v = screen(pages, "resume", t.t("survey-resume-heading"));
    v.errors = vec![ErrorView {
        href: "#code".into(),
        text: t.ta(
            "survey-bad-code",
            &[("days", &state.http.survey_draft_days.to_string())],
        ),
    }];
    html(StatusCode::UNPROCESSABLE_ENTITY, v)
}

/// `POST /survey/resume`: a code typed in any case, with or without spaces
/// and dashes. Tries are limited per address, so codes cannot be guessed.
/// The draft gets a new token, and the person lands where they saved: on
/// a page, or at the review.
pub async fn resume(
    State(state): State<AppState>,
    site: Speaking,
    form: SurveyForm<CodeLimit>,
) -> Result<Response, AppError> {
    let pages = site.pages();
    let Some(canonical) = form.get("code").and_then(code::normalise) else {
        return Ok(bad_code(&state, &pages));
    };
    let token = new_token(&state)?;
    let key = hash(&token);
    if !state
        .store
        .rotate_draft_token(&code::hash(&canonical), &key, state.clock.today())
        .await?
    {
        return Ok(bad_code(&state, &pages));
    }
    let Some(draft) = state
        .store
        .draft_by_token(&key, state.clock.today())
        .await?
    else {
        return Ok(bad_code(&state, &pages));
    };
    let Some(s) = survey_by_id(&pages, &draft.survey_id) else {
        return Ok(not_available(&pages));
    };
    let answers: Answers = match serde_json::from_str(&draft.answers) {
        Ok(a) => a,
        Err(e) => {
            tracing::error!(error = %e, "a survey draft's saved answers could not be read");
            return Ok(message(
                &pages,
                StatusCode::INTERNAL_SERVER_ERROR,
                "survey-draft-unreadable-heading",
                "survey-draft-unreadable-text",
            ));
        }
    };
    Ok(match Position::from_stored(s, draft.page) {
        Position::Review => review_screen(&pages, s, &token, &answers),
        Position::Page(page) => page_screen(&pages, s, &token, page, &answers, &[], StatusCode::OK),
    })
}

/// `POST /survey/code.txt`: the code as a small text file to keep.
pub async fn code_file(site: Speaking, form: SurveyForm<NoLimit>) -> Response {
    let pages = site.pages();
    let follow_up = form.get("purpose") == Some("follow-up");
    let shown = form.get("code").and_then(|typed| {
        if follow_up {
            // A series code may carry its baseline's id after the 18 symbols.
            code::normalise_series(typed).map(|c| c.shown())
        } else {
            code::normalise(typed).map(|c| code::grouped(&c))
        }
    });
    let Some(grouped) = shown else {
        return message(
            &pages,
            StatusCode::BAD_REQUEST,
            "survey-resume-heading",
            "survey-code-unreadable",
        );
    };
    let key = if follow_up {
        "survey-code-file-follow-up"
    } else {
        "survey-code-file"
    };
    let text = format!("{}\n", pages.i18n().ta(key, &[("code", &grouped)]));
    crate::http::download(text, "text/plain; charset=utf-8", "code.txt")
}
