//! `pathway serve`: the site (and the staff area, on its own listener when
//! configured), with its background tasks: usage flushing, the draft
//! purge, reloads on SIGHUP and from other instances.

use std::sync::Arc;

use super::{load_content, say};
use crate::clock::Clock;
use crate::config::{Config, ServeArgs};
use crate::content::Programme;
use crate::db::Store;
use crate::http::AppState;
use crate::render::RenderOptions;
use crate::services::content::{ContentOptions, ContentVersion};
use crate::services::pdf::{ChildError, Typesetter};
use crate::services::reload::{Asked, Outcome, Reloader};

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
    #[error(transparent)]
    Typesetter(#[from] crate::services::pdf::ChildError),
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error(transparent)]
    Key(#[from] crate::services::keys::KeyError),
    #[error(transparent)]
    Messages(#[from] crate::services::messages::MessageError),
    #[error(transparent)]
    Notify(#[from] crate::services::notify::NotifyError),
    #[error(
        "the database holds staff secrets or messages encrypted with a data key, but the data key file {0} does not exist: restore it (from where it is kept apart from the database), or name it with data_key_file"
    )]
    KeyMissing(std::path::PathBuf),
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

/// Refuses a survey whose questions changed under a published version.
async fn check_surveys(
    store: &Store,
    programme: &Programme,
    clock: Clock,
) -> Result<(), StartError> {
    use crate::db::surveys::VersionCheck;
    for s in &programme.surveys {
        let check = store
            .check_survey_version(&s.id, i64::from(s.version), &s.hash, clock.today())
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

/// `pathway serve`.
pub async fn serve(args: ServeArgs, clock: Clock) -> Result<(), StartError> {
    let config = Config::from_args(&args)?;
    let programme = load_content(&config.content_dir, clock)?;
    let store = Store::connect_with(&config.database, config.create_database, &config.db).await?;
    store.migrate().await?;
    check_surveys(&store, &programme, clock).await?;
    let keys = data_keys(&config, &store).await?;
    // Checked before anything listens, so a bad setting stops the start.
    let notifier = match &config.notify {
        Some(n) => Some(crate::services::notify::Notifier::new(n)?),
        None => None,
    };
    store
        .record_content_version(
            &programme.hash,
            programme.modules.len() as i64,
            clock.today(),
        )
        .await?;
    let summary = format!(
        "{} modules, {} drafts, content version {}",
        programme.modules.len(),
        programme.drafts.len(),
        &programme.hash[..12]
    );
    // PDFs are typeset in child processes, so that typst never becomes
    // part of the server's memory.
    let exe = match &args.typesetter {
        Some(exe) => exe.clone(),
        None => Typesetter::own_binary().map_err(|e| ChildError::Start {
            exe: "pathway".into(),
            reason: e.to_string(),
        })?,
    };
    let engine = Arc::new(Typesetter::child(exe, &config.content_dir)?);
    let options = ContentOptions {
        render: RenderOptions {
            survey_draft_days: config.http.survey_draft_days,
            request_log: config.http.request_log,
            ..RenderOptions::default()
        },
        pdf: Some(engine.clone()),
    };
    let version = ContentVersion::build(programme, &options.at(clock.now()))?;
    version.start_pdfs();
    let page_count = version
        .paths()
        .filter(|p| !p.starts_with("/static/"))
        .count()
        + 1;
    let state = AppState::with_content(version, store.clone(), config.http.clone(), clock)
        .with_keys(keys)
        .with_pdf_engine(engine)
        .with_reloader(Reloader::new(config.content_dir.clone(), options));
    let listeners = Listeners::bind(&config).await?;
    say(&format!(
        "Pathway is listening on http://{}",
        listeners.public_addr(&config)
    ));
    say(&format!(
        "Loaded {} from {} ({page_count} pages); database: {}",
        summary,
        config.content_dir.display(),
        store.backend()
    ));
    spawn_background(&state, &config).await;
    if let Some(n) = notifier {
        tokio::spawn(crate::services::notify::run(store.clone(), clock, n));
    }
    listeners.serve(state.clone()).await?;
    // The last counts, so that a graceful stop loses none.
    if let Err(e) = state.usage.flush(&store, &state.clock).await {
        tracing::warn!(error = %e, "could not write the last usage counts");
    }
    store.close().await;
    say("Pathway stopped.");
    Ok(())
}

/// The data key: read from its file; made there at first start (when the
/// database holds nothing sealed); refused when it is missing but the
/// database needs it. Secrets stored in the clear or under an older key are
/// sealed again under the current one.
async fn data_keys(
    config: &Config,
    store: &Store,
) -> Result<crate::services::keys::DataKeys, StartError> {
    use crate::services::keys::{DataKeys, write_new_key};
    let path = &config.data_key_file;
    if !path.exists() {
        if store.sealed_secrets_exist().await? {
            return Err(StartError::KeyMissing(path.clone()));
        }
        write_new_key(path)?;
        tracing::warn!(
            file = %path.display(),
            "made a new data key: keep a copy apart from the database and its backups"
        );
    }
    let keys = DataKeys::load(path, &config.old_data_key_files)?;
    let mut resealed = 0;
    for (key, enrolment, stored) in store.staff_secrets().await? {
        if keys.needs_reseal(&stored) {
            let sealed = keys.seal(&keys.open(&stored)?)?;
            store
                .replace_staff_secret(&key, enrolment, &stored, &sealed)
                .await?;
            resealed += 1;
        }
    }
    resealed += crate::services::messages::reseal_all(store, &keys).await?;
    if resealed > 0 {
        tracing::info!(
            secrets = resealed,
            key = keys.id(),
            "staff secrets and messages sealed with the current data key"
        );
    }
    Ok(keys)
}

/// The draft purge, usage flushing, and reloads on SIGHUP and from other
/// instances.
async fn spawn_background(state: &AppState, config: &Config) {
    tokio::spawn(purge_drafts(state.store.clone(), state.clock));
    tokio::spawn(purge_conversations(state.clone()));
    tokio::spawn(sweep_limits(state.clone()));
    tokio::spawn(tend_log(state.store.clone()));
    tokio::spawn(crate::services::usage::flush_forever(
        state.usage.clone(),
        state.store.clone(),
        state.clock,
    ));
    if let (Some(every), Some(reloader)) = (config.content_poll, state.reloader.clone()) {
        reloader
            .follow_from(state.store.content_generation().await.unwrap_or(0))
            .await;
        tokio::spawn(follow_reloads(state.clone(), reloader, every));
    }
}

/// The public listener, the staff listener when it has its own address,
/// and the signals that stop them, bound before start-up is announced.
struct Listeners {
    public: tokio::net::TcpListener,
    staff: Option<tokio::net::TcpListener>,
    onion: Option<tokio::net::TcpListener>,
    server: crate::config::ServerOptions,
    #[cfg(unix)]
    hangup: Option<tokio::signal::unix::Signal>,
    shutdown: std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>,
}

impl Listeners {
    async fn bind(config: &Config) -> Result<Self, StartError> {
        let listen = |addr| async move {
            tokio::net::TcpListener::bind(addr)
                .await
                .map_err(|source| StartError::Listen { addr, source })
        };
        let public = listen(config.bind).await?;
        // Listen for SIGHUP before saying we are up, so that an early reload
        // request never meets the default action (which ends the process).
        #[cfg(unix)]
        let hangup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()).ok();
        let staff = match config.staff_bind {
            Some(addr) => Some(listen(addr).await?),
            None => None,
        };
        let onion = match config.onion_bind {
            Some(addr) => Some(listen(addr).await?),
            None => None,
        };
        Ok(Self {
            public,
            staff,
            onion,
            server: config.server,
            #[cfg(unix)]
            hangup,
            shutdown: Box::pin(shutdown_signal()),
        })
    }

    fn public_addr(&self, config: &Config) -> std::net::SocketAddr {
        self.public.local_addr().unwrap_or(config.bind)
    }

    /// Serves until SIGTERM or Ctrl-C, then finishes the requests in
    /// progress on both listeners.
    async fn serve(self, state: AppState) -> Result<(), StartError> {
        #[cfg(unix)]
        if let Some(hangup) = self.hangup {
            tokio::spawn(reload_on_hangup(hangup, state.clone()));
        }
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let shutdown = self.shutdown;
        tokio::spawn(async move {
            shutdown.await;
            let _ = stop.send(true);
        });
        let until_stopped = |mut rx: tokio::sync::watch::Receiver<bool>| async move {
            let _ = rx.wait_for(|v| *v).await;
        };
        let serve = crate::http::server::serve;
        let mut others = Vec::new();
        if let Some(l) = self.staff {
            if let Ok(a) = l.local_addr() {
                say(&format!(
                    "Staff area on http://{a}/staff (not on the public address)"
                ));
            }
            let app = crate::http::staff_router(state.clone());
            let stop = until_stopped(stopped.clone());
            others.push(tokio::spawn(serve(l, app, self.server, stop)));
        }
        if let Some(l) = self.onion {
            if let Ok(a) = l.local_addr() {
                say(&format!(
                    "Onion service listener on http://{a} (no forwarded addresses believed)"
                ));
            }
            let app = crate::http::onion_router(state.clone());
            let stop = until_stopped(stopped.clone());
            others.push(tokio::spawn(serve(l, app, self.server, stop)));
        }
        crate::http::server::serve(
            self.public,
            crate::http::site::Site::public(state),
            self.server,
            until_stopped(stopped),
        )
        .await
        .map_err(StartError::Serve)?;
        for task in others {
            if let Ok(Err(e)) = task.await {
                tracing::warn!(error = %e, "a listener stopped with an error");
            }
        }
        Ok(())
    }
}

/// Reloads content when another instance has reloaded (polls the
/// content generation in the database).
async fn follow_reloads(state: AppState, reloader: Arc<Reloader>, every: std::time::Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Some(Outcome::Refused { problems }) = reloader.follow(&state).await {
            tracing::error!(
                problems = problems.len(),
                "another instance reloaded content, but this instance's content folder has problems; still serving the old content"
            );
        }
    }
}

/// Forgets ended rate-limit windows every minute, so that the limiters'
/// memory follows the traffic of the last hour, not of the day.
async fn sweep_limits(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
    loop {
        tick.tick().await;
        state.limits.sweep();
        state.onion_limits.sweep();
    }
}

/// How often changes in SQLite's WAL file are copied back into the database.
const COPY_LOG_EVERY: std::time::Duration = std::time::Duration::from_millis(500);
/// How long an old copy of a deleted row may wait in SQLite's WAL file.
const SCRUB_LOG_EVERY: std::time::Duration = std::time::Duration::from_secs(300);

/// Tends SQLite's WAL file: copies its changes back into the database
/// every half second (see `Store::copy_log_back`) and cuts it back every
/// five minutes, so that copies of deleted drafts and sessions do not wait
/// in it until they happen to be overwritten (see `Store::scrub_log`).
async fn tend_log(store: Store) {
    let mut tick = tokio::time::interval(COPY_LOG_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let scrub_every = SCRUB_LOG_EVERY.as_millis() / COPY_LOG_EVERY.as_millis();
    let (mut ticks, mut failing): (u128, bool) = (0, false);
    loop {
        tick.tick().await;
        ticks += 1;
        if ticks % scrub_every != 0 {
            // Said once when it starts failing, not twice a second.
            match store.copy_log_back().await {
                Ok(_) => failing = false,
                Err(e) if !failing => {
                    failing = true;
                    tracing::warn!(error = %e, "could not copy the WAL file back into the database");
                }
                Err(_) => {}
            }
            continue;
        }
        match store.scrub_log().await {
            Ok(true) => {}
            Ok(false) => tracing::info!("the WAL file was busy; it is cut back next time"),
            Err(e) => tracing::warn!(error = %e, "could not cut back the WAL file"),
        }
    }
}

/// Deletes expired survey drafts now and then every hour.
async fn purge_drafts(store: Store, clock: Clock) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        let today = clock.today().to_string();
        match store.purge_expired_drafts(&today).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(drafts = n, "expired survey drafts deleted"),
            Err(e) => tracing::warn!(error = %e, "could not delete expired survey drafts"),
        }
    }
}

/// Deletes conversations past the service's retention now and then every
/// hour (the rule is read from the content served at the time, so a
/// shorter `keep_days` applies from the next hour). Runs whether or not
/// messages are switched on: switching them off never keeps old ones.
async fn purge_conversations(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        let rules = state.pages().programme().site.messages.clone();
        let today = state.clock.today();
        match crate::services::messages::purge_expired(&state.store, &rules, today).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(conversations = n, "expired conversations deleted"),
            Err(e) => tracing::warn!(error = %e, "could not delete expired conversations"),
        }
    }
}

/// Reloads content on SIGHUP; broken content keeps the old pages served.
#[cfg(unix)]
async fn reload_on_hangup(mut hangup: tokio::signal::unix::Signal, state: AppState) {
    while hangup.recv().await.is_some() {
        if let Some(reloader) = state.reloader.clone()
            && let Outcome::Refused { problems } =
                reloader.reload(&state, Asked::Here("signal".into())).await
        {
            tracing::error!(
                problems = problems.len(),
                "content reload failed; still serving the old content"
            );
        }
    }
}

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
