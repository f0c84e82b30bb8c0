//! `POST /survey/page`: next, back, save, change and submit, through the
//! pure flow (`survey::flow::step`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::form::{NoLimit, SurveyForm};
use super::{
    expired, follow_up_of, html, html_body, message, not_available, page_screen, page_view,
    review_view, screen, survey_by_id, weeks_after,
};
use crate::db::batch::Submitted;
use crate::db::surveys::{Draft, NewResponse};
use crate::http::error::AppError;
use crate::http::lang::Speaking;
use crate::http::state::AppState;
use crate::render::InLang;
use crate::services::usage::Event;
use crate::survey::answers::Answers;
use crate::survey::flow::{self, Action, Position, Step};
use crate::survey::{Series, Survey, code};

/// What every step needs: the state, the pages, the survey, the draft as
/// stored and the token the person holds.
struct Here<'a> {
    state: &'a AppState,
    pages: &'a InLang<'a>,
    survey: &'a Survey,
    draft: &'a Draft,
    token: &'a str,
}

/// `POST /survey/page`.
pub async fn page(
    State(state): State<AppState>,
    site: Speaking,
    form: SurveyForm<NoLimit>,
) -> Result<Response, AppError> {
    let pages = site.pages();
    let token = form.get("token").unwrap_or_default().to_string();
    let Some(draft) = state.drafts.by_token(super::hash(&token)).await? else {
        return Ok(expired(&pages));
    };
    // The draft's own survey: the main one, or a follow-up.
    let Some(s) = survey_by_id(&pages, &draft.survey_id) else {
        return Ok(not_available(&pages));
    };
    let Some(answers) = saved_answers(&draft) else {
        return Ok(unreadable(&pages));
    };
    let here = Here {
        state: &state,
        pages: &pages,
        survey: s,
        draft: &draft,
        token: &token,
    };
    let current = flow::Draft {
        position: Position::from_stored(s, draft.page),
        answers,
    };
    let action = Action::parse(form.get("action"));
    let from = current.position;
    // Answers on the current page replace what was stored for it.
    let fields: Vec<(String, String)> = form
        .fields
        .into_iter()
        .filter(|(k, _)| k != "token" && k != "action")
        .collect();
    let step = flow::step(s, current, action, &fields);
    // An answer that reports a child at risk now puts the safety block at
    // the top of the next page; the questionnaire carries on.
    let safety = match (&step, from) {
        (Step::Show(next), Position::Page(p)) if action == Action::Next => {
            flow::safety_answer(s, p, &next.answers)
        }
        _ => false,
    };
    carry_out(&here, step, safety).await
}

/// Does what the flow said.
async fn carry_out(here: &Here<'_>, step: Step, safety: bool) -> Result<Response, AppError> {
    let Here {
        state,
        pages,
        survey: s,
        draft,
        token,
    } = here;
    match step {
        Step::Invalid {
            page,
            answers,
            errors,
        } => Ok(page_screen(
            pages,
            s,
            token,
            page,
            &answers,
            &errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )),
        Step::Young => {
            if let Err(e) = state.store.delete_draft(&draft.token_hash).await {
                tracing::error!(error = %e, "an under-18 survey draft could not be deleted; it expires");
            }
            Ok(young(pages))
        }
        Step::Show(next) => {
            save(here, &next).await?;
            Ok(show(here, &next, safety))
        }
        Step::SaveCode(next) => save_code(here, &next).await,
        Step::Submit(answers) => submit(here, &answers).await,
    }
}

/// The page or review the draft is at, with the safety block first when
/// the page before reported a child at risk now.
fn show(here: &Here<'_>, d: &flow::Draft, safety: bool) -> Response {
    let mut v = match d.position {
        Position::Page(p) => page_view(here.pages, here.survey, here.token, p, &d.answers, &[]),
        Position::Review => review_view(here.pages, here.survey, here.token, &d.answers),
    };
    v.safety = safety;
    html(StatusCode::OK, v)
}

/// Keeps the draft's place and answers.
async fn save(here: &Here<'_>, d: &flow::Draft) -> Result<(), AppError> {
    let json = serde_json::to_string(&d.answers).map_err(|e| AppError::Internal(Box::new(e)))?;
    here.state
        .store
        .save_draft(
            &here.draft.token_hash,
            d.position.stored(here.survey),
            &json,
        )
        .await?;
    Ok(())
}

/// The young people's service: the survey is for adults.
fn young(pages: &InLang<'_>) -> Response {
    let t = pages.i18n();
    let site = &pages.programme().site;
    let mut v = screen(pages, "young", t.t("survey-young-heading"));
    v.message = t.t("survey-young-text");
    v.young_name = site.young_people.name.clone();
    v.young_description = site.young_people.description.clone();
    v.young_url = site.young_people.url.clone();
    html(StatusCode::OK, v)
}

/// "Save and continue later": the draft kept where it is, and a code.
async fn save_code(here: &Here<'_>, d: &flow::Draft) -> Result<Response, AppError> {
    let code = code::new_code().map_err(|e| AppError::Unavailable(e.to_string().into()))?;
    let code_hash = code::hash(&code::normalise(&code).unwrap_or_default());
    save(here, d).await?;
    // A follow-up keeps the link to its baseline; any other draft's series
    // is the code just given. Saved drafts live `survey_draft_days`.
    let series = match here.survey.series {
        Some(Series::FollowUp { .. }) => None,
        _ => Some(code_hash.as_str()),
    };
    here.state
        .store
        .set_draft_codes(
            &here.draft.token_hash,
            &code_hash,
            series,
            super::saved_expiry(here.state),
        )
        .await?;
    let t = here.pages.i18n();
    let mut v = screen(here.pages, "code", t.t("survey-code-heading"));
    v.message = t.ta(
        "survey-code-only-way",
        &[("days", &here.state.http.survey_draft_days.to_string())],
    );
    v.code = code;
    v.token = here.token.to_string();
    Ok(html(StatusCode::OK, v))
}

/// Every page passed its checks again: the response is stored (with the
/// series code when it is part of one) and the draft deleted together.
async fn submit(here: &Here<'_>, answers: &Answers) -> Result<Response, AppError> {
    let Here {
        state,
        pages,
        survey: s,
        draft,
        ..
    } = here;
    // A follow-up is answered once per code.
    if let (Some(Series::FollowUp { .. }), Some(h)) = (&s.series, &draft.series_code_hash)
        && state.store.series_answered_on(&s.id, h).await?.is_some()
    {
        if let Err(e) = state.store.delete_draft(&draft.token_hash).await {
            tracing::error!(error = %e, "a finished follow-up's draft could not be deleted; it expires");
        }
        return Ok(message(
            pages,
            StatusCode::OK,
            "survey-done-heading",
            "survey-follow-up-done",
        ));
    }
    let series = series_code(here)?;
    let response = NewResponse {
        survey_id: s.id.clone(),
        version: i64::from(s.version),
        content_hash: pages.programme().hash.clone(),
        series_code_hash: series.hash,
        series_by_id: series.new_secret.is_some(),
        locale: pages.programme().locale.clone(),
        answers: crate::survey::export::rows(s, answers),
    };
    match state
        .submitter
        .submit(Some(draft.token_hash.clone()), response)
        .await?
    {
        Submitted::Stored(id) => {
            state.usage.count(Event::SurveyCompleted, &s.id);
            // The new code carries the stored response's id.
            let new_code = series
                .new_secret
                .map(|secret| code::series_code_with_id(&secret, id));
            done(here, series.follow_up_weeks, new_code)
        }
        Submitted::DraftGone => Ok(expired(pages)),
    }
}

/// How a response joins its series.
struct SeriesLink {
    /// The hash of the code's random part, stored with the answers.
    hash: Option<String>,
    /// The random part of a new code (canonical), shown once stored.
    new_secret: Option<String>,
    /// After a baseline, the follow-up's delay.
    follow_up_weeks: Option<u32>,
}

/// A baseline is linked to its follow-up by the person's own code: the
/// one they saved to carry on, or a new one shown on the thank-you page
/// (which also carries the response's id, see `code::SeriesCode`).
/// Outside a series no code is kept with the answers.
fn series_code(here: &Here<'_>) -> Result<SeriesLink, AppError> {
    let s = here.survey;
    let saved = here.draft.series_code_hash.clone();
    let follow_up = follow_up_of(here.pages, &s.id)
        .filter(|_| s.series == Some(Series::Baseline))
        .map(|(_, weeks)| weeks);
    let link = |hash, new_secret, follow_up_weeks| SeriesLink {
        hash,
        new_secret,
        follow_up_weeks,
    };
    Ok(match (&s.series, follow_up, saved) {
        (_, Some(weeks), None) => {
            let code = code::new_code().map_err(|e| AppError::Unavailable(e.to_string().into()))?;
            let secret = code::normalise(&code).unwrap_or_default();
            link(Some(code::hash(&secret)), Some(secret), Some(weeks))
        }
        (_, Some(weeks), saved) => link(saved, None, Some(weeks)),
        (Some(Series::FollowUp { .. }), None, saved) => link(saved, None, None),
        _ => link(None, None, None),
    })
}

/// Where the thank-you page's new code goes: letters only, so escaping
/// leaves it as it is, and never in any page's text.
const CODE_SLOT: &str = "PATHWAYCODESLOTX";

/// The thank-you page; after a baseline, when the follow-up opens and the
/// code that links the two (when it is new). The page is the same for
/// everyone on a day but for the code, so it is rendered once a day and
/// the code put in its place.
fn done(
    here: &Here<'_>,
    follow_up_weeks: Option<u32>,
    new_code: Option<String>,
) -> Result<Response, AppError> {
    let pages = here.pages;
    let day = here.state.clock.today();
    let key = format!(
        "survey-done|{follow_up_weeks:?}|{}|{day}",
        new_code.is_some()
    );
    let page = pages.memo(&key, || {
        let t = pages.i18n();
        let mut v = screen(pages, "done", t.t("survey-done-heading"));
        v.message = t.t("survey-done-text");
        if let Some(weeks) = follow_up_weeks {
            let opens = weeks_after(day, weeks);
            let date = t.long_date(opens);
            v.reminder = Some(crate::render::tools::ReminderForm::new(t, day, Some(opens)));
            v.follow_up_heading =
                t.ta("survey-follow-up-heading", &[("weeks", &weeks.to_string())]);
            let key = if new_code.is_some() {
                "survey-follow-up-new-code"
            } else {
                "survey-follow-up-saved-code"
            };
            v.follow_up = t.ta(key, &[("date", &date)]);
            v.code = new_code
                .as_ref()
                .map(|_| CODE_SLOT.to_string())
                .unwrap_or_default();
        }
        askama::Template::render(&v)
    })?;
    Ok(match new_code {
        Some(code) => html_body(StatusCode::OK, page.replace(CODE_SLOT, &code)),
        None => html_body(StatusCode::OK, page.to_string()),
    })
}

/// The draft's saved answers; `None` (logged) when they cannot be read.
fn saved_answers(draft: &Draft) -> Option<Answers> {
    match serde_json::from_str(&draft.answers) {
        Ok(a) => Some(a),
        Err(e) => {
            tracing::error!(error = %e, "a survey draft's saved answers could not be read");
            None
        }
    }
}

/// The page for a draft whose answers could not be read.
fn unreadable(pages: &InLang<'_>) -> Response {
    message(
        pages,
        StatusCode::INTERNAL_SERVER_ERROR,
        "survey-draft-unreadable-heading",
        "survey-draft-unreadable-text",
    )
}
