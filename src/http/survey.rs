//! The anonymous survey: no cookie, no JavaScript; the draft's token and the
//! resume code travel only in POST bodies; pages are never cached.

use std::sync::Arc;

use askama::Template;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::app::AppState;
use crate::db::batch::Submitted;
use crate::db::surveys::{Draft, NewResponse};
use crate::render::PageSet;
use crate::render::survey::{
    ErrorView, ReviewItem, ReviewPage, SurveyScreen, answer_text, intro_html, questions,
};
use crate::render::views::Layout;
use crate::survey::answers::{AnswerError, Answers, Value, check_page, visible};
use crate::survey::{QuestionKind, Series, Survey, code};
use crate::usage::Event;

/// Largest survey form body read.
pub const SURVEY_BODY_LIMIT: usize = 256 * 1024;

/// The site's main survey: the one named in site.toml, or else the first
/// full survey that is not a follow-up.
fn survey(pages: &PageSet) -> Option<&Survey> {
    let p = pages.programme();
    match &p.site.survey.id {
        Some(id) => survey_by_id(pages, id),
        None => p
            .surveys
            .iter()
            .find(|s| !s.quick && !matches!(s.series, Some(Series::FollowUp { .. }))),
    }
}

fn survey_by_id<'a>(pages: &'a PageSet, id: &str) -> Option<&'a Survey> {
    pages.programme().surveys.iter().find(|s| s.id == id)
}

/// The follow-up of baseline survey `baseline_id`, if one is defined.
fn follow_up_of<'a>(pages: &'a PageSet, baseline_id: &str) -> Option<(&'a Survey, u32)> {
    pages
        .programme()
        .surveys
        .iter()
        .find_map(|s| match &s.series {
            Some(Series::FollowUp { of, after_weeks }) if of == baseline_id => {
                Some((s, *after_weeks))
            }
            _ => None,
        })
}

/// The stored key of a draft token (see `survey::token`).
fn hash(token: &str) -> String {
    crate::survey::token::key(token)
}

fn new_token(state: &AppState) -> Option<String> {
    state.tokens.mint(crate::survey::token::today()).ok()
}

fn screen(pages: &PageSet, mode: &'static str, heading: String) -> SurveyScreen {
    let t = pages.i18n();
    let title = pages.programme().site.survey.link_text.clone();
    SurveyScreen::new(
        Layout::new(&pages.programme().site, t, &title, "survey"),
        mode,
        heading,
    )
}

fn html(status: StatusCode, s: SurveyScreen) -> Response {
    match s.render() {
        Ok(body) => html_body(status, body),
        Err(e) => {
            tracing::error!(error = %e, "survey page failed to render");
            html_body(StatusCode::INTERNAL_SERVER_ERROR, String::new())
        }
    }
}

fn html_body(status: StatusCode, body: String) -> Response {
    if body.is_empty() {
        return (status, [(header::CACHE_CONTROL, "no-store")]).into_response();
    }
    (
        status,
        [
            (header::CONTENT_TYPE, crate::render::HTML),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

fn message(pages: &PageSet, status: StatusCode, heading_key: &str, text_key: &str) -> Response {
    let t = pages.i18n();
    let mut s = screen(pages, "message", t.t(heading_key));
    s.message = t.t(text_key);
    html(status, s)
}

/// No survey is configured.
fn not_available(pages: &PageSet) -> Response {
    message(
        pages,
        StatusCode::NOT_FOUND,
        "not-found-heading",
        "survey-not-available",
    )
}

fn unavailable(pages: &PageSet) -> Response {
    message(
        pages,
        StatusCode::SERVICE_UNAVAILABLE,
        "survey-unavailable-heading",
        "survey-unavailable-text",
    )
}

/// `GET /survey`: the introduction and consent.
pub async fn intro(State(state): State<AppState>) -> Response {
    let pages = state.pages();
    let Some(s) = survey(&pages) else {
        return not_available(&pages);
    };
    let mut v = screen(&pages, "intro", s.title.clone());
    v.intro_html = intro_html(s);
    v.consent = s.consent.clone();
    v.has_follow_up = follow_up_of(&pages, &s.id).is_some();
    state.usage.count(Event::SurveyInvitation, "");
    html(StatusCode::OK, v)
}

fn pairs(body: &Bytes) -> Option<Vec<(String, String)>> {
    crate::worksheet::decode_pairs(body)
}

fn get<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

async fn read(body: Body) -> Option<Bytes> {
    axum::body::to_bytes(body, SURVEY_BODY_LIMIT).await.ok()
}

/// The limit's page when `request`'s (hashed) address is over `limiter`.
fn over_limit(
    state: &AppState,
    pages: &PageSet,
    request: &axum::extract::Request,
    limiter: &crate::http::limit::Limiter,
    heading_key: &str,
    text_key: &str,
) -> Option<Response> {
    let addr = crate::http::limit::client_addr(request, &state.http.trusted_proxies);
    (!limiter.allow(addr))
        .then(|| message(pages, StatusCode::TOO_MANY_REQUESTS, heading_key, text_key))
}

/// `POST /survey/start`: consent given; a draft starts.
pub async fn start(State(state): State<AppState>, request: axum::extract::Request) -> Response {
    let pages = state.pages();
    if let Some(page) = over_limit(
        &state,
        &pages,
        &request,
        &state.start_limit,
        "worksheet-busy-heading",
        "survey-too-many-starts",
    ) {
        return page;
    }
    let body = request.into_body();
    let Some(s) = survey(&pages) else {
        return not_available(&pages);
    };
    let form = match read(body).await.as_ref().and_then(pairs) {
        Some(f) => f,
        None => {
            return message(
                &pages,
                StatusCode::BAD_REQUEST,
                "worksheet-fix-heading",
                "survey-error-encoding",
            );
        }
    };
    if get(&form, "consent") != Some("yes") {
        let t = pages.i18n();
        let mut v = screen(&pages, "intro", s.title.clone());
        v.intro_html = intro_html(s);
        v.consent = s.consent.clone();
        v.errors = vec![ErrorView {
            href: "#consent".into(),
            text: t.t("survey-consent-needed"),
        }];
        return html(StatusCode::UNPROCESSABLE_ENTITY, v);
    }
    if let Some(full) = no_room(&state, &pages).await {
        return full;
    }
    let Some(token) = new_token(&state) else {
        return unavailable(&pages);
    };
    let expires = expiry(state.http.survey_draft_days);
    if let Err(e) = state
        .store
        .create_draft(&hash(&token), &s.id, i64::from(s.version), &expires)
        .await
    {
        tracing::error!(error = %e, "could not start a survey draft");
        return unavailable(&pages);
    }
    state.usage.count(Event::SurveyStarted, &s.id);
    page_screen(&pages, s, &token, 0, &Answers::new(), &[], StatusCode::OK)
}

/// The "try later" page when the cap on unfinished surveys is reached.
async fn no_room(state: &AppState, pages: &PageSet) -> Option<Response> {
    match state.store.open_drafts().await {
        Ok(n) if n >= state.http.survey_max_open_drafts => {
            tracing::warn!(open = n, "survey refused: too many unfinished surveys");
            Some(message(
                pages,
                StatusCode::SERVICE_UNAVAILABLE,
                "worksheet-busy-heading",
                "survey-full",
            ))
        }
        Ok(_) => None,
        Err(e) => {
            tracing::error!(error = %e, "could not count survey drafts");
            Some(unavailable(pages))
        }
    }
}

fn expiry(days: u16) -> String {
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    today
        .checked_add(jiff::Span::new().days(i64::from(days)))
        .unwrap_or(today)
        .strftime("%Y-%m-%d")
        .to_string()
}

fn page_screen(
    pages: &PageSet,
    s: &Survey,
    token: &str,
    page: usize,
    answers: &Answers,
    errors: &[AnswerError],
    status: StatusCode,
) -> Response {
    let t = pages.i18n();
    let title = s
        .pages
        .get(page)
        .map(|p| p.title.clone())
        .unwrap_or_default();
    let mut v = screen(pages, "page", title);
    v.token = token.to_string();
    v.first_page = page == 0;
    v.progress = t.ta(
        "survey-page-of",
        &[
            ("number", &(page + 1).to_string()),
            ("total", &s.pages.len().to_string()),
        ],
    );
    v.questions = questions(s, page, answers, errors, t);
    v.errors = errors
        .iter()
        .map(|e| ErrorView {
            href: e
                .question
                .as_ref()
                .map_or("#main".to_string(), |q| format!("#q-{q}")),
            text: match e.question.as_ref().and_then(|q| s.question(q)) {
                Some(q) => format!("{}: {}", q.text, t.t(e.key)),
                None => t.t(e.key),
            },
        })
        .collect();
    html(status, v)
}

fn page_has_visible(s: &Survey, page: usize, answers: &Answers) -> bool {
    s.pages
        .get(page)
        .is_some_and(|p| p.questions.iter().any(|q| visible(q, answers)))
}

fn under_18(s: &Survey, answers: &Answers) -> bool {
    s.questions().any(|q| match (&q.kind, answers.get(&q.id)) {
        (QuestionKind::Single { options }, Some(Value::Choice(c))) => {
            options.iter().any(|o| o.under_18 && &o.id == c)
        }
        _ => false,
    })
}

fn review_screen(pages: &PageSet, s: &Survey, token: &str, answers: &Answers) -> Response {
    let t = pages.i18n();
    let mut v = screen(pages, "review", t.t("survey-review-heading"));
    v.message = t.t("survey-review-text");
    v.token = token.to_string();
    v.review = s
        .pages
        .iter()
        .enumerate()
        .filter(|(i, _)| page_has_visible(s, *i, answers))
        .map(|(i, p)| ReviewPage {
            title: p.title.clone(),
            index: i,
            items: p
                .questions
                .iter()
                .filter(|q| visible(q, answers))
                .map(|q| ReviewItem {
                    question: q.text.clone(),
                    answer: answers
                        .get(&q.id)
                        .map(|a| answer_text(s, &q.id, a))
                        .unwrap_or_else(|| "–".into()),
                })
                .collect(),
        })
        .collect();
    html(StatusCode::OK, v)
}

/// `POST /survey/page`: next, back, save, change, submit.
pub async fn page(State(state): State<AppState>, body: Body) -> Response {
    let pages = state.pages();
    let Some(bytes) = read(body).await else {
        // Nothing is saved, so the answers stored so far are kept.
        return message(
            &pages,
            StatusCode::PAYLOAD_TOO_LARGE,
            "worksheet-too-large-heading",
            "survey-too-large",
        );
    };
    let Some(form) = pairs(&bytes) else {
        return message(
            &pages,
            StatusCode::BAD_REQUEST,
            "worksheet-fix-heading",
            "survey-error-encoding",
        );
    };
    let token = get(&form, "token").unwrap_or_default().to_string();
    let draft = match state.drafts.by_token(hash(&token)).await {
        Ok(Some(d)) => d,
        Ok(None) => {
            return message(
                &pages,
                StatusCode::GONE,
                "survey-resume-heading",
                "survey-expired",
            );
        }
        Err(e) => {
            tracing::error!(error = %e, "could not read a survey draft");
            return unavailable(&pages);
        }
    };
    // The draft's own survey: the main one, or a follow-up.
    let Some(s) = survey_by_id(&pages, &draft.survey_id) else {
        return not_available(&pages);
    };
    let mut answers: Answers = serde_json::from_str(&draft.answers).unwrap_or_default();
    let current = usize::try_from(draft.page)
        .unwrap_or(0)
        .min(s.pages.len().saturating_sub(1));
    let action = get(&form, "action").unwrap_or("stay").to_string();
    let in_review = current >= s.pages.len();
    // Answers on the current page replace what was stored for it.
    let fields: Vec<(String, String)> = form
        .iter()
        .filter(|(k, _)| k != "token" && k != "action")
        .cloned()
        .collect();
    let mut errors = Vec::new();
    if !in_review && action != "stay" && action != "submit" && !action.starts_with("change-") {
        let page_ids: Vec<&str> = s.pages[current]
            .questions
            .iter()
            .map(|q| q.id.as_str())
            .collect();
        let earlier: Answers = answers
            .iter()
            .filter(|(k, _)| !page_ids.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let (new, errs) = check_page(s, current, &fields, &earlier);
        answers = earlier;
        answers.extend(new);
        errors = errs;
    }
    let save = |page: usize, answers: &Answers| {
        let json = serde_json::to_string(answers).unwrap_or_else(|_| "{}".into());
        let store = state.store.clone();
        let h = draft.token_hash.clone();
        async move { store.save_draft(&h, page as i64, &json).await }
    };
    let result = match action.as_str() {
        "next" if !errors.is_empty() => {
            return page_screen(
                &pages,
                s,
                &token,
                current,
                &answers,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
        "next" => {
            if under_18(s, &answers) {
                let _ = state.store.delete_draft(&draft.token_hash).await;
                return young(&pages);
            }
            let mut next = current + 1;
            while next < s.pages.len() && !page_has_visible(s, next, &answers) {
                next += 1;
            }
            if let Err(e) = save(next.min(s.pages.len()), &answers).await {
                tracing::error!(error = %e, "could not save a survey draft");
                return unavailable(&pages);
            }
            if next >= s.pages.len() {
                return review_screen(&pages, s, &token, &answers);
            }
            next
        }
        "back" => {
            let mut prev = current.saturating_sub(1);
            while prev > 0 && !page_has_visible(s, prev, &answers) {
                prev -= 1;
            }
            prev
        }
        "save" => return save_code(&state, &pages, &token, &draft, current, &answers).await,
        "submit" => return submit(&state, &pages, s, &token, &draft, &answers).await,
        a if a.starts_with("change-") => a[7..]
            .parse::<usize>()
            .ok()
            .filter(|n| *n < s.pages.len())
            .unwrap_or(current),
        _ if in_review => return review_screen(&pages, s, &token, &answers),
        _ => current,
    };
    if let Err(e) = save(result, &answers).await {
        tracing::error!(error = %e, "could not save a survey draft");
        return unavailable(&pages);
    }
    page_screen(&pages, s, &token, result, &answers, &[], StatusCode::OK)
}

fn young(pages: &PageSet) -> Response {
    let t = pages.i18n();
    let site = &pages.programme().site;
    let mut v = screen(pages, "young", t.t("survey-young-heading"));
    v.message = t.t("survey-young-text");
    v.young_name = site.young_people.name.clone();
    v.young_description = site.young_people.description.clone();
    v.young_url = site.young_people.url.clone();
    html(StatusCode::OK, v)
}

async fn save_code(
    state: &AppState,
    pages: &Arc<PageSet>,
    token: &str,
    draft: &Draft,
    page: usize,
    answers: &Answers,
) -> Response {
    let Ok(code) = code::new_code() else {
        return unavailable(pages);
    };
    let code_hash = code::hash(&code::normalise(&code).unwrap_or_default());
    let json = serde_json::to_string(answers).unwrap_or_else(|_| "{}".into());
    let saved = state
        .store
        .save_draft(&draft.token_hash, page as i64, &json)
        .await;
    let coded = state
        .store
        .set_draft_codes(&draft.token_hash, &code_hash, Some(&code_hash))
        .await;
    if saved.is_err() || coded.is_err() {
        return unavailable(pages);
    }
    let t = pages.i18n();
    let mut v = screen(pages, "code", t.t("survey-code-heading"));
    v.message = t.ta(
        "survey-code-only-way",
        &[("days", &state.http.survey_draft_days.to_string())],
    );
    v.code = code;
    v.token = token.to_string();
    html(StatusCode::OK, v)
}

async fn submit(
    state: &AppState,
    pages: &Arc<PageSet>,
    s: &Survey,
    token: &str,
    draft: &Draft,
    answers: &Answers,
) -> Response {
    let series_code_hash = draft.series_code_hash.clone();
    // Check every page again: nothing unchecked reaches the store.
    for (i, _) in s.pages.iter().enumerate() {
        let (_, errs) = check_page(s, i, &form_of(s, i, answers), answers);
        if !errs.is_empty() {
            return page_screen(
                pages,
                s,
                token,
                i,
                answers,
                &errs,
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    }
    // A follow-up is answered once per code.
    if let (Some(Series::FollowUp { .. }), Some(h)) = (&s.series, &series_code_hash) {
        match state.store.series_answered_on(&s.id, h).await {
            Ok(None) => {}
            Ok(Some(_)) => {
                let _ = state.store.delete_draft(&draft.token_hash).await;
                return message(
                    pages,
                    StatusCode::OK,
                    "survey-done-heading",
                    "survey-follow-up-done",
                );
            }
            Err(e) => {
                tracing::error!(error = %e, "could not look up a survey series");
                return unavailable(pages);
            }
        }
    }
    // A baseline is linked to its follow-up by the person's own code: the
    // one they saved to carry on, or a new one shown on the thank-you page.
    // Outside a series no code is kept with the answers.
    let follow_up = follow_up_of(pages, &s.id).filter(|_| s.series == Some(Series::Baseline));
    let mut new_code = None;
    let series_code_hash = match (&s.series, &follow_up, series_code_hash) {
        (_, Some(_), None) => {
            let Ok(code) = code::new_code() else {
                return unavailable(pages);
            };
            let h = code::hash(&code::normalise(&code).unwrap_or_default());
            new_code = Some(code);
            Some(h)
        }
        (_, Some(_), saved) | (Some(Series::FollowUp { .. }), _, saved) => saved,
        _ => None,
    };
    let response = NewResponse {
        survey_id: s.id.clone(),
        version: i64::from(s.version),
        content_hash: pages.programme().hash.clone(),
        series_code_hash,
        answers: crate::survey::export::rows(s, answers),
    };
    match state
        .submitter
        .submit(Some(draft.token_hash.clone()), response)
        .await
    {
        Ok(Submitted::Stored(_)) => {
            state.usage.count(Event::SurveyCompleted, &s.id);
            done(pages, follow_up.map(|(_, weeks)| weeks), new_code)
        }
        Ok(Submitted::DraftGone) => message(
            pages,
            StatusCode::GONE,
            "survey-resume-heading",
            "survey-expired",
        ),
        Err(e) => {
            tracing::error!(error = %e, "could not store a survey response");
            unavailable(pages)
        }
    }
}

fn today() -> jiff::civil::Date {
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
}

/// `date` plus `weeks`, or `date` itself at the end of the calendar.
fn weeks_after(date: jiff::civil::Date, weeks: u32) -> jiff::civil::Date {
    date.checked_add(jiff::Span::new().weeks(i64::from(weeks)))
        .unwrap_or(date)
}

/// Where the thank-you page's new code goes: letters only, so escaping
/// leaves it as it is, and never in any page's text.
const CODE_SLOT: &str = "PATHWAYCODESLOTX";

/// The thank-you page; after a baseline, when the follow-up opens and the
/// code that links the two (when it is new). The page is the same for
/// everyone on a day but for the code, so it is rendered once a day and
/// the code put in its place.
fn done(pages: &PageSet, follow_up_weeks: Option<u32>, new_code: Option<String>) -> Response {
    let day = today();
    let key = format!(
        "survey-done|{follow_up_weeks:?}|{}|{day}",
        new_code.is_some()
    );
    let page = pages.memo(&key, || {
        let t = pages.i18n();
        let mut v = screen(pages, "done", t.t("survey-done-heading"));
        v.message = t.t("survey-done-text");
        if let Some(weeks) = follow_up_weeks {
            let date = t.long_date(weeks_after(day, weeks));
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
        v.render()
    });
    match (page, new_code) {
        (Ok(page), Some(code)) => html_body(StatusCode::OK, page.replace(CODE_SLOT, &code)),
        (Ok(page), None) => html_body(StatusCode::OK, page.to_string()),
        (Err(e), _) => {
            tracing::error!(error = %e, "survey page failed to render");
            html_body(StatusCode::INTERNAL_SERVER_ERROR, String::new())
        }
    }
}

/// The answers of page `i` as the form would send them (for re-checking).
fn form_of(s: &Survey, i: usize, answers: &Answers) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Some(p) = s.pages.get(i) else { return out };
    for q in &p.questions {
        let name = crate::survey::answers::field_name(&q.id);
        match answers.get(&q.id) {
            Some(Value::Choice(c)) => out.push((name, c.clone())),
            Some(Value::Choices { ids, other }) => {
                out.extend(ids.iter().map(|id| (name.clone(), id.clone())));
                if let Some(o) = other {
                    out.push((format!("{name}-other"), o.clone()));
                }
            }
            Some(Value::Point(n)) => out.push((name, n.to_string())),
            Some(Value::Number(n)) => out.push((name, n.to_string())),
            Some(Value::Text(t)) => out.push((name, t.clone())),
            Some(Value::Matrix(m)) => out.extend(
                m.iter()
                    .map(|(item, n)| (format!("{name}-{item}"), n.to_string())),
            ),
            None => {}
        }
    }
    out
}

/// `GET /survey/resume`.
pub async fn resume_form(State(state): State<AppState>) -> Response {
    let pages = state.pages();
    let t = pages.i18n();
    html(
        StatusCode::OK,
        screen(&pages, "resume", t.t("survey-resume-heading")),
    )
}

/// `POST /survey/resume`: a code typed in any case, with or without spaces
/// and dashes. Tries are limited per address, so codes cannot be guessed.
pub async fn resume(State(state): State<AppState>, request: axum::extract::Request) -> Response {
    let pages = state.pages();
    let t = pages.i18n();
    if let Some(page) = over_limit(
        &state,
        &pages,
        &request,
        &state.resume_limit,
        "survey-resume-heading",
        "survey-too-many-tries",
    ) {
        return page;
    }
    let body = request.into_body();
    let form = read(body)
        .await
        .as_ref()
        .and_then(pairs)
        .unwrap_or_default();
    let typed = get(&form, "code").unwrap_or_default();
    let bad = || {
        let mut v = screen(&pages, "resume", t.t("survey-resume-heading"));
        v.errors = vec![ErrorView {
            href: "#code".into(),
            text: t.ta(
                "survey-bad-code",
                &[("days", &state.http.survey_draft_days.to_string())],
            ),
        }];
        html(StatusCode::UNPROCESSABLE_ENTITY, v)
    };
    let Some(canonical) = code::normalise(typed) else {
        return bad();
    };
    let Some(token) = new_token(&state) else {
        return unavailable(&pages);
    };
    let key = hash(&token);
    match state
        .store
        .rotate_draft_token(&code::hash(&canonical), &key)
        .await
    {
        Ok(true) => {}
        Ok(false) => return bad(),
        Err(_) => return unavailable(&pages),
    }
    let Ok(Some(draft)) = state.store.draft_by_token(&key).await else {
        return bad();
    };
    let Some(s) = survey_by_id(&pages, &draft.survey_id) else {
        return not_available(&pages);
    };
    let answers: Answers = serde_json::from_str(&draft.answers).unwrap_or_default();
    let page = usize::try_from(draft.page).unwrap_or(0);
    if page >= s.pages.len() {
        return review_screen(&pages, s, &token, &answers);
    }
    page_screen(&pages, s, &token, page, &answers, &[], StatusCode::OK)
}

/// `POST /survey/code.txt`: the code as a small text file to keep.
pub async fn code_file(State(state): State<AppState>, body: Body) -> Response {
    let pages = state.pages();
    let form = read(body)
        .await
        .as_ref()
        .and_then(pairs)
        .unwrap_or_default();
    let Some(code) = get(&form, "code").and_then(code::normalise) else {
        return message(
            &pages,
            StatusCode::BAD_REQUEST,
            "survey-resume-heading",
            "survey-code-unreadable",
        );
    };
    let grouped: String = code
        .chars()
        .enumerate()
        .flat_map(|(i, c)| (i > 0 && i % 4 == 0).then_some('-').into_iter().chain([c]))
        .collect();
    let key = match get(&form, "purpose") {
        Some("follow-up") => "survey-code-file-follow-up",
        _ => "survey-code-file",
    };
    let text = format!("{}\n", pages.i18n().ta(key, &[("code", &grouped)]));
    let mut r = Response::new(Body::from(text));
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"code.txt\""),
    );
    r
}

/// The follow-up's introduction, consent and code field.
fn follow_up_screen(pages: &PageSet, f: &Survey, errors: Vec<ErrorView>) -> Response {
    let mut v = screen(pages, "follow-up", f.title.clone());
    v.intro_html = intro_html(f);
    v.consent = f.consent.clone();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    v.errors = errors;
    html(status, v)
}

/// `GET /survey/follow-up`.
pub async fn follow_up_form(State(state): State<AppState>) -> Response {
    let pages = state.pages();
    match survey(&pages).and_then(|s| follow_up_of(&pages, &s.id)) {
        Some((f, _)) => follow_up_screen(&pages, f, Vec::new()),
        None => not_available(&pages),
    }
}

/// `POST /survey/follow-up`: the code kept from the baseline (typed in any
/// case, spaces and dashes ignored) and consent. Tries count against the
/// same per-address limit as resume codes, so codes cannot be guessed.
pub async fn follow_up(State(state): State<AppState>, request: axum::extract::Request) -> Response {
    let pages = state.pages();
    if let Some(page) = over_limit(
        &state,
        &pages,
        &request,
        &state.resume_limit,
        "survey-resume-heading",
        "survey-too-many-tries",
    ) {
        return page;
    }
    let Some((base, (f, weeks))) =
        survey(&pages).and_then(|s| follow_up_of(&pages, &s.id).map(|f| (s, f)))
    else {
        return not_available(&pages);
    };
    let form = read(request.into_body())
        .await
        .as_ref()
        .and_then(pairs)
        .unwrap_or_default();
    let t = pages.i18n();
    let error = |href: &str, key: &str| ErrorView {
        href: href.into(),
        text: t.t(key),
    };
    let mut errors = Vec::new();
    let code = get(&form, "code").and_then(code::normalise);
    if code.is_none() {
        errors.push(error("#code", "survey-follow-up-bad-code"));
    }
    if get(&form, "consent") != Some("yes") {
        errors.push(error("#consent", "survey-consent-needed"));
    }
    let Some(code) = code.filter(|_| errors.is_empty()) else {
        return follow_up_screen(&pages, f, errors);
    };
    let series = code::hash(&code);
    let (baseline_on, answered) = match (
        state.store.series_answered_on(&base.id, &series).await,
        state.store.series_answered_on(&f.id, &series).await,
    ) {
        (Ok(b), Ok(a)) => (b, a),
        (Err(e), _) | (_, Err(e)) => {
            tracing::error!(error = %e, "could not look up a survey series");
            return unavailable(&pages);
        }
    };
    let Some(baseline_on) = baseline_on.and_then(|d| d.parse::<jiff::civil::Date>().ok()) else {
        return follow_up_screen(&pages, f, vec![error("#code", "survey-follow-up-bad-code")]);
    };
    if answered.is_some() {
        return message(
            &pages,
            StatusCode::OK,
            "survey-done-heading",
            "survey-follow-up-done",
        );
    }
    let opens = weeks_after(baseline_on, weeks);
    if today() < opens {
        let mut v = screen(&pages, "message", f.title.clone());
        v.message = t.ta("survey-follow-up-not-yet", &[("date", &t.long_date(opens))]);
        return html(StatusCode::OK, v);
    }
    if let Some(full) = no_room(&state, &pages).await {
        return full;
    }
    let Some(token) = new_token(&state) else {
        return unavailable(&pages);
    };
    let expires = expiry(state.http.survey_draft_days);
    let key = hash(&token);
    let created = state
        .store
        .create_draft(&key, &f.id, i64::from(f.version), &expires)
        .await;
    let linked = state.store.set_draft_series(&key, &series).await;
    if let Err(e) = created.and(linked) {
        tracing::error!(error = %e, "could not start a follow-up survey");
        return unavailable(&pages);
    }
    state.usage.count(Event::SurveyStarted, &f.id);
    page_screen(&pages, f, &token, 0, &Answers::new(), &[], StatusCode::OK)
}

/// `POST /survey/quick/{slug}`: "Was this module helpful?", stored with the
/// module it was about and nothing else.
pub async fn quick(
    State(state): State<AppState>,
    axum::extract::Path(slug): axum::extract::Path<String>,
    body: Body,
) -> Response {
    let pages = state.pages();
    let programme = pages.programme().clone();
    let (Some(s), Some(_)) = (
        programme.surveys.iter().find(|s| s.quick),
        programme.module(&slug),
    ) else {
        return pages
            .not_found()
            .respond(&axum::http::HeaderMap::new(), StatusCode::NOT_FOUND);
    };
    let Some(form) = read(body).await.as_ref().and_then(pairs) else {
        return message(
            &pages,
            StatusCode::BAD_REQUEST,
            "worksheet-fix-heading",
            "survey-error-encoding",
        );
    };
    let (answers, errors) = check_page(s, 0, &form, &Answers::new());
    if !errors.is_empty() {
        let t = pages.i18n();
        let mut v = screen(&pages, "quick", s.title.clone());
        v.quick_action = format!("/survey/quick/{slug}");
        v.questions = questions(s, 0, &answers, &errors, t);
        v.errors = errors
            .iter()
            .map(|e| ErrorView {
                href: e
                    .question
                    .as_ref()
                    .map_or("#main".to_string(), |q| format!("#q-{q}")),
                text: t.t(e.key),
            })
            .collect();
        return html(StatusCode::UNPROCESSABLE_ENTITY, v);
    }
    let mut rows = crate::survey::export::rows(s, &answers);
    rows.push(("module".into(), String::new(), slug.clone()));
    let response = NewResponse {
        survey_id: s.id.clone(),
        version: i64::from(s.version),
        content_hash: programme.hash.clone(),
        series_code_hash: None,
        answers: rows,
    };
    let survey_id = response.survey_id.clone();
    match state.submitter.submit(None, response).await {
        Ok(_) => {
            state.usage.count(Event::SurveyCompleted, &survey_id);
            message(
                &pages,
                StatusCode::OK,
                "survey-done-heading",
                "survey-quick-done",
            )
        }
        Err(e) => {
            tracing::error!(error = %e, "could not store a quick survey response");
            unavailable(&pages)
        }
    }
}
