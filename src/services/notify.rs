//! Optional e-mail to staff when conversations wait for a reply: "N
//! conversations are waiting", never any text, nickname, code or date of a
//! writer's. Checks run only on multiples of the interval (by the clock,
//! not from start-up), so a notice tells the mail provider no more than
//! "something arrived in the last interval"; at most one notice goes per
//! interval, across every instance sharing the database.

use std::time::Duration;

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::clock::Clock;
use crate::config::NotifyConfig;
use crate::db::notices::LastNotice;
use crate::db::{DbError, Store};

/// A day: while conversations wait and none has come since the last
/// notice, staff are reminded once a day.
const DAILY: i64 = 24 * 3600;

#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    #[error("notify.{field}: {reason}")]
    Setting { field: &'static str, reason: String },
    #[error("could not read notify.smtp_password_file {path}: {source}")]
    Password {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("the notice could not be sent: {0}")]
    Send(String),
}

/// Sends the notices.
pub struct Notifier {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    to: Vec<Mailbox>,
    every: i64,
}

impl std::fmt::Debug for Notifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Notifier")
            .field("every", &self.every)
            .finish()
    }
}

fn setting(field: &'static str, reason: impl ToString) -> NotifyError {
    NotifyError::Setting {
        field,
        reason: reason.to_string(),
    }
}

impl Notifier {
    /// Checks every setting and reads the password file; nothing is sent.
    pub fn new(config: &NotifyConfig) -> Result<Self, NotifyError> {
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(&config.smtp_url)
            .map_err(|e| setting("smtp_url", e))?
            .timeout(Some(Duration::from_secs(30)));
        if let Some(user) = &config.smtp_user {
            let password = match &config.smtp_password_file {
                Some(path) => std::fs::read_to_string(path)
                    .map_err(|source| NotifyError::Password {
                        path: path.display().to_string(),
                        source,
                    })?
                    .trim_end_matches(['\r', '\n'])
                    .to_string(),
                None => return Err(setting("smtp_password_file", "needed with smtp_user")),
            };
            builder = builder.credentials(Credentials::new(user.clone(), password));
        }
        let from = config.from.parse().map_err(|e| setting("from", e))?;
        let to = config
            .to
            .iter()
            .map(|t| t.parse::<Mailbox>().map_err(|e| setting("to", e)))
            .collect::<Result<Vec<_>, _>>()?;
        if to.is_empty() {
            return Err(setting("to", "name at least one address"));
        }
        Ok(Self {
            transport: builder.build(),
            from,
            to,
            every: i64::try_from(config.every.as_secs())
                .unwrap_or(i64::MAX)
                .max(60),
        })
    }

    /// Seconds between notices (at least a minute).
    pub fn every(&self) -> i64 {
        self.every
    }

    /// One check at `now` (Unix seconds): sends a notice when one is due
    /// and this instance claims it. The number it gave, if it sent one.
    pub async fn check(&self, store: &Store, now: i64) -> Result<Option<i64>, NotifyError> {
        let waiting = store.inbox_summary().await?.waiting;
        let last = store.last_message_notice().await?;
        if !due(last, waiting, now, self.every) {
            return Ok(None);
        }
        let next = LastNotice {
            sent_at: now,
            waiting,
        };
        if !store.claim_message_notice(last, next).await? {
            return Ok(None);
        }
        if let Err(e) = self.send(waiting).await {
            // Give the claim back so that the next check tries again.
            store.claim_message_notice(next, last).await?;
            return Err(e);
        }
        Ok(Some(waiting))
    }

    async fn send(&self, waiting: i64) -> Result<(), NotifyError> {
        let mut message = Message::builder()
            .from(self.from.clone())
            .subject(format!("Conversations waiting for a reply: {waiting}"))
            .header(ContentType::TEXT_PLAIN);
        for to in &self.to {
            message = message.to(to.clone());
        }
        let message = message
            .body(body(waiting))
            .map_err(|e| NotifyError::Send(e.to_string()))?;
        self.transport
            .send(message)
            .await
            .map_err(|e| NotifyError::Send(e.to_string()))?;
        Ok(())
    }
}

/// The notice's text: a count and where to answer, nothing else.
fn body(waiting: i64) -> String {
    let what = if waiting == 1 {
        "1 conversation is".to_string()
    } else {
        format!("{waiting} conversations are")
    };
    format!(
        "{what} waiting for a reply.\r\n\r\n\
         Sign in to the staff area and open Messages to answer.\r\n\r\n\
         This e-mail never holds what anyone wrote or any code.\r\n"
    )
}

/// Whether a notice is due: something waits, the last notice is at least
/// `every` old, and either more wait than it said or it is a day old.
pub fn due(last: LastNotice, waiting: i64, now: i64, every: i64) -> bool {
    let age = now.saturating_sub(last.sent_at);
    waiting > 0 && age >= every && (waiting > last.waiting || age >= DAILY)
}

/// Seconds from `now` to the next multiple of `every` since the epoch.
pub fn until_next(now: i64, every: i64) -> u64 {
    let every = every.max(1);
    u64::try_from(every - now.rem_euclid(every)).unwrap_or(60)
}

/// Checks on each multiple of the interval, for as long as the server runs.
pub async fn run(store: Store, clock: Clock, notifier: Notifier) {
    loop {
        let wait = until_next(clock.unix(), notifier.every());
        tokio::time::sleep(Duration::from_secs(wait)).await;
        match notifier.check(&store, clock.unix()).await {
            Ok(Some(n)) => tracing::info!(waiting = n, "sent the staff notice"),
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "staff notice"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn last(sent_at: i64, waiting: i64) -> LastNotice {
        LastNotice { sent_at, waiting }
    }

    #[test]
    fn nothing_waiting_sends_nothing() {
        assert!(!due(last(0, 0), 0, 1_000_000, 3600));
    }

    #[test]
    fn one_notice_per_interval_and_only_for_more() {
        assert!(due(last(0, 0), 1, 1_000_000, 3600));
        assert!(!due(last(1_000_000, 1), 3, 1_000_000 + 3599, 3600));
        assert!(due(last(1_000_000, 1), 3, 1_000_000 + 3600, 3600));
        assert!(!due(last(1_000_000, 3), 3, 1_000_000 + 7200, 3600));
        assert!(!due(last(1_000_000, 3), 2, 1_000_000 + 7200, 3600));
    }

    #[test]
    fn a_daily_reminder_while_any_wait() {
        assert!(due(last(1_000_000, 3), 3, 1_000_000 + DAILY, 3600));
    }

    #[test]
    fn checks_fall_on_multiples_of_the_interval() {
        assert_eq!(until_next(7200, 3600), 3600);
        assert_eq!(until_next(7201, 3600), 3599);
        assert_eq!(until_next(10_799, 3600), 1);
    }

    #[test]
    fn the_text_holds_a_count_only() {
        assert!(body(1).starts_with("1 conversation is waiting"));
        assert!(body(4).starts_with("4 conversations are waiting"));
    }
}
