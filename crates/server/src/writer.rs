//! The batching writer: every ingest request hands its validated events to
//! one queue; a writer task takes whatever has queued up meanwhile, writes
//! it in one transaction (multi-row inserts, see `store`) and answers each
//! request only after that commit. SQLite has one writer task, PostgreSQL
//! two (one fills a transaction while the other waits for its commit).

use std::sync::Arc;

use lotse_core::event::Event;
use serde::Serialize;
use tokio::sync::{mpsc, oneshot, Mutex};

use crate::store::{NewEvent, Store};

/// Requests waiting for the writer; beyond this, ingest answers 503.
const QUEUE: usize = 1024;
/// Most events written in one transaction.
const MAX_EVENTS_PER_COMMIT: usize = 5000;

/// What a stored batch amounted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Accepted {
    /// Events stored now.
    pub accepted: u64,
    /// Events that were already stored (same site and id), not stored again.
    pub duplicates: u64,
}

/// Why a batch was not stored. Nothing of it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    /// The queue is full: the store is slower than the traffic.
    #[error("write queue is full")]
    Busy,
    /// The store failed (logged by the writer).
    #[error("store failed")]
    Store,
    /// The writer has stopped (the server is shutting down).
    #[error("writer stopped")]
    Stopped,
}

struct Job {
    site: String,
    events: Vec<Event>,
    received_at: i64,
    reply: oneshot::Sender<Result<Accepted, WriteError>>,
}

/// A handle to the writer task; clones share it. The task ends when the
/// last handle is dropped, after writing what is queued.
#[derive(Debug, Clone)]
pub struct Writer {
    jobs: mpsc::Sender<Job>,
}

impl Writer {
    /// Starts the writer task for `store` (needs a Tokio runtime): one for
    /// SQLite (one writer at a time is all it allows), two for PostgreSQL,
    /// so that one transaction fills while the other waits for its commit.
    pub fn spawn(store: Store) -> Writer {
        let (jobs, rx) = mpsc::channel(QUEUE);
        let tasks = match store {
            Store::Sqlite(_) => 1,
            Store::Postgres(_) => 2,
        };
        let rx = Arc::new(Mutex::new(rx));
        for _ in 0..tasks {
            tokio::spawn(write_loop(store.clone(), rx.clone()));
        }
        Writer { jobs }
    }

    /// Stores `events` for `site`; returns once they are committed.
    pub async fn write(
        &self,
        site: String,
        events: Vec<Event>,
        received_at: i64,
    ) -> Result<Accepted, WriteError> {
        let (reply, answer) = oneshot::channel();
        let job = Job {
            site,
            events,
            received_at,
            reply,
        };
        self.jobs.try_send(job).map_err(|e| match e {
            mpsc::error::TrySendError::Full(_) => WriteError::Busy,
            mpsc::error::TrySendError::Closed(_) => WriteError::Stopped,
        })?;
        answer.await.map_err(|_| WriteError::Stopped)?
    }
}

/// Takes the next job and whatever else is queued (up to a commit's worth).
async fn next_jobs(rx: &Mutex<mpsc::Receiver<Job>>) -> Option<(Vec<Job>, usize)> {
    let mut rx = rx.lock().await;
    let first = rx.recv().await?;
    let mut size = first.events.len();
    let mut jobs = vec![first];
    while size < MAX_EVENTS_PER_COMMIT {
        match rx.try_recv() {
            Ok(job) => {
                size += job.events.len();
                jobs.push(job);
            }
            Err(_) => break,
        }
    }
    Some((jobs, size))
}

async fn write_loop(store: Store, rx: Arc<Mutex<mpsc::Receiver<Job>>>) {
    while let Some((jobs, size)) = next_jobs(&rx).await {
        let groups: Vec<Vec<NewEvent<'_>>> = jobs
            .iter()
            .map(|job| {
                job.events
                    .iter()
                    .map(|event| NewEvent {
                        site: &job.site,
                        event,
                        received_at: job.received_at,
                    })
                    .collect()
            })
            .collect();
        let result = store.insert(&groups).await;
        drop(groups);
        match result {
            Ok(inserted) => {
                tracing::debug!(requests = jobs.len(), events = size, "committed");
                for (job, new) in jobs.into_iter().zip(inserted) {
                    let total = job.events.len() as u64;
                    // The request may have gone away; its events are stored anyway.
                    let _ = job.reply.send(Ok(Accepted {
                        accepted: new,
                        duplicates: total.saturating_sub(new),
                    }));
                }
            }
            Err(e) => {
                tracing::error!(error = %e, requests = jobs.len(), "writing events failed");
                for job in jobs {
                    let _ = job.reply.send(Err(WriteError::Store));
                }
            }
        }
    }
}
