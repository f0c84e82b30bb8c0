//! The `serve` and `check` commands.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use crate::app::{AppState, router};
use crate::config::{Config, ServeArgs};
use crate::content::{Diagnostics, Programme, load};
use crate::db::Store;
use crate::pdf::{Engine, WorksheetQueue};
use crate::render::{PageSet, RenderOptions};

/// Worksheet renders that may wait for a free core before people are told
/// to try again in a minute.
pub const WORKSHEET_WAITING: usize = 8;

/// Why `serve` could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error("the content has {0} error(s): fix them and start again")]
    Content(usize),
    #[error(transparent)]
    Database(#[from] crate::db::DbError),
    #[error(transparent)]
    Render(#[from] crate::render::RenderError),
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error("the server stopped with an error: {0}")]
    Serve(std::io::Error),
    #[error(
        "survey `{id}` version {version} ({file}) has changed since it was published: give it a new version number, or undo the change"
    )]
    SurveyChanged {
        id: String,
        version: u32,
        file: String,
    },
}

fn today() -> jiff::civil::Date {
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
}

/// Prints every diagnostic, then a summary line.
pub fn report(diags: &Diagnostics) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    for d in diags.clone().sorted() {
        let _ = writeln!(err, "{d}");
    }
    if !diags.is_empty() {
        let _ = writeln!(
            err,
            "{} error(s), {} warning(s)",
            diags.error_count(),
            diags.warning_count()
        );
    }
}

/// Loads and checks content; prints every problem.
pub fn load_content(dir: &Path) -> Result<Programme, StartError> {
    let loaded = load(dir, today());
    report(&loaded.diagnostics);
    loaded
        .programme
        .ok_or(StartError::Content(loaded.diagnostics.error_count()))
}

/// Refuses a survey whose questions changed under a published version.
async fn check_surveys(store: &Store, programme: &Programme) -> Result<(), StartError> {
    use crate::db::surveys::VersionCheck;
    for s in &programme.surveys {
        let check = store
            .check_survey_version(&s.id, i64::from(s.version), &s.hash)
            .await?;
        if let VersionCheck::Changed { .. } = check {
            return Err(StartError::SurveyChanged {
                id: s.id.clone(),
                version: s.version,
                file: s.file.display().to_string(),
            });
        }
    }
    Ok(())
}

/// `pathway check [DIR]`.
pub fn check(dir: &Path) -> ExitCode {
    let loaded = load(dir, today());
    report(&loaded.diagnostics);
    match loaded.programme {
        Some(p) => {
            println!(
                "{}: {} published module(s), {} draft(s), {} survey(s): no errors",
                dir.display(),
                p.modules.len(),
                p.drafts.len(),
                p.surveys.len()
            );
            ExitCode::SUCCESS
        }
        None => ExitCode::FAILURE,
    }
}

/// `pathway serve`.
pub async fn serve(args: ServeArgs) -> Result<(), StartError> {
    let config = Config::from_args(&args)?;
    let programme = load_content(&config.content_dir)?;
    let store = Store::connect_with(&config.database, config.create_database, &config.db).await?;
    store.migrate().await?;
    check_surveys(&store, &programme).await?;
    store
        .record_content_version(&programme.hash, programme.modules.len() as i64)
        .await?;
    let summary = format!(
        "{} modules, {} drafts, content version {}",
        programme.modules.len(),
        programme.drafts.len(),
        &programme.hash[..12]
    );
    let engine = Arc::new(Engine::new());
    let options = RenderOptions {
        pdf: Some(engine.clone()),
        survey_draft_days: config.http.survey_draft_days,
    };
    let pages = PageSet::build(programme, options.clone())?;
    if let Some(pdfs) = pages.pdfs() {
        pdfs.spawn_all();
    }
    let page_count = pages.paths().filter(|p| !p.starts_with("/static/")).count() + 1;
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let state = AppState::new(pages, store.clone(), config.http.clone())
        .with_worksheets(WorksheetQueue::new(engine, workers, WORKSHEET_WAITING))
        .with_reloader(crate::reload::Reloader::new(
            config.content_dir.clone(),
            options,
        ));
    let usage = state.usage.clone();
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .map_err(|source| StartError::Listen {
            addr: config.bind,
            source,
        })?;
    let addr = listener.local_addr().unwrap_or(config.bind);
    // Listen for SIGHUP before saying we are up, so that an early reload
    // request never meets the default action (which ends the process).
    #[cfg(unix)]
    let hangup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()).ok();
    #[cfg(not(unix))]
    let hangup = None::<()>;
    let staff_listener = match config.staff_bind {
        Some(staff_addr) => Some(tokio::net::TcpListener::bind(staff_addr).await.map_err(
            |source| StartError::Listen {
                addr: staff_addr,
                source,
            },
        )?),
        None => None,
    };
    let shutdown = shutdown_signal();
    say(&format!("Pathway is listening on http://{addr}"));
    say(&format!(
        "Loaded {} from {} ({page_count} pages); database: {}",
        summary,
        config.content_dir.display(),
        store.backend()
    ));
    tokio::spawn(purge_drafts(store.clone()));
    tokio::spawn(crate::usage::flush_forever(
        state.usage.clone(),
        store.clone(),
    ));
    if let Some(hangup) = hangup {
        tokio::spawn(reload_on_hangup(hangup, state.clone()));
    }
    if let (Some(every), Some(reloader)) = (config.content_poll, state.reloader.clone()) {
        reloader
            .follow_from(store.content_generation().await.unwrap_or(0))
            .await;
        tokio::spawn(follow_reloads(state.clone(), reloader, every));
    }
    // One signal stops both listeners.
    let (stop, stopped) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        let _ = stop.send(true);
    });
    let until_stopped = |mut rx: tokio::sync::watch::Receiver<bool>| async move {
        let _ = rx.wait_for(|v| *v).await;
    };
    let staff = staff_listener.map(|l| {
        if let Ok(a) = l.local_addr() {
            say(&format!(
                "Staff area on http://{a}/staff (not on the public address)"
            ));
        }
        let serve = axum::serve(
            l,
            crate::app::staff_router(state.clone())
                .into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .with_graceful_shutdown(until_stopped(stopped.clone()));
        tokio::spawn(async move { serve.await })
    });
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(until_stopped(stopped))
    .await
    .map_err(StartError::Serve)?;
    if let Some(Ok(Err(e))) = match staff {
        Some(task) => Some(task.await),
        None => None,
    } {
        tracing::warn!(error = %e, "the staff listener stopped with an error");
    }
    // The last counts, so that a graceful stop loses none.
    if let Err(e) = usage.flush(&store).await {
        tracing::warn!(error = %e, "could not write the last usage counts");
    }
    store.close().await;
    say("Pathway stopped.");
    Ok(())
}

/// Reloads content when another instance has reloaded (polls the
/// content generation in the database).
async fn follow_reloads(
    state: AppState,
    reloader: Arc<crate::reload::Reloader>,
    every: std::time::Duration,
) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Some(crate::reload::Outcome::Refused { problems }) = reloader.follow(&state).await {
            tracing::error!(
                problems = problems.len(),
                "another instance reloaded content, but this instance's content folder has problems; still serving the old content"
            );
        }
    }
}

/// Deletes expired survey drafts now and then every hour.
async fn purge_drafts(store: Store) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        let today = crate::db::surveys::today();
        match store.purge_expired_drafts(&today).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(drafts = n, "expired survey drafts deleted"),
            Err(e) => tracing::warn!(error = %e, "could not delete expired survey drafts"),
        }
    }
}

/// A line on standard output that never fails the server (for example when
/// nobody reads the output any more).
fn say(line: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// Reloads content on SIGHUP; broken content keeps the old pages served.
#[cfg(unix)]
async fn reload_on_hangup(mut hangup: tokio::signal::unix::Signal, state: AppState) {
    while hangup.recv().await.is_some() {
        if let Some(reloader) = state.reloader.clone()
            && let crate::reload::Outcome::Refused { problems } = reloader
                .reload(&state, crate::reload::Asked::Here("signal".into()))
                .await
        {
            tracing::error!(
                problems = problems.len(),
                "content reload failed; still serving the old content"
            );
        }
    }
}

#[cfg(not(unix))]
async fn reload_on_hangup(_: (), _: AppState) {}

/// Installs the SIGTERM and Ctrl-C handlers now (so that a signal sent as
/// soon as start-up is announced is never met by the default action, which
/// would end the process at once) and returns the future that waits for one.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let (mut terminate, mut interrupt) = {
        use tokio::signal::unix::{SignalKind, signal};
        (
            signal(SignalKind::terminate()).ok(),
            signal(SignalKind::interrupt()).ok(),
        )
    };
    async move {
        #[cfg(unix)]
        {
            let term = async {
                match terminate.as_mut() {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            let int = async {
                match interrupt.as_mut() {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                () = term => {},
                () = int => {},
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
        say("Shutting down: finishing requests in progress...");
    }
}

/// `pathway pdf`: writes one module's PDF, or every module's into a folder.
pub fn write_pdfs(
    content: &Path,
    slug: Option<&str>,
    out: Option<PathBuf>,
    all: Option<PathBuf>,
    repeat: usize,
) -> ExitCode {
    let programme = match load_content(content) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let t = crate::i18n::I18n::new(&programme.locale);
    let engine = Engine::new();
    let modules: Vec<&crate::content::Module> = match (slug, &all) {
        (_, Some(_)) => programme.modules.iter().collect(),
        (Some(slug), None) => match programme.module(slug) {
            Some(m) => vec![m],
            None => {
                let known: Vec<&str> = programme
                    .modules
                    .iter()
                    .map(|m| m.front.slug.as_str())
                    .collect();
                eprintln!(
                    "error: no module `{slug}`; use one of: {}",
                    known.join(", ")
                );
                return ExitCode::FAILURE;
            }
        },
        (None, None) => {
            eprintln!("error: name a module (pathway pdf SLUG) or use --all DIR");
            return ExitCode::FAILURE;
        }
    };
    if let Some(dir) = &all
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!("error: cannot create {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    let mut failed = false;
    for m in modules {
        let doc = crate::pdf::build::module_doc(&programme, m, &t);
        let mut times = Vec::new();
        for _ in 1..repeat.max(1) {
            let started = std::time::Instant::now();
            if engine.module(&doc).is_ok() {
                times.push(started.elapsed().as_secs_f64() * 1000.0);
            }
        }
        let started = std::time::Instant::now();
        let path = match (&all, &out) {
            (Some(dir), _) => dir.join(format!("module-{}.pdf", m.number)),
            (None, Some(path)) => path.clone(),
            (None, None) => PathBuf::from(format!("module-{}.pdf", m.number)),
        };
        let rendered = engine.module(&doc);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        times.sort_by(f64::total_cmp);
        let median = times.get(times.len() / 2).copied().unwrap_or_default();
        match rendered.map(|bytes| (std::fs::write(&path, &bytes), bytes.len())) {
            Ok((Ok(()), size)) => println!(
                "{}: {} ({size} bytes; render median {median:.1} ms of {})",
                m.front.slug,
                path.display(),
                times.len()
            ),
            Ok((Err(e), _)) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                failed = true;
            }
            Err(e) => {
                eprintln!("error: module {} ({}): {e}", m.number, m.front.slug);
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `pathway survey export`: responses as CSV or JSON, and the codebook.
pub async fn export_survey(
    content: &Path,
    database: &str,
    id: &str,
    format: &str,
    output: Option<PathBuf>,
) -> ExitCode {
    let fail = |msg: String| {
        eprintln!("error: {msg}");
        ExitCode::FAILURE
    };
    let (programme, store) = match survey_store(content, database, id).await {
        Ok(found) => found,
        Err(e) => return fail(e),
    };
    let Some(survey) = programme.surveys.iter().find(|s| s.id == id) else {
        return fail(format!("no survey `{id}`"));
    };
    let responses = match store.survey_responses(id).await {
        Ok(r) => r,
        Err(e) => return fail(e.to_string()),
    };
    let path = output.unwrap_or_else(|| PathBuf::from(format!("{id}.{format}")));
    let body = if format == "json" {
        serde_json::to_string_pretty(&crate::survey::export::to_json(survey, &responses))
            .map_err(|e| e.to_string())
    } else {
        crate::survey::export::to_csv(survey, &responses).map_err(|e| e.to_string())
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
        .audit("cli", "survey exported", &format!("{id} ({format})"))
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
) -> Result<(crate::content::model::Programme, Store), String> {
    let programme = load_content(content).map_err(|e| e.to_string())?;
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
pub async fn report_survey(content: &Path, database: &str, req: ReportRequest) -> ExitCode {
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
    let (programme, store) = match survey_store(content, database, &req.id).await {
        Ok(found) => found,
        Err(e) => return fail(e),
    };
    let Some(survey) = programme.surveys.iter().find(|s| s.id == req.id) else {
        return fail(format!("no survey `{}`", req.id));
    };
    let (responses, counters) = match (
        store.survey_responses(&req.id).await,
        store.survey_counters().await,
    ) {
        (Ok(r), Ok(c)) => (r, c),
        (Err(e), _) | (_, Err(e)) => return fail(e.to_string()),
    };
    if let Err(e) = store.audit("cli", "survey report made", &req.id).await {
        return fail(e.to_string());
    }
    store.close().await;
    let filter = crate::render::report::Filter {
        from: req.from.as_deref(),
        to: req.to.as_deref(),
        version: None,
    };
    let (page, count) =
        crate::render::report::for_range(survey, &responses, counters, filter, req.threshold);
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

/// `pathway staff add|list|disable|enable|reset`.
pub async fn staff_command(
    database: &str,
    base_url: &str,
    action: &str,
    name: &str,
    role: &str,
) -> ExitCode {
    let fail = |msg: String| {
        eprintln!("error: {msg}");
        ExitCode::FAILURE
    };
    let store = match Store::connect(database, false).await {
        Ok(s) => s,
        Err(e) => return fail(e.to_string()),
    };
    if let Err(e) = store.migrate().await {
        return fail(e.to_string());
    }
    let result = staff_action(&store, base_url, action, name, role).await;
    store.close().await;
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

async fn staff_action(
    store: &Store,
    base_url: &str,
    action: &str,
    name: &str,
    role: &str,
) -> Result<(), String> {
    if action == "list" {
        for a in store.accounts().await.map_err(|e| e.to_string())? {
            let state = match (a.disabled, a.totp_secret.is_some()) {
                (true, _) => "disabled",
                (false, true) => "active",
                (false, false) => "not enrolled yet",
            };
            say(&format!("{}\t{}\t{state}", a.name, a.role));
        }
        return Ok(());
    }
    if action == "add" {
        let clean = !name.is_empty()
            && name.len() <= 64
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
        if !clean {
            return Err("a name is 1 to 64 letters, digits, dots, dashes or underscores".into());
        }
        if store
            .account_by_name(name)
            .await
            .map_err(|e| e.to_string())?
            .is_some()
        {
            return Err(format!("there is already an account `{name}`"));
        }
        let id = store
            .create_account(name, role)
            .await
            .map_err(|e| e.to_string())?;
        store
            .audit("cli", "account added", &format!("{name} ({role})"))
            .await
            .map_err(|e| e.to_string())?;
        return enrolment_link(store, base_url, id).await;
    }
    let account = store
        .account_by_name(name)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no account `{name}`; `pathway staff list` shows them"))?;
    match action {
        "disable" | "enable" => {
            store
                .set_disabled(account.id, action == "disable")
                .await
                .map_err(|e| e.to_string())?;
            store
                .audit("cli", &format!("account {action}d"), name)
                .await
                .map_err(|e| e.to_string())?;
            say(&format!("{name}: {action}d"));
            Ok(())
        }
        _ => {
            store
                .reset_account(account.id)
                .await
                .map_err(|e| e.to_string())?;
            store
                .audit("cli", "account reset", name)
                .await
                .map_err(|e| e.to_string())?;
            enrolment_link(store, base_url, account.id).await
        }
    }
}

/// Makes and prints a one-time enrolment link (only its hash is stored).
async fn enrolment_link(store: &Store, base_url: &str, account_id: i64) -> Result<(), String> {
    use crate::staff;
    let token = staff::random_hex(32).ok_or("no randomness available")?;
    let ttl = i64::try_from(staff::ENROLMENT_TTL.as_secs()).unwrap_or(86_400);
    store
        .create_enrolment(&staff::digest(&token), account_id, staff::now() + ttl)
        .await
        .map_err(|e| e.to_string())?;
    say(&format!(
        "Enrolment link (works once, for 24 hours): {}/staff/enrol/{token}",
        base_url.trim_end_matches('/')
    ));
    Ok(())
}
