//! Survey results for analysts and admins: the report with its filters
//! (date range, survey version), free-text answers behind a content
//! warning, and the exports (CSV, JSON, codebook), each audited.

use crate::render::st;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::filters::{Filters, ResultsQuery, by_language, languages};
use super::{ReadsResults, Staff, download, html_page};
use crate::http::error::AppError;
use crate::http::state::AppState;
use crate::render::report::{Filter, PairedSection, StaffReport, paired_section};
use crate::survey::export::StoredResponse;
use crate::survey::{Series, Survey};

/// Free-text answers per page.
pub const PER_PAGE: usize = 20;

/// What every results page starts with: an analyst or admin, the valid
/// filters, the survey and every response (shared, so that the heavy work
/// can move to a blocking thread without a copy).
struct Opened {
    who: Staff<ReadsResults>,
    filters: Filters,
    survey: Arc<Survey>,
    all: Arc<Vec<StoredResponse>>,
}

async fn open(
    who: Staff<ReadsResults>,
    state: &AppState,
    id: &str,
    query: &ResultsQuery,
) -> Result<Opened, AppError> {
    let pages = state.pages();
    let tags: Vec<String> = pages.langs().iter().map(|l| l.tag.clone()).collect();
    let filters = Filters::of(query, &tags);
    let Some(survey) = pages.programme().surveys.iter().find(|x| x.id == id) else {
        return Err(AppError::NotFound);
    };
    let survey = Arc::new(survey.clone());
    let default = &pages.programme().locale;
    let all = Arc::new(state.store.survey_responses(id, default).await?);
    Ok(Opened {
        who,
        filters,
        survey,
        all,
    })
}

/// Runs `work` on a blocking thread: reports and exports over many
/// responses never hold up an async worker.
async fn off_thread<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| AppError::Internal(Box::new(e)))
}

/// `GET /staff/surveys/{id}?from=&to=&version=`: the results report (charts
/// with data tables, the small-count rule), with filters and downloads.
pub async fn results(
    who: Staff<ReadsResults>,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<ResultsQuery>,
) -> Result<Response, AppError> {
    let Opened {
        who: s,
        filters,
        survey,
        all,
    } = open(who, &state, &id, &query).await?;
    let counters = state.store.survey_counters().await?;
    let (threshold, today) = (
        state.http.small_count_threshold,
        state.clock.today().to_string(),
    );
    let paired = paired(&state, &survey, &all, &filters, threshold).await?;
    let (from, to, version) = (filters.from.clone(), filters.to.clone(), filters.version);
    let locale = filters.locale.clone();
    let (survey_, all_) = (survey.clone(), all.clone());
    let (mut report, _) = off_thread(move || {
        let filter = Filter {
            from: from.as_deref(),
            to: to.as_deref(),
            version,
            locale: locale.as_deref(),
        };
        crate::render::report::for_range(&survey_, &all_, counters, filter, threshold, today)
    })
    .await?;
    report.paired = paired;
    let mut versions: Vec<i64> = all.iter().map(|r| r.version).collect();
    versions.push(i64::from(survey.version));
    versions.sort_unstable_by(|a, b| b.cmp(a));
    versions.dedup();
    let query = filters.query();
    report.staff = Some(StaffReport {
        assets: crate::render::pages::asset_version(),
        from: filters.from.clone().unwrap_or_default(),
        to: filters.to.clone().unwrap_or_default(),
        version: filters.version.map(|v| v.to_string()).unwrap_or_default(),
        versions,
        locale: filters.locale.clone().unwrap_or_default(),
        locales: languages(&state),
        by_language: by_language(&state, &all, &filters, threshold),
        query_question_prefix: if query.is_empty() {
            "?".into()
        } else {
            format!("{query}&")
        },
        query,
    });
    s.audit(
        &state,
        "survey results viewed",
        &format!("{id} ({})", filters.describe()),
    )
    .await;
    html_page(StatusCode::OK, &report)
}

/// `survey`'s series as (baseline, follow-up), when it is part of one.
fn series_of(state: &AppState, survey: &Survey) -> Option<(Survey, Survey)> {
    let pages = state.pages();
    let all = &pages.programme().surveys;
    match &survey.series {
        Some(Series::FollowUp { of, .. }) => all
            .iter()
            .find(|s| &s.id == of)
            .map(|b| (b.clone(), survey.clone())),
        Some(Series::Baseline) => crate::survey::flow::follow_up_of(all, &survey.id)
            .map(|(f, _)| (survey.clone(), f.clone())),
        None => None,
    }
}

/// The change within pairs, shown on both surveys of a series; the filters
/// apply to the answers of the survey being looked at (`all`).
async fn paired(
    state: &AppState,
    survey: &Survey,
    all: &Arc<Vec<StoredResponse>>,
    filters: &Filters,
    threshold: i64,
) -> Result<Option<PairedSection>, AppError> {
    let Some((b, f)) = series_of(state, survey) else {
        return Ok(None);
    };
    let other_id = if b.id == survey.id { &f.id } else { &b.id };
    let default = state.pages().programme().locale.clone();
    let other = state.store.survey_responses(other_id, &default).await?;
    let (from, to, version) = (filters.from.clone(), filters.to.clone(), filters.version);
    let locale = filters.locale.clone();
    let (all, here) = (all.clone(), survey.id.clone());
    off_thread(move || {
        let filter = Filter {
            from: from.as_deref(),
            to: to.as_deref(),
            version,
            locale: locale.as_deref(),
        };
        let (chosen, rest) = (filter.responses(&all), other.iter().collect::<Vec<_>>());
        let (base, after) = if b.id == here {
            (chosen, rest)
        } else {
            (rest, chosen)
        };
        paired_section((&b, &base), (&f, &after), threshold)
    })
    .await
    .map(Some)
}

#[derive(Template)]
#[template(path = "staff_free_text.html")]
struct FreeTextPage {
    heading: String,
    assets: &'static str,
    nav: bool,
    survey_id: String,
    confirmed: bool,
    safeguarding_url: Option<String>,
    /// (question id, text) of every free-text question, for the filter.
    questions: Vec<(String, String)>,
    question: String,
    search: String,
    query: String,
    from: String,
    to: String,
    version: String,
    answers: Vec<crate::survey::results::FreeText>,
    total: usize,
    page: usize,
    pages: usize,
    /// Links to the previous and next page, when there are any.
    prev: Option<String>,
    next: Option<String>,
}

fn url_encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// `GET /staff/surveys/{id}/free-text`: first a content warning with the
/// safeguarding-review procedure; then the answers, 20 to a page,
/// searchable and filtered like the report. Viewing is audited (the search
/// words are not written down).
pub async fn free_text(
    who: Staff<ReadsResults>,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<ResultsQuery>,
) -> Result<Response, AppError> {
    let opened = open(who, &state, &id, &query).await?;
    let wanted = FreeTextQuery::of(&opened.survey, &query);
    let (survey, responses) = (opened.survey.clone(), opened.all.clone());
    let (from, to, version) = (
        opened.filters.from.clone(),
        opened.filters.to.clone(),
        opened.filters.version,
    );
    let (question, search) = (wanted.question.clone(), wanted.search.clone());
    let locale = opened.filters.locale.clone();
    let all = off_thread(move || {
        let filter = Filter {
            from: from.as_deref(),
            to: to.as_deref(),
            version,
            locale: locale.as_deref(),
        };
        let chosen = filter.responses(&responses);
        crate::survey::results::free_text(
            &survey,
            &chosen,
            (!question.is_empty()).then_some(question.as_str()),
            &search,
        )
    })
    .await?;
    let total = all.len();
    let pages = total.div_ceil(PER_PAGE).max(1);
    let page = query
        .page
        .as_deref()
        .and_then(|p| p.parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, pages);
    if wanted.confirmed {
        let search = if wanted.search.is_empty() {
            ""
        } else {
            ", searched"
        };
        let detail = format!("{id} ({}), page {page}{search}", opened.filters.describe());
        opened
            .who
            .audit(&state, "free-text answers viewed", &detail)
            .await;
    }
    let shown = if wanted.confirmed {
        all.into_iter()
            .skip((page - 1) * PER_PAGE)
            .take(PER_PAGE)
            .collect()
    } else {
        Vec::new()
    };
    let view = free_text_page(&state, &id, opened, wanted, shown, (total, page, pages));
    html_page(StatusCode::OK, &view)
}

/// The free-text filters that were valid.
struct FreeTextQuery {
    /// (question id, text) of every free-text question, for the filter.
    questions: Vec<(String, String)>,
    question: String,
    search: String,
    confirmed: bool,
}

impl FreeTextQuery {
    fn of(survey: &Survey, query: &ResultsQuery) -> Self {
        use crate::survey::QuestionKind;
        let questions: Vec<(String, String)> = survey
            .questions()
            .filter(|q| {
                matches!(
                    q.kind,
                    QuestionKind::ShortText { .. }
                        | QuestionKind::LongText { .. }
                        | QuestionKind::Multiple { other: true, .. }
                )
            })
            .map(|q| (q.id.clone(), q.text.clone()))
            .collect();
        let question = query
            .question
            .clone()
            .filter(|q| questions.iter().any(|(id, _)| id == q))
            .unwrap_or_default();
        let search = query
            .q
            .clone()
            .unwrap_or_default()
            .chars()
            .take(200)
            .collect();
        Self {
            questions,
            question,
            search,
            confirmed: query.confirmed.as_deref() == Some("1"),
        }
    }

    /// The query string of a page link, after the report's filters.
    fn link_base(&self, filters: &Filters) -> String {
        let mut base = filters.query();
        base.push_str(if base.is_empty() { "?" } else { "&" });
        base.push_str("confirmed=1");
        if !self.question.is_empty() {
            base.push_str(&format!("&question={}", url_encode(&self.question)));
        }
        if !self.search.is_empty() {
            base.push_str(&format!("&q={}", url_encode(&self.search)));
        }
        base
    }
}

fn free_text_page(
    state: &AppState,
    id: &str,
    opened: Opened,
    wanted: FreeTextQuery,
    answers: Vec<crate::survey::results::FreeText>,
    (total, page, pages): (usize, usize, usize),
) -> FreeTextPage {
    let filters = &opened.filters;
    let base = wanted.link_base(filters);
    let link = |n: usize| format!("/staff/surveys/{id}/free-text{base}&page={n}");
    FreeTextPage {
        heading: st::a("staff-free-heading", "title", &opened.survey.title),
        assets: crate::render::pages::asset_version(),
        nav: true,
        survey_id: id.to_string(),
        confirmed: wanted.confirmed,
        safeguarding_url: state
            .pages()
            .programme()
            .site
            .safeguarding_review_url
            .clone(),
        questions: wanted.questions,
        question: wanted.question,
        search: wanted.search,
        query: filters.query(),
        from: filters.from.clone().unwrap_or_default(),
        to: filters.to.clone().unwrap_or_default(),
        version: filters.version.map(|v| v.to_string()).unwrap_or_default(),
        answers,
        total,
        page,
        pages,
        prev: (page > 1).then(|| link(page - 1)),
        next: (page < pages).then(|| link(page + 1)),
    }
}

/// An export of the filtered responses, refused unless its audit entry is
/// written first.
async fn export(
    who: Staff<ReadsResults>,
    state: AppState,
    id: String,
    query: ResultsQuery,
    format: &'static str,
) -> Result<Response, AppError> {
    let Opened {
        who: s,
        filters,
        survey,
        all,
    } = open(who, &state, &id, &query).await?;
    let what = if format == "codebook" {
        "survey codebook downloaded"
    } else {
        "survey exported"
    };
    // No export without its audit entry.
    state
        .store
        .audit(
            state.clock.now(),
            &s.account.name,
            what,
            &format!("{id} ({format}; {})", filters.describe()),
        )
        .await?;
    // A fresh key for this export's series column.
    let key = crate::survey::export::SeriesKey::fresh()
        .map_err(|e| AppError::Unavailable(Box::new(e)))?;
    let internal =
        |e: String| AppError::Internal(format!("the {format} export failed: {e}").into());
    match format {
        "json" => {
            let body = off_thread(move || {
                let chosen: Vec<StoredResponse> = filters
                    .filter()
                    .responses(&all)
                    .into_iter()
                    .cloned()
                    .collect();
                serde_json::to_string_pretty(&crate::survey::export::to_json(
                    &survey, &chosen, &key,
                ))
            })
            .await?
            .map_err(|e| internal(e.to_string()))?;
            Ok(download(body, "application/json", "survey.json"))
        }
        "codebook" => {
            let body = serde_json::to_string_pretty(&crate::survey::export::codebook(&survey))
                .map_err(|e| internal(e.to_string()))?;
            Ok(download(body, "application/json", "survey-codebook.json"))
        }
        _ => Ok(super::download_stream(
            csv_stream(survey, all, filters, key),
            "text/csv; charset=utf-8",
            "survey.csv",
        )),
    }
}

/// Rows of CSV written on a blocking thread, 1,000 responses at a time,
/// and sent as they are made: a large export starts at once and never
/// sits whole in memory as text.
fn csv_stream(
    survey: Arc<Survey>,
    all: Arc<Vec<StoredResponse>>,
    filters: Filters,
    key: crate::survey::export::SeriesKey,
) -> tokio::sync::mpsc::Receiver<Result<Vec<u8>, std::io::Error>> {
    let (tx, rx) = tokio::sync::mpsc::channel(4);
    tokio::task::spawn_blocking(move || {
        let chosen = filters.filter().responses(&all);
        let export = crate::survey::export::CsvExport::new(&survey, chosen.iter().copied(), key);
        let send = |chunk: Result<Vec<u8>, csv::Error>| {
            tx.blocking_send(chunk.map_err(std::io::Error::other))
                .is_ok()
        };
        if !send(export.header()) {
            return;
        }
        for part in chosen.chunks(1000) {
            if !send(export.rows(part.iter().copied())) {
                return;
            }
        }
    });
    rx
}

/// `GET /staff/surveys/{id}/export.csv`: the filtered responses (audited).
pub async fn export_csv(
    who: Staff<ReadsResults>,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<ResultsQuery>,
) -> Result<Response, AppError> {
    export(who, state, id, query, "csv").await
}

/// `GET /staff/surveys/{id}/export.json`: the same as JSON (audited).
pub async fn export_json(
    who: Staff<ReadsResults>,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<ResultsQuery>,
) -> Result<Response, AppError> {
    export(who, state, id, query, "json").await
}

/// `GET /staff/surveys/{id}/codebook.json`: what every column means
/// (audited).
pub async fn codebook(
    who: Staff<ReadsResults>,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    export(who, state, id, ResultsQuery::default(), "codebook").await
}
