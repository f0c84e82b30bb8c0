//! Survey results for analysts and admins: the report with its filters
//! (date range, survey version), free-text answers behind a content
//! warning, and the exports (CSV, JSON, codebook), each audited.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use super::{analyst, download, html_page, message, unavailable};
use crate::app::AppState;
use crate::render::report::{Filter, StaffReport};
use crate::survey::Survey;
use crate::survey::export::StoredResponse;

/// Free-text answers per page.
pub const PER_PAGE: usize = 20;

/// The query string of the results pages and exports. Anything that is not
/// a valid date or version is ignored, so that a link never fails.
#[derive(serde::Deserialize, Default, Debug)]
pub struct ResultsQuery {
    from: Option<String>,
    to: Option<String>,
    version: Option<String>,
    question: Option<String>,
    q: Option<String>,
    page: Option<String>,
    confirmed: Option<String>,
}

/// The filters that were valid.
struct Filters {
    from: Option<String>,
    to: Option<String>,
    version: Option<i64>,
}

impl Filters {
    fn of(q: &ResultsQuery) -> Self {
        let date =
            |t: &Option<String>| t.clone().filter(|t| t.parse::<jiff::civil::Date>().is_ok());
        Self {
            from: date(&q.from),
            to: date(&q.to),
            version: q.version.as_deref().and_then(|v| v.parse().ok()),
        }
    }

    fn filter(&self) -> Filter<'_> {
        Filter {
            from: self.from.as_deref(),
            to: self.to.as_deref(),
            version: self.version,
        }
    }

    /// The filters as a query string: `?from=…&to=…&version=…` (values are
    /// validated dates and numbers, so nothing needs escaping), or empty.
    fn query(&self) -> String {
        let parts: Vec<String> = [
            self.from.as_ref().map(|f| format!("from={f}")),
            self.to.as_ref().map(|t| format!("to={t}")),
            self.version.map(|v| format!("version={v}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// For the audit log.
    fn describe(&self) -> String {
        let q = self.query();
        if q.is_empty() {
            "all".into()
        } else {
            q[1..].to_string()
        }
    }
}

fn no_such_survey() -> Response {
    message(
        StatusCode::NOT_FOUND,
        "No such survey",
        "Check the address.",
    )
}

/// The survey and its responses that pass the filters.
async fn filtered(
    state: &AppState,
    id: &str,
    filters: &Filters,
) -> Result<(Survey, Vec<StoredResponse>, Vec<StoredResponse>), Response> {
    let pages = state.pages();
    let Some(survey) = pages.programme().surveys.iter().find(|x| x.id == id) else {
        return Err(no_such_survey());
    };
    let Ok(all) = state.store.survey_responses(id).await else {
        return Err(unavailable());
    };
    let chosen = filters
        .filter()
        .responses(&all)
        .into_iter()
        .cloned()
        .collect();
    Ok((survey.clone(), all, chosen))
}

/// What every results page starts with: an analyst or admin, the valid
/// filters, the survey, every response and those that pass the filters.
struct Opened {
    who: super::Signed,
    filters: Filters,
    survey: Survey,
    all: Vec<StoredResponse>,
    chosen: Vec<StoredResponse>,
}

async fn open(
    state: &AppState,
    id: &str,
    query: &ResultsQuery,
    headers: &HeaderMap,
) -> Result<Opened, Response> {
    let who = analyst(state, headers).await?;
    let filters = Filters::of(query);
    let (survey, all, chosen) = filtered(state, id, &filters).await?;
    Ok(Opened {
        who,
        filters,
        survey,
        all,
        chosen,
    })
}

/// `GET /staff/surveys/{id}?from=&to=&version=`: the results report (charts
/// with data tables, the small-count rule), with filters and downloads.
pub async fn results(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<ResultsQuery>,
    headers: HeaderMap,
) -> Response {
    let Opened {
        who: s,
        filters,
        survey,
        all,
        ..
    } = match open(&state, &id, &query, &headers).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    let Ok(counters) = state.store.survey_counters().await else {
        return unavailable();
    };
    let (mut report, _) = crate::render::report::for_range(
        &survey,
        &all,
        counters,
        filters.filter(),
        state.http.small_count_threshold,
    );
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
        query_question_prefix: if query.is_empty() {
            "?".into()
        } else {
            format!("{query}&")
        },
        query,
    });
    let _ = state
        .store
        .audit(
            &s.account.name,
            "survey results viewed",
            &format!("{id} ({})", filters.describe()),
        )
        .await;
    html_page(StatusCode::OK, &report)
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
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<ResultsQuery>,
    headers: HeaderMap,
) -> Response {
    let Opened {
        who: s,
        filters,
        survey,
        chosen,
        ..
    } = match open(&state, &id, &query, &headers).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    let questions: Vec<(String, String)> = survey
        .questions()
        .filter(|q| {
            matches!(
                q.kind,
                crate::survey::QuestionKind::ShortText { .. }
                    | crate::survey::QuestionKind::LongText { .. }
                    | crate::survey::QuestionKind::Multiple { other: true, .. }
            )
        })
        .map(|q| (q.id.clone(), q.text.clone()))
        .collect();
    let question = query
        .question
        .clone()
        .filter(|q| questions.iter().any(|(id, _)| id == q))
        .unwrap_or_default();
    let search: String = query
        .q
        .clone()
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect();
    let confirmed = query.confirmed.as_deref() == Some("1");
    let refs: Vec<&StoredResponse> = chosen.iter().collect();
    let all = crate::survey::results::free_text(
        &survey,
        &refs,
        (!question.is_empty()).then_some(question.as_str()),
        &search,
    );
    let total = all.len();
    let pages = total.div_ceil(PER_PAGE).max(1);
    let page = query
        .page
        .as_deref()
        .and_then(|p| p.parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, pages);
    let mut base = filters.query();
    base.push_str(if base.is_empty() { "?" } else { "&" });
    base.push_str("confirmed=1");
    if !question.is_empty() {
        base.push_str(&format!("&question={}", url_encode(&question)));
    }
    if !search.is_empty() {
        base.push_str(&format!("&q={}", url_encode(&search)));
    }
    let link = |n: usize| format!("/staff/surveys/{id}/free-text{base}&page={n}");
    if confirmed {
        let _ = state
            .store
            .audit(
                &s.account.name,
                "free-text answers viewed",
                &format!(
                    "{id} ({}), page {page}{}",
                    filters.describe(),
                    if search.is_empty() { "" } else { ", searched" }
                ),
            )
            .await;
    }
    let view = FreeTextPage {
        heading: format!("{}: free-text answers", survey.title),
        assets: crate::render::pages::asset_version(),
        nav: true,
        survey_id: id.clone(),
        confirmed,
        safeguarding_url: state
            .pages()
            .programme()
            .site
            .safeguarding_review_url
            .clone(),
        questions,
        question,
        search,
        query: filters.query(),
        from: filters.from.clone().unwrap_or_default(),
        to: filters.to.clone().unwrap_or_default(),
        version: filters.version.map(|v| v.to_string()).unwrap_or_default(),
        answers: if confirmed {
            all.into_iter()
                .skip((page - 1) * PER_PAGE)
                .take(PER_PAGE)
                .collect()
        } else {
            Vec::new()
        },
        total,
        page,
        pages,
        prev: (page > 1).then(|| link(page - 1)),
        next: (page < pages).then(|| link(page + 1)),
    };
    html_page(StatusCode::OK, &view)
}

/// An export of the filtered responses, refused unless its audit entry is
/// written first.
async fn export(
    state: AppState,
    id: String,
    query: ResultsQuery,
    headers: HeaderMap,
    format: &'static str,
) -> Response {
    let Opened {
        who: s,
        filters,
        survey,
        chosen,
        ..
    } = match open(&state, &id, &query, &headers).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    let body = match format {
        "json" => serde_json::to_string_pretty(&crate::survey::export::to_json(&survey, &chosen))
            .map_err(|_| ()),
        "codebook" => {
            serde_json::to_string_pretty(&crate::survey::export::codebook(&survey)).map_err(|_| ())
        }
        _ => crate::survey::export::to_csv(&survey, &chosen).map_err(|_| ()),
    };
    let Ok(body) = body else {
        return unavailable();
    };
    let what = if format == "codebook" {
        "survey codebook downloaded"
    } else {
        "survey exported"
    };
    if state
        .store
        .audit(
            &s.account.name,
            what,
            &format!("{id} ({format}; {})", filters.describe()),
        )
        .await
        .is_err()
    {
        // No export without its audit entry.
        return unavailable();
    }
    match format {
        "json" => download(body, "application/json", "survey.json"),
        "codebook" => download(body, "application/json", "survey-codebook.json"),
        _ => download(body, "text/csv; charset=utf-8", "survey.csv"),
    }
}

/// `GET /staff/surveys/{id}/export.csv`: the filtered responses (audited).
pub async fn export_csv(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<ResultsQuery>,
    headers: HeaderMap,
) -> Response {
    export(state, id, query, headers, "csv").await
}

/// `GET /staff/surveys/{id}/export.json`: the same as JSON (audited).
pub async fn export_json(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<ResultsQuery>,
    headers: HeaderMap,
) -> Response {
    export(state, id, query, headers, "json").await
}

/// `GET /staff/surveys/{id}/codebook.json`: what every column means
/// (audited).
pub async fn codebook(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    export(state, id, ResultsQuery::default(), headers, "codebook").await
}
