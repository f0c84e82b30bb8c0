//! Starting a survey: the introduction and consent, and the follow-up
//! (started with the code kept from the baseline).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::form::{CodeLimit, StartLimit, SurveyForm};
use super::{
    entry_survey, follow_up_of, follow_up_target, hash, html, message, new_token, no_room,
    not_available, page_screen, screen, survey, unsaved_expiry, weeks_after,
};
use crate::http::error::AppError;
use crate::http::lang::Speaking;
use crate::http::state::AppState;
use crate::render::InLang;
use crate::render::survey::{ErrorView, intro_html};
use crate::services::usage::Event;
use crate::survey::answers::Answers;
use crate::survey::{Survey, code};

/// Which survey a consent form starts: the main one, or ("entry") the
/// entry questionnaire. Only these two can be started by a form; a
/// follow-up needs its code.
const ENTRY: &str = "entry";

/// The introduction and consent of `s` (and, in `mode` "follow-up", the
/// code field), with `errors`.
fn consent_screen(
    pages: &InLang<'_>,
    mode: &'static str,
    s: &Survey,
    errors: Vec<ErrorView>,
) -> Response {
    let mut v = screen(pages, mode, s.title.clone());
    v.intro_html = intro_html(s);
    v.minutes = s
        .minutes
        .map(|m| {
            pages
                .i18n()
                .ta("survey-minutes", &[("minutes", &m.to_string())])
        })
        .unwrap_or_default();
    if mode == "intro" && entry_survey(pages).is_some_and(|e| e.id == s.id) {
        v.start_as = ENTRY;
    }
    v.consent = s.consent.clone();
    v.has_follow_up = follow_up_of(pages, &s.id).is_some();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    v.errors = errors;
    html(status, v)
}

/// `GET /survey`: the introduction and consent.
pub async fn intro(State(state): State<AppState>, site: Speaking) -> Response {
    let pages = site.pages();
    let Some(s) = survey(&pages) else {
        return not_available(&pages);
    };
    state.usage.count(Event::SurveyInvitation, "");
    consent_screen(&pages, "intro", s, Vec::new())
}

/// `GET /survey/entry`: the entry questionnaire's introduction and consent.
pub async fn entry_intro(State(state): State<AppState>, site: Speaking) -> Response {
    let pages = site.pages();
    let Some(s) = entry_survey(&pages) else {
        return not_available(&pages);
    };
    state.usage.count(Event::SurveyInvitation, &s.id);
    consent_screen(&pages, "intro", s, Vec::new())
}

/// `POST /survey/start`: consent given; a draft starts.
pub async fn start(
    State(state): State<AppState>,
    site: Speaking,
    form: SurveyForm<StartLimit>,
) -> Result<Response, AppError> {
    let pages = site.pages();
    let chosen = match form.get("survey") {
        Some(ENTRY) => entry_survey(&pages),
        _ => survey(&pages),
    };
    let Some(s) = chosen else {
        return Ok(not_available(&pages));
    };
    if form.get("consent") != Some("yes") {
        let error = ErrorView {
            href: "#consent".into(),
            text: pages.i18n().t("survey-consent-needed"),
        };
        return Ok(consent_screen(&pages, "intro", s, vec![error]));
    }
    if let Some(full) = no_room(&state, &pages).await? {
        return Ok(full);
    }
    let token = new_token(&state)?;
    state
        .store
        .create_draft(
            &hash(&token),
            &s.id,
            i64::from(s.version),
            &unsaved_expiry(&state),
            state.clock.today(),
        )
        .await?;
    state.usage.count(Event::SurveyStarted, &s.id);
    Ok(page_screen(
        &pages,
        s,
        &token,
        0,
        &Answers::new(),
        &[],
        StatusCode::OK,
    ))
}

/// `GET /survey/follow-up`.
pub async fn follow_up_form(site: Speaking) -> Response {
    let pages = site.pages();
    match follow_up_target(&pages) {
        Some((_, (f, _))) => consent_screen(&pages, "follow-up", f, Vec::new()),
        None => not_available(&pages),
    }
}

/// `POST /survey/follow-up`: the code kept from the baseline (typed in any
/// case, spaces and dashes ignored) and consent. Tries count against the
/// same per-address limit as resume codes, so codes cannot be guessed.
pub async fn follow_up(
    State(state): State<AppState>,
    site: Speaking,
    form: SurveyForm<CodeLimit>,
) -> Result<Response, AppError> {
    let pages = site.pages();
    let Some((base, (f, weeks))) = follow_up_target(&pages) else {
        return Ok(not_available(&pages));
    };
    let t = pages.i18n();
    let error = |href: &str, key: &str| ErrorView {
        href: href.into(),
        text: t.t(key),
    };
    let mut errors = Vec::new();
    let code = form.get("code").and_then(code::normalise_series);
    if code.is_none() {
        errors.push(error("#code", "survey-follow-up-bad-code"));
    }
    if form.get("consent") != Some("yes") {
        errors.push(error("#consent", "survey-consent-needed"));
    }
    let Some(code) = code.filter(|_| errors.is_empty()) else {
        return Ok(consent_screen(&pages, "follow-up", f, errors));
    };
    let series = code::hash(code.secret());
    let baseline_on = match code {
        code::SeriesCode::WithId { id, .. } => {
            state
                .store
                .series_baseline_on(&base.id, id, &series)
                .await?
        }
        code::SeriesCode::Plain(_) => state.store.series_answered_on(&base.id, &series).await?,
    };
    let answered = state.store.series_answered_on(&f.id, &series).await?;
    let Some(baseline_on) = baseline_on.and_then(|d| d.parse::<jiff::civil::Date>().ok()) else {
        state.wrong_codes.count();
        let bad = vec![error("#code", "survey-follow-up-bad-code")];
        return Ok(consent_screen(&pages, "follow-up", f, bad));
    };
    if answered.is_some() {
        return Ok(message(
            &pages,
            StatusCode::OK,
            "survey-done-heading",
            "survey-follow-up-done",
        ));
    }
    let opens = weeks_after(baseline_on, weeks);
    if state.clock.today() < opens {
        let mut v = screen(&pages, "message", f.title.clone());
        v.message = t.ta("survey-follow-up-not-yet", &[("date", &t.long_date(opens))]);
        return Ok(html(StatusCode::OK, v));
    }
    start_follow_up(&state, &pages, f, &series).await
}

/// A follow-up draft, linked to the baseline by the code's hash.
async fn start_follow_up(
    state: &AppState,
    pages: &InLang<'_>,
    f: &Survey,
    series: &str,
) -> Result<Response, AppError> {
    // No cap here: a person holding a code is never turned away because
    // others (or someone flooding the survey) left drafts open.
    let token = new_token(state)?;
    let key = hash(&token);
    state
        .store
        .create_draft(
            &key,
            &f.id,
            i64::from(f.version),
            &unsaved_expiry(state),
            state.clock.today(),
        )
        .await?;
    state.store.set_draft_series(&key, series).await?;
    state.usage.count(Event::SurveyStarted, &f.id);
    Ok(page_screen(
        pages,
        f,
        &token,
        0,
        &Answers::new(),
        &[],
        StatusCode::OK,
    ))
}
