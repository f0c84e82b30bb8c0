//! Group commit for survey submissions. One writer task takes every
//! response waiting at that moment, stores them in one transaction (one
//! flush to disk for all of them) and answers each submitter only after
//! that commit, so a thank-you page is never sent for an answer that is
//! not on disk.
//!
//! Reads of drafts by token are grouped the same way: one query for every
//! lookup waiting at that moment. Each query hands work to the database
//! driver's own thread and back; under load, one hand-over per group
//! instead of one per request is most of a survey page's cost saved.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use tokio::sync::{Mutex, mpsc, oneshot};

use super::surveys::{Draft, NewResponse};
use super::writer_stats::WriterStats;
use super::{DbError, Held, Store};
use crate::clock::Clock;

/// Most responses in one transaction.
pub const MAX_BATCH: usize = 256;
/// How long the writer and the reader keep a connection with no work.
const IDLE: std::time::Duration = std::time::Duration::from_secs(1);
/// Submissions waiting for the writer before new ones wait for room.
const QUEUE: usize = 4 * MAX_BATCH;

/// What became of one submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Submitted {
    /// Stored and durable, with its response id.
    Stored(i64),
    /// Its draft was already gone (sent twice, or expired): nothing stored.
    DraftGone,
}

struct Job {
    draft: Option<String>,
    response: NewResponse,
    done: oneshot::Sender<Result<Submitted, Arc<DbError>>>,
}

/// The queue in front of the writer task. The task starts with the first
/// submission (inside the server's runtime) and ends when the last
/// `Submitter` is dropped.
#[derive(Clone)]
pub struct Submitter {
    store: Store,
    clock: Clock,
    queue: Arc<OnceLock<mpsc::Sender<Job>>>,
    stats: WriterStats,
}

impl Submitter {
    /// Responses are filed under the clock's date when they are committed.
    pub fn new(store: Store, clock: Clock) -> Self {
        Self {
            store,
            clock,
            queue: Arc::new(OnceLock::new()),
            stats: WriterStats::default(),
        }
    }

    /// The writer's group sizes, commit times and waits for a connection.
    pub fn stats(&self) -> &WriterStats {
        &self.stats
    }

    /// Stores `response` (deleting the draft whose token hash is `draft`)
    /// and returns once it is committed, together with whatever else was
    /// waiting.
    pub async fn submit(
        &self,
        draft: Option<String>,
        response: NewResponse,
    ) -> Result<Submitted, Arc<DbError>> {
        let clock = self.clock;
        let stats = self.stats.clone();
        let task = move |store, rx| run(store, rx, clock, stats.clone());
        ask(&self.queue, &self.store, task, |done| Job {
            draft,
            response,
            done,
        })
        .await
    }
}

impl Submitter {
    /// Whether the writer task can take work: not started yet (it starts
    /// with the first submission) or running.
    pub fn alive(&self) -> bool {
        queue_alive(&self.queue)
    }
}

/// A writer's queue is alive unless its task has ended (the supervisor
/// starts a new task after a panic, so only a stopped runtime ends it).
pub(super) fn queue_alive<T>(queue: &OnceLock<mpsc::Sender<T>>) -> bool {
    queue.get().is_none_or(|tx| !tx.is_closed())
}

/// A task's queue, shared with the task that replaces it after a panic.
pub(super) type Shared<T> = Arc<Mutex<mpsc::Receiver<T>>>;

/// Sends what `make` builds around a reply channel to the task behind
/// `queue` (started with `task` on first use, under a supervisor that
/// starts it again if it panics) and waits for the reply.
pub(super) async fn ask<T, R, F, Fut>(
    queue: &OnceLock<mpsc::Sender<T>>,
    store: &Store,
    task: F,
    make: impl FnOnce(oneshot::Sender<Result<R, Arc<DbError>>>) -> T,
) -> Result<R, Arc<DbError>>
where
    T: Send + 'static,
    F: Fn(Store, Shared<T>) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let queue = queue.get_or_init(|| {
        let (tx, rx) = mpsc::channel(QUEUE);
        tokio::spawn(supervise(store.clone(), rx, task));
        tx
    });
    let (done, answer) = oneshot::channel();
    if queue.send(make(done)).await.is_err() {
        return Err(Arc::new(DbError::Closed));
    }
    answer.await.unwrap_or(Err(Arc::new(DbError::Closed)))
}

/// Runs `task` over the queue `rx` until every sender is gone. If the task
/// panics, the requests of the group it held get an error (their reply
/// channels are dropped), the panic is logged, and a new task takes the
/// same queue: the site keeps taking surveys instead of answering 503
/// until a restart.
async fn supervise<T, F, Fut>(store: Store, rx: mpsc::Receiver<T>, task: F)
where
    T: Send + 'static,
    F: Fn(Store, Shared<T>) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let rx = Arc::new(Mutex::new(rx));
    loop {
        match tokio::spawn(task(store.clone(), rx.clone())).await {
            Err(e) if e.is_panic() => {
                tracing::error!("a batch task panicked; a new one takes its queue");
            }
            // Every sender is gone, or the runtime is shutting down.
            _ => return,
        }
    }
}

/// Lets the requests already being handled join `batch` too: one more
/// round of the scheduler makes a group larger without making anyone wait
/// for a timer.
pub(super) async fn gather<T>(rx: &mut mpsc::Receiver<T>, batch: &mut Vec<T>) {
    tokio::task::yield_now().await;
    while batch.len() < MAX_BATCH {
        match rx.try_recv() {
            Ok(item) => batch.push(item),
            Err(_) => break,
        }
    }
}

/// Waits for the next group of work into `batch`; false when every sender
/// is gone. A task keeps its connection while work keeps coming and gives
/// it back to the pool after `IDLE` without any.
pub(super) async fn next<T>(
    rx: &mut mpsc::Receiver<T>,
    batch: &mut Vec<T>,
    held: &mut Option<Held>,
) -> bool {
    if held.is_some() {
        match tokio::time::timeout(IDLE, rx.recv_many(batch, MAX_BATCH)).await {
            Ok(n) => return n > 0,
            Err(_) => *held = None,
        }
    }
    rx.recv_many(batch, MAX_BATCH).await > 0
}

/// The task's connection, taken from the pool when it has none. (Tasks
/// give it back after each group when the pool is too small to spare it.)
pub(super) async fn connection<'a>(
    store: &Store,
    held: &'a mut Option<Held>,
) -> Result<&'a mut Held, DbError> {
    if held.is_none() {
        *held = Some(store.hold().await?);
    }
    held.as_mut().ok_or(DbError::Closed)
}

async fn run(store: Store, rx: Shared<Job>, clock: Clock, stats: WriterStats) {
    let mut rx = rx.lock_owned().await;
    let rx = &mut *rx;
    let mut batch = Vec::with_capacity(MAX_BATCH);
    let mut held = None;
    while next(rx, &mut batch, &mut held).await {
        gather(rx, &mut batch).await;
        let today = clock.today();
        let group = Group {
            store: &store,
            stats: &stats,
            today,
        };
        group.commit(&mut held, std::mem::take(&mut batch)).await;
    }
}

/// One group's commit: where, with what figures, under which date.
struct Group<'a> {
    store: &'a Store,
    stats: &'a WriterStats,
    today: jiff::civil::Date,
}

impl Group<'_> {
    /// Commits `jobs` in one transaction, counting its size and time.
    async fn commit(&self, held: &mut Option<Held>, jobs: Vec<Job>) {
        let items: Vec<(Option<&str>, &NewResponse)> = jobs
            .iter()
            .map(|j| (j.draft.as_deref(), &j.response))
            .collect();
        let had_one = held.is_some();
        let waiting = std::time::Instant::now();
        let conn = connection(self.store, held).await;
        if !had_one {
            self.stats.waited(waiting.elapsed());
        }
        let started = std::time::Instant::now();
        let result = match conn {
            Ok(conn) => conn.submit_batch(&items, self.today).await,
            Err(e) => Err(e),
        };
        self.stats
            .committed(items.len(), started.elapsed(), result.is_ok());
        drop(items);
        answer(self, held, jobs, result).await;
    }
}

/// Answers each job after its group's commit; if that failed, commits each
/// on its own, so that one response the database refuses does not cost the
/// others theirs.
async fn answer(
    group: &Group<'_>,
    held: &mut Option<Held>,
    jobs: Vec<Job>,
    result: Result<Vec<Option<i64>>, DbError>,
) {
    let (store, today) = (group.store, group.today);
    if result.is_err() || !store.may_hold() {
        // It may be the connection that failed: the next batch takes another.
        *held = None;
    }
    match result {
        Ok(ids) => {
            for (job, id) in jobs.into_iter().zip(ids) {
                let _ = job
                    .done
                    .send(Ok(id.map_or(Submitted::DraftGone, Submitted::Stored)));
            }
        }
        Err(e) if jobs.len() == 1 => {
            if let Some(job) = jobs.into_iter().next() {
                let _ = job.done.send(Err(Arc::new(e)));
            }
        }
        Err(_) => {
            for job in jobs {
                let one = store
                    .submit_batch(&[(job.draft.as_deref(), &job.response)], today)
                    .await
                    .map(|mut ids| {
                        ids.pop()
                            .flatten()
                            .map_or(Submitted::DraftGone, Submitted::Stored)
                    })
                    .map_err(Arc::new);
                let _ = job.done.send(one);
            }
        }
    }
}

type Found = Result<Option<Draft>, Arc<DbError>>;

struct Lookup {
    token_hash: String,
    done: oneshot::Sender<Found>,
}

/// The queue in front of the draft reader task, which looks up every draft
/// asked for at that moment in one query. Like `Submitter`, the task
/// starts with the first lookup and ends with the last `DraftReader`.
#[derive(Clone)]
pub struct DraftReader {
    store: Store,
    clock: Clock,
    queue: Arc<OnceLock<mpsc::Sender<Lookup>>>,
}

impl DraftReader {
    /// Drafts that expired before the clock's date are not found.
    pub fn new(store: Store, clock: Clock) -> Self {
        Self {
            store,
            clock,
            queue: Arc::new(OnceLock::new()),
        }
    }

    /// The draft whose token hash is `token_hash`, unless it is gone or
    /// has expired.
    pub async fn by_token(&self, token_hash: String) -> Found {
        let clock = self.clock;
        let task = move |store, rx| read(store, rx, clock);
        ask(&self.queue, &self.store, task, |done| Lookup {
            token_hash,
            done,
        })
        .await
    }
}

async fn read(store: Store, rx: Shared<Lookup>, clock: Clock) {
    let mut rx = rx.lock_owned().await;
    let rx = &mut *rx;
    let mut batch = Vec::with_capacity(MAX_BATCH);
    let mut held = None;
    while next(rx, &mut batch, &mut held).await {
        gather(rx, &mut batch).await;
        let lookups = std::mem::take(&mut batch);
        let hashes: Vec<&str> = lookups.iter().map(|l| l.token_hash.as_str()).collect();
        let result = match connection(&store, &mut held).await {
            Ok(conn) => conn.drafts_by_tokens(&hashes, clock.today()).await,
            Err(e) => Err(e),
        };
        if result.is_err() || !store.may_hold() {
            held = None;
        }
        match result {
            Ok(drafts) => {
                let found: HashMap<&str, &Draft> =
                    drafts.iter().map(|d| (d.token_hash.as_str(), d)).collect();
                for l in lookups {
                    // The same token twice in one group: each gets the draft.
                    let draft = found.get(l.token_hash.as_str()).map(|d| (*d).clone());
                    let _ = l.done.send(Ok(draft));
                }
            }
            Err(e) => {
                let e = Arc::new(e);
                for l in lookups {
                    let _ = l.done.send(Err(Arc::clone(&e)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Echo = (u8, oneshot::Sender<Result<u8, Arc<DbError>>>);

    /// Answers each number with itself, and panics on 0.
    async fn echo(_: Store, rx: Shared<Echo>) {
        let mut rx = rx.lock_owned().await;
        while let Some((n, done)) = rx.recv().await {
            assert_ne!(n, 0, "a bug in the task");
            let _ = done.send(Ok(n));
        }
    }

    #[tokio::test]
    async fn a_task_that_panics_is_started_again_on_the_same_queue() {
        let store = match Store::connect("sqlite::memory:", true).await {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        let queue = OnceLock::new();
        let send = |n: u8| ask(&queue, &store, echo, move |done| (n, done));
        assert_eq!(send(1).await.ok(), Some(1));
        let failed = send(0).await;
        assert!(
            matches!(&failed, Err(e) if matches!(**e, DbError::Closed)),
            "the request the task held gets an error: {failed:?}"
        );
        assert_eq!(send(2).await.ok(), Some(2), "a new task answers");
        assert_eq!(send(3).await.ok(), Some(3));
    }
}
