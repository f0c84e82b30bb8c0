//! Content reload, shared by SIGHUP and the staff area's "Reload content":
//! the content folder is loaded and checked again; on any error the current
//! version keeps being served and every problem is returned; on success the
//! new pages are swapped in at once and the module PDFs are rendered again
//! in the background. One reload runs at a time.
//!
//! A successful reload asked for on one instance (SIGHUP or the staff
//! area) adds a content generation in the database; every instance polls
//! it and reloads from its own content folder when it grows, so a reload
//! reaches them all. Each reload is written in the audit log with the
//! content version.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use super::Services;
use super::content::{ContentOptions, ContentVersion};
use crate::content::{Programme, load};

/// Where the content comes from and how its pages are rendered.
pub struct Reloader {
    dir: PathBuf,
    options: ContentOptions,
    /// Held through each reload; it guards the newest generation followed.
    one_at_a_time: tokio::sync::Mutex<i64>,
    /// Reloads that swapped in a new version, and reloads refused.
    loaded: AtomicU64,
    refused: AtomicU64,
}

/// Who asked for a reload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asked {
    /// Someone here: a staff member by name, or `signal` for SIGHUP.
    Here(String),
    /// Another instance, through this content generation.
    Elsewhere(i64),
}

/// What a reload did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The new version is being served.
    Loaded {
        version: String,
        modules: usize,
        drafts: usize,
        /// Warnings (such as overdue reviews), one per line.
        warnings: Vec<String>,
    },
    /// Nothing changed: every problem found, one per entry, in file order.
    Refused { problems: Vec<String> },
    /// That generation was already followed.
    Current,
}

impl Reloader {
    pub fn new(dir: PathBuf, options: ContentOptions) -> Self {
        Self {
            dir,
            options,
            one_at_a_time: tokio::sync::Mutex::new(0),
            loaded: AtomicU64::new(0),
            refused: AtomicU64::new(0),
        }
    }

    /// (reloads that swapped in a new version, reloads refused) so far.
    pub fn counts(&self) -> (u64, u64) {
        (
            self.loaded.load(Ordering::Relaxed),
            self.refused.load(Ordering::Relaxed),
        )
    }

    /// Starts following reloads from generation `g` (the newest at start).
    pub async fn follow_from(&self, g: i64) {
        *self.one_at_a_time.lock().await = g;
    }

    /// Reloads when another instance has asked for it since the last
    /// generation followed. `None` when there was nothing to do.
    pub async fn follow(&self, state: &Services) -> Option<Outcome> {
        let newest = match state.store.content_generation().await {
            Ok(g) => g,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the content generation");
                return None;
            }
        };
        if newest <= *self.one_at_a_time.lock().await {
            return None;
        }
        Some(self.reload(state, Asked::Elsewhere(newest)).await)
    }

    /// Loads, checks and (when all is well) swaps in the content.
    pub async fn reload(&self, state: &Services, asked: Asked) -> Outcome {
        let outcome = self.load_and_swap(state, asked).await;
        match outcome {
            Outcome::Loaded { .. } => self.loaded.fetch_add(1, Ordering::Relaxed),
            Outcome::Refused { .. } => self.refused.fetch_add(1, Ordering::Relaxed),
            Outcome::Current => 0,
        };
        outcome
    }

    async fn load_and_swap(&self, state: &Services, asked: Asked) -> Outcome {
        let mut seen = self.one_at_a_time.lock().await;
        if let Asked::Elsewhere(g) = asked {
            if g <= *seen {
                return Outcome::Current;
            }
            // Followed even if it fails here: the next request moves on.
            *seen = g;
        }
        let dir = self.dir.clone();
        let now = state.clock.now();
        let options = self.options.at(now);
        let built = tokio::task::spawn_blocking(move || build(&dir, &options, now)).await;
        let (version, warnings) = match built {
            Ok(Ok(built)) => built,
            Ok(Err(problems)) => return Outcome::Refused { problems },
            Err(e) => {
                return Outcome::Refused {
                    problems: vec![format!("the reload stopped unexpectedly: {e}")],
                };
            }
        };
        let programme = version.programme().clone();
        if let Err(problems) = check_surveys(state, &programme).await {
            return Outcome::Refused { problems };
        }
        version.start_pdfs();
        state.content.replace(version);
        if let Err(e) = state
            .store
            .record_content_version(
                &programme.hash,
                programme.modules.len() as i64,
                state.clock.today(),
            )
            .await
        {
            tracing::error!(error = %e, "content reloaded, but its version was not recorded");
        }
        let version = &programme.hash[..12];
        tracing::info!(version, "content reloaded");
        let (who, detail) = match &asked {
            Asked::Here(who) => {
                match state
                    .store
                    .bump_content_generation(&programme.hash, state.clock.unix())
                    .await
                {
                    Ok(g) => *seen = g,
                    Err(e) => {
                        tracing::error!(error = %e, "reloaded here, but other instances were not told")
                    }
                }
                (who.as_str(), format!("version {version}"))
            }
            Asked::Elsewhere(g) => (
                "system",
                format!("version {version} (generation {g}, asked for on another instance)"),
            ),
        };
        if let Err(e) = state
            .store
            .audit(state.clock.now(), who, "content reloaded", &detail)
            .await
        {
            tracing::error!(error = %e, "content reloaded, but the audit log was not written");
        }
        Outcome::Loaded {
            version: programme.hash[..12].to_string(),
            modules: programme.modules.len(),
            drafts: programme.drafts.len(),
            warnings,
        }
    }
}

type Built = (ContentVersion, Vec<String>);

/// Loads and renders the content folder; every problem on failure.
fn build(
    dir: &std::path::Path,
    options: &ContentOptions,
    now: jiff::Timestamp,
) -> Result<Built, Vec<String>> {
    let today = now.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    let loaded = load(dir, today);
    let all: Vec<String> = loaded
        .diagnostics
        .clone()
        .sorted()
        .iter()
        .map(ToString::to_string)
        .collect();
    let Some(programme) = loaded.programme else {
        for line in &all {
            tracing::error!(problem = %line, "content reload refused");
        }
        return Err(all);
    };
    ContentVersion::build(programme, options)
        .map(|version| (version, all))
        .map_err(|e| vec![e.to_string()])
}

/// A survey whose questions changed under a published version is refused,
/// as at start-up.
async fn check_surveys(state: &Services, programme: &Programme) -> Result<(), Vec<String>> {
    use crate::db::surveys::VersionCheck;
    let mut problems = Vec::new();
    for s in &programme.surveys {
        match state
            .store
            .check_survey_version(&s.id, i64::from(s.version), &s.hash, state.clock.today())
            .await
        {
            Ok(VersionCheck::Changed { .. }) => problems.push(format!(
                "{}: survey `{}` changed, but its version is still {}\n    fix: give it a new version number so that answers to the old questions stay apart",
                s.file.display(),
                s.id,
                s.version
            )),
            Ok(_) => {}
            Err(e) => problems.push(format!("the database could not be asked about survey `{}`: {e}", s.id)),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}
