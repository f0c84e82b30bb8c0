//! Group commit for new conversations, as for survey answers: one writer
//! task takes every first message waiting at that moment, stores them in
//! one transaction (one flush to disk for all) with a fixed number of
//! statements whatever the group's size, and answers each writer only
//! after that commit, so a code is never shown for a conversation that is
//! not on disk.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use jiff::civil::Date;
use pathway_core::message::State;
use tokio::sync::{mpsc, oneshot};

use super::batch::{Shared, ask, connection, gather, next};
use super::{DbError, Held, Store};
use crate::clock::Clock;

/// A conversation to start: its code's keyed hash, its first message and
/// nickname (both sealed already), and the cap on open conversations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewConversation {
    pub code_hash: String,
    pub nickname: Option<String>,
    pub under_18: bool,
    pub body: String,
    pub max_open: i64,
    /// The language of the pages it was started from (a tag such as `cy`);
    /// `None` for the default language.
    pub locale: Option<String>,
}

struct Job {
    new: NewConversation,
    done: oneshot::Sender<Result<Option<i64>, Arc<DbError>>>,
}

/// The queue in front of the writer task (started with the first
/// conversation, ended when the last `Starter` is dropped).
#[derive(Clone)]
pub struct Starter {
    store: Store,
    clock: Clock,
    queue: Arc<OnceLock<mpsc::Sender<Job>>>,
}

impl Starter {
    /// Conversations start on the clock's date when they are committed.
    pub fn new(store: Store, clock: Clock) -> Self {
        Self {
            store,
            clock,
            queue: Arc::new(OnceLock::new()),
        }
    }

    /// Starts `new` and returns its id once it is committed; `None` when
    /// the open conversations had reached their cap (nothing stored).
    pub async fn start(&self, new: NewConversation) -> Result<Option<i64>, Arc<DbError>> {
        let clock = self.clock;
        let task = move |store, rx| run(store, rx, clock);
        ask(&self.queue, &self.store, task, |done| Job { new, done }).await
    }

    /// Whether the writer task can take work: not started yet (it starts
    /// with the first conversation) or running.
    pub fn alive(&self) -> bool {
        super::batch::queue_alive(&self.queue)
    }
}

async fn run(store: Store, rx: Shared<Job>, clock: Clock) {
    let mut rx = rx.lock_owned().await;
    let rx = &mut *rx;
    let mut batch = Vec::with_capacity(super::batch::MAX_BATCH);
    let mut held = None;
    while next(rx, &mut batch, &mut held).await {
        gather(rx, &mut batch).await;
        commit(&store, &mut held, std::mem::take(&mut batch), clock.today()).await;
    }
}

/// Commits `jobs` together; if that fails, each on its own, so that one
/// the database refuses does not cost the others theirs.
async fn commit(store: &Store, held: &mut Option<Held>, jobs: Vec<Job>, today: Date) {
    let items: Vec<&NewConversation> = jobs.iter().map(|j| &j.new).collect();
    let result = match connection(store, held).await {
        Ok(conn) => conn.start_conversations(&items, today).await,
        Err(e) => Err(e),
    };
    drop(items);
    if result.is_err() || !store.may_hold() {
        *held = None;
    }
    match result {
        Ok(ids) => {
            for (job, id) in jobs.into_iter().zip(ids) {
                let _ = job.done.send(Ok(id));
            }
        }
        Err(e) if jobs.len() == 1 => {
            if let Some(job) = jobs.into_iter().next() {
                let _ = job.done.send(Err(Arc::new(e)));
            }
        }
        Err(_) => {
            for job in jobs {
                let one = match store.hold().await {
                    Ok(mut conn) => conn
                        .start_conversations(&[&job.new], today)
                        .await
                        .map(|mut ids| ids.pop().flatten()),
                    Err(e) => Err(e),
                };
                let _ = job.done.send(one.map_err(Arc::new));
            }
        }
    }
}

/// The statements of `start_conversations`, the same on both backends.
macro_rules! start_in {
    ($tx:ident, $items:expr, $today:expr) => {{
        let (items, today) = ($items, $today);
        // Places among the open conversations: all at once when they fit
        // (one conditional UPDATE), else one by one (near the cap only).
        let n = i64::try_from(items.len()).unwrap_or(i64::MAX);
        let cap = items.iter().map(|i| i.max_open).min().unwrap_or(0);
        let all = sqlx::query(
            "UPDATE conversation_open SET open = open + $1 WHERE id = 1 AND open + $1 <= $2",
        )
        .bind(n)
        .bind(cap)
        .execute(&mut *$tx)
        .await?
        .rows_affected()
            == 1;
        let mut admitted = Vec::with_capacity(items.len());
        for item in items {
            admitted.push(
                all || sqlx::query(
                    "UPDATE conversation_open SET open = open + 1 WHERE id = 1 AND open < $1",
                )
                .bind(item.max_open)
                .execute(&mut *$tx)
                .await?
                .rows_affected()
                    == 1,
            );
        }
        let kept: Vec<&NewConversation> = items
            .iter()
            .zip(&admitted)
            .filter(|(_, a)| **a)
            .map(|(i, _)| *i)
            .collect();
        let mut ids = HashMap::new();
        if !kept.is_empty() {
            let started = i64::try_from(kept.len()).unwrap_or(i64::MAX);
            sqlx::query(
                "INSERT INTO conversation_months (month, started, answered) VALUES ($1, $2, 0) \
                 ON CONFLICT (month) DO UPDATE SET started = conversation_months.started + $2",
            )
            .bind(&today[..7])
            .bind(started)
            .execute(&mut *$tx)
            .await?;
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO conversations (code_hash, state, message_count, nickname, \
                 started_on, last_message_on, waiting_since, under_18, locale) ",
            );
            q.push_values(&kept, |mut b, i| {
                b.push_bind(i.code_hash.as_str())
                    .push_bind(State::New.name())
                    .push_bind(1_i64)
                    .push_bind(i.nickname.as_deref())
                    .push_bind(today.as_str())
                    .push_bind(today.as_str())
                    .push_bind(today.as_str())
                    .push_bind(i64::from(i.under_18))
                    .push_bind(i.locale.as_deref());
            });
            q.push(" RETURNING id, code_hash");
            let rows: Vec<(i64, String)> = q.build_query_as().fetch_all(&mut *$tx).await?;
            ids = rows.into_iter().map(|(id, hash)| (hash, id)).collect();
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO conversation_messages (conversation_id, seq, by_staff, sent_on, body) ",
            );
            q.push_values(&kept, |mut b, i| {
                b.push_bind(ids.get(&i.code_hash).copied().unwrap_or(0))
                    .push_bind(1_i64)
                    .push_bind(0_i64)
                    .push_bind(today.as_str())
                    .push_bind(i.body.as_str());
            });
            q.build().execute(&mut *$tx).await?;
        }
        items
            .iter()
            .zip(admitted)
            .map(|(i, a)| if a { ids.get(&i.code_hash).copied() } else { None })
            .collect::<Vec<Option<i64>>>()
    }};
}

impl Held {
    /// Starts several conversations in one transaction: for each, its id,
    /// or `None` when the open conversations had reached its cap.
    pub async fn start_conversations(
        &mut self,
        items: &[&NewConversation],
        today: Date,
    ) -> Result<Vec<Option<i64>>, DbError> {
        let today = super::surveys::day(today);
        Ok(match self {
            Held::Sqlite(conn) => {
                // IMMEDIATE: the write lock from the start, so the places
                // counted are not taken by another writer meanwhile.
                let mut tx = sqlx::Connection::begin_with(&mut **conn, "BEGIN IMMEDIATE").await?;
                let ids = start_in!(tx, items, &today);
                tx.commit().await?;
                ids
            }
            Held::Postgres(conn) => {
                let mut tx = sqlx::Connection::begin(&mut **conn).await?;
                let ids = start_in!(tx, items, &today);
                tx.commit().await?;
                ids
            }
        })
    }
}
