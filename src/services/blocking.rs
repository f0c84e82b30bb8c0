//! One pool for slow, CPU-bound work (typst renders and argon2 hashes):
//! at most `workers` jobs run at once and at most `waiting` more wait for a
//! free worker; beyond that the caller is told the server is busy.
//!
//! The permits move into the blocking closure once the job starts, so they
//! are held for exactly as long as the work runs. A caller that goes away
//! (the browser closed, the request timed out) while its job runs does not
//! free a slot for another job: the cap is real. A caller that goes away
//! while still waiting leaves the queue and frees its place.

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Why a job did not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BlockingError {
    /// Every worker is busy and the queue is full: try again in a minute.
    #[error("the server is busy: every worker is in use and the queue is full")]
    Busy,
    /// The job panicked, or the runtime is shutting down.
    #[error("the blocking task stopped before it finished")]
    Stopped,
}

/// The pool. Cheap to share behind an `Arc`.
#[derive(Debug)]
pub struct BlockingPool {
    /// Running plus waiting.
    admit: Arc<Semaphore>,
    /// Running at once.
    workers: Arc<Semaphore>,
    worker_count: u32,
    /// Places in the queue (running plus waiting).
    places: usize,
    /// Jobs turned away because the queue was full.
    refused: std::sync::atomic::AtomicU64,
}

impl BlockingPool {
    pub fn new(workers: usize, waiting: usize) -> Self {
        let workers = workers.clamp(1, 1024);
        Self {
            admit: Arc::new(Semaphore::new(workers + waiting)),
            workers: Arc::new(Semaphore::new(workers)),
            worker_count: u32::try_from(workers).unwrap_or(1),
            places: workers + waiting,
            refused: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// One worker per core, and `waiting` more in line.
    pub fn per_core(waiting: usize) -> Self {
        Self::new(
            std::thread::available_parallelism().map_or(1, |n| n.get()),
            waiting,
        )
    }

    /// Runs `job` on a blocking thread when a worker is free.
    pub async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, BlockingError> {
        let admitted = self.admit.clone().try_acquire_owned().map_err(|_| {
            self.refused
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            BlockingError::Busy
        })?;
        let worker = self
            .workers
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| BlockingError::Stopped)?;
        tokio::task::spawn_blocking(move || {
            // Released when the work ends, whether or not anyone waits for it.
            let _permits = (admitted, worker);
            job()
        })
        .await
        .map_err(|_| BlockingError::Stopped)
    }

    /// Jobs running now.
    pub fn running(&self) -> usize {
        self.worker_count as usize - self.workers.available_permits()
    }

    /// Jobs admitted and waiting for a worker.
    pub fn waiting(&self) -> usize {
        let admitted = self.places - self.admit.available_permits();
        admitted.saturating_sub(self.running())
    }

    /// Jobs turned away since the start because the queue was full.
    pub fn refused(&self) -> u64 {
        self.refused.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Waits until no job runs (for shutdown and tests).
    pub async fn until_idle(&self) {
        if let Ok(all) = self.workers.acquire_many(self.worker_count).await {
            drop(all);
        }
    }

    /// Takes a place in the queue without running anything (for tests of a
    /// full queue).
    pub fn try_hold(&self) -> Option<OwnedSemaphorePermit> {
        self.admit.clone().try_acquire_owned().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A job that says when it starts and runs until told to stop.
    fn held_job(
        pool: &Arc<BlockingPool>,
    ) -> (
        tokio::task::JoinHandle<Result<u8, BlockingError>>,
        tokio::sync::oneshot::Receiver<()>,
        std::sync::mpsc::Sender<()>,
    ) {
        let (started, is_started) = tokio::sync::oneshot::channel();
        let (release, released) = std::sync::mpsc::channel::<()>();
        let p = pool.clone();
        let task = tokio::spawn(async move {
            p.run(move || {
                let _ = started.send(());
                let _ = released.recv();
                1
            })
            .await
        });
        (task, is_started, release)
    }

    #[tokio::test]
    async fn a_dropped_request_does_not_free_its_slot_while_the_work_runs() {
        let pool = Arc::new(BlockingPool::new(1, 0));
        let (task, started, release) = held_job(&pool);
        started.await.unwrap_or_default();
        // The person goes away: the request's future is dropped.
        task.abort();
        assert!(task.await.is_err_and(|e| e.is_cancelled()));
        assert_eq!(pool.running(), 1, "the render still runs");
        assert_eq!(
            pool.run(|| 2).await,
            Err(BlockingError::Busy),
            "no second job starts beside it"
        );
        release.send(()).unwrap_or_default();
        pool.until_idle().await;
        assert_eq!(pool.run(|| 3).await, Ok(3));
    }

    #[tokio::test]
    async fn waiting_jobs_queue_up_to_the_limit_and_then_are_refused() {
        let pool = Arc::new(BlockingPool::new(1, 1));
        let (first, started, release) = held_job(&pool);
        started.await.unwrap_or_default();
        let p = pool.clone();
        let second = tokio::spawn(async move { p.run(|| 2).await });
        // The queue holds one waiting job: wait until the second is in it.
        while pool.admit.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        assert_eq!((pool.running(), pool.waiting(), pool.refused()), (1, 1, 0));
        assert_eq!(pool.run(|| 3).await, Err(BlockingError::Busy));
        assert_eq!(pool.refused(), 1, "the refusal is counted");
        release.send(()).unwrap_or_default();
        assert_eq!(first.await.ok(), Some(Ok(1)));
        assert_eq!(second.await.ok(), Some(Ok(2)));
        assert_eq!((pool.running(), pool.waiting(), pool.refused()), (0, 0, 1));
    }
}
