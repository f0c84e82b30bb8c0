//! `pathway survey export` and `pathway survey report`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{SurveyCommand, load_content, say};
use crate::clock::Clock;
use crate::db::Store;

/// Runs a survey command.
pub async fn run(cmd: SurveyCommand, clock: Clock) -> ExitCode {
    match cmd {
        SurveyCommand::Export {
            id,
            format,
            output,
            content,
            database,
        } => export_survey(&content, &database, &id, &format, output, clock).await,
        SurveyCommand::Report {
            id,
            output,
            from,
            to,
            threshold,
            content,
            database,
        } => {
            let req = ReportRequest {
                id,
                output,
                from,
                to,
                threshold,
            };
            report_survey(&content, &database, req, clock).await
        }
    }
}

/// `pathway survey export`: responses as CSV or JSON, and the codebook.
pub async fn export_survey(
    content: &Path,
    database: &str,
    id: &str,
    format: &str,
    output: Option<PathBuf>,
    clock: Clock,
) -> ExitCode {
    let fail = |msg: String| {
        eprintln!("error: {msg}");
        ExitCode::FAILURE
    };
    let (programme, store) = match survey_store(content, database, id, clock).await {
        Ok(found) => found,
        Err(e) => return fail(e),
    };
    let Some(survey) = programme.surveys.iter().find(|s| s.id == id) else {
        return fail(format!("no survey `{id}`"));
    };
    let responses = match store.survey_responses(id, &programme.locale).await {
        Ok(r) => r,
        Err(e) => return fail(e.to_string()),
    };
    let path = output.unwrap_or_else(|| PathBuf::from(format!("{id}.{format}")));
    // A fresh key per export for the series column (see `SeriesKey`).
    let key = match crate::survey::export::SeriesKey::fresh() {
        Ok(k) => k,
        Err(e) => return fail(e.to_string()),
    };
    let body = if format == "json" {
        serde_json::to_string_pretty(&crate::survey::export::to_json(survey, &responses, &key))
            .map_err(|e| e.to_string())
    } else {
        crate::survey::export::to_csv(survey, &responses, key).map_err(|e| e.to_string())
    };
    let body = match body {
        Ok(b) => b,
        Err(e) => return fail(e),
    };
    let codebook_path = path.with_extension("codebook.json");
    let codebook =
        serde_json::to_string_pretty(&crate::survey::export::codebook(survey)).unwrap_or_default();
    if let Err(e) = std::fs::write(&path, body) {
        return fail(format!("cannot write {}: {e}", path.display()));
    }
    if let Err(e) = std::fs::write(&codebook_path, codebook) {
        return fail(format!("cannot write {}: {e}", codebook_path.display()));
    }
    if let Err(e) = store
        .audit(
            clock.now(),
            "cli",
            "survey exported",
            &format!("{id} ({format})"),
        )
        .await
    {
        return fail(e.to_string());
    }
    say(&format!(
        "{} response(s) to {} and its codebook to {}",
        responses.len(),
        path.display(),
        codebook_path.display()
    ));
    store.close().await;
    ExitCode::SUCCESS
}

/// The programme (which must define survey `id`) and the migrated store.
async fn survey_store(
    content: &Path,
    database: &str,
    id: &str,
    clock: Clock,
) -> Result<(crate::content::model::Programme, Store), String> {
    let programme = load_content(content, clock).map_err(|e| e.to_string())?;
    if !programme.surveys.iter().any(|s| s.id == id) {
        let known: Vec<&str> = programme.surveys.iter().map(|s| s.id.as_str()).collect();
        return Err(format!(
            "no survey `{id}`; use one of: {}",
            known.join(", ")
        ));
    }
    let store = Store::connect(database, false)
        .await
        .map_err(|e| e.to_string())?;
    store.migrate().await.map_err(|e| e.to_string())?;
    Ok((programme, store))
}

/// What `pathway survey report` was asked for.
pub struct ReportRequest {
    pub id: String,
    pub output: Option<PathBuf>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub threshold: i64,
}

/// `pathway survey report`: results as one self-contained HTML file.
pub async fn report_survey(
    content: &Path,
    database: &str,
    req: ReportRequest,
    clock: Clock,
) -> ExitCode {
    let fail = |msg: String| {
        eprintln!("error: {msg}");
        ExitCode::FAILURE
    };
    for date in [&req.from, &req.to].into_iter().flatten() {
        if date.parse::<jiff::civil::Date>().is_err() {
            return fail(format!("`{date}` is not a date: write it like 2026-11-01"));
        }
    }
    if req.threshold < 1 {
        return fail("--threshold must be at least 1".into());
    }
    let (programme, store) = match survey_store(content, database, &req.id, clock).await {
        Ok(found) => found,
        Err(e) => return fail(e),
    };
    let Some(survey) = programme.surveys.iter().find(|s| s.id == req.id) else {
        return fail(format!("no survey `{}`", req.id));
    };
    let (responses, counters) = match (
        store.survey_responses(&req.id, &programme.locale).await,
        store.survey_counters().await,
    ) {
        (Ok(r), Ok(c)) => (r, c),
        (Err(e), _) | (_, Err(e)) => return fail(e.to_string()),
    };
    if let Err(e) = store
        .audit(clock.now(), "cli", "survey report made", &req.id)
        .await
    {
        return fail(e.to_string());
    }
    store.close().await;
    let filter = crate::render::report::Filter {
        from: req.from.as_deref(),
        to: req.to.as_deref(),
        version: None,
        locale: None,
    };
    let (page, count) = crate::render::report::for_range(
        survey,
        &responses,
        counters,
        filter,
        req.threshold,
        clock.today().to_string(),
    );
    let html = match askama::Template::render(&page) {
        Ok(h) => h,
        Err(e) => return fail(format!("cannot render the report: {e}")),
    };
    let path = req
        .output
        .unwrap_or_else(|| PathBuf::from(format!("{}-report.html", req.id)));
    if let Err(e) = std::fs::write(&path, html) {
        return fail(format!("cannot write {}: {e}", path.display()));
    }
    say(&format!(
        "{} response(s) of survey {} to {}",
        count,
        req.id,
        path.display()
    ));
    ExitCode::SUCCESS
}
