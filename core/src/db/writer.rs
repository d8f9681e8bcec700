//! Group commit: one task writes every web and paper response, committing whatever arrived
//! together in one transaction.
//!
//! With `synchronous=FULL`, a SQLite commit waits for the disk (an fsync of the WAL); committing
//! each response on its own makes submitters queue on the single write lock, one fsync each.
//! Here a submitter hands its response to the writer and waits; the writer takes everything
//! queued (up to [`MAX_BATCH`]), stores it in one transaction with a savepoint per response
//! ([`Store::insert_responses`]), commits once, and only then answers each submitter. So a
//! submit still returns only after its response is on disk, while one fsync serves many. There
//! is no waiting for a batch to fill: under light load a batch is one response.

use crate::db::{Inserted, NewResponse, Store, corrupt};
use crate::error::{Error, Result};
use shared::ApiError;
use tokio::sync::{mpsc, oneshot};

impl Store {
    /// Stores a response and counts it, in one transaction that also marks the respondent,
    /// uses up the invitation code and clears the draft, as the response asks. A key seen
    /// before for the same survey stores nothing and returns the earlier response's id; a mark
    /// or code seen before stores nothing at all. With group commit on ([`Store::with_group_commit`])
    /// the response joins the next batch and this returns once that batch is durable.
    pub async fn insert_response(&self, response: &NewResponse) -> Result<Inserted> {
        if let Some(writer) = &self.writer {
            return writer.insert(response.clone()).await;
        }
        let mut outcomes = self.insert_responses(&[response]).await?;
        outcomes
            .pop()
            .unwrap_or_else(|| Err(corrupt("batch", "no outcome")))
    }
}

impl Store {
    /// Whether responses can be written: the writing task runs (or there is none to run).
    pub fn writer_running(&self) -> bool {
        self.writer.as_ref().is_none_or(Writer::running)
    }

    /// Sets the writer's queue gauge ([`crate::metrics::WRITER_QUEUE`]) to what waits now.
    pub fn record_writer_queue(&self) {
        let queued = self.writer.as_ref().map_or(0, Writer::queued);
        metrics::gauge!(crate::metrics::WRITER_QUEUE).set(queued as f64);
    }
}

/// The most responses committed in one transaction.
const MAX_BATCH: usize = 256;

/// How many responses may wait for the writer before submitters wait to hand theirs over.
const QUEUE: usize = 4 * MAX_BATCH;

/// A response waiting to be written, and where its outcome goes.
struct Job {
    response: NewResponse,
    done: oneshot::Sender<Result<Inserted>>,
}

/// The handle submitters use; cheap to clone.
#[derive(Clone, Debug)]
pub(super) struct Writer {
    jobs: mpsc::Sender<Job>,
}

impl Writer {
    /// Starts the writing task over `store` (a store without a writer of its own).
    pub(super) fn spawn(store: Store) -> Writer {
        let (jobs, queue) = mpsc::channel(QUEUE);
        tokio::spawn(run(store, queue));
        Writer { jobs }
    }

    /// Whether the writing task still runs.
    pub(super) fn running(&self) -> bool {
        !self.jobs.is_closed()
    }

    /// How many responses wait for the writer now.
    pub(super) fn queued(&self) -> usize {
        self.jobs.max_capacity() - self.jobs.capacity()
    }

    /// Hands a response to the writer and waits until its batch is committed.
    pub(super) async fn insert(&self, response: NewResponse) -> Result<Inserted> {
        let (done, outcome) = oneshot::channel();
        if self.jobs.send(Job { response, done }).await.is_err() {
            return Err(Error::Api(ApiError::Busy));
        }
        // The writer drops the sender only if its task ended (a panic, or shutdown after the
        // runtime stopped): nothing was committed for this response.
        outcome.await.unwrap_or(Err(Error::Api(ApiError::Busy)))
    }
}

/// The writing loop: one batch at a time until every handle is gone.
async fn run(store: Store, mut queue: mpsc::Receiver<Job>) {
    let mut jobs = Vec::with_capacity(MAX_BATCH);
    while queue.recv_many(&mut jobs, MAX_BATCH).await > 0 {
        let batch: Vec<&NewResponse> = jobs.iter().map(|job| &job.response).collect();
        let outcome = store.insert_responses(&batch).await;
        tracing::trace!(size = jobs.len(), "response batch");
        metrics::histogram!(crate::metrics::WRITER_BATCH).record(jobs.len() as f64);
        match outcome {
            Ok(outcomes) => {
                for (job, outcome) in jobs.drain(..).zip(outcomes) {
                    // A submitter that gave up (its connection closed) no longer listens; its
                    // response is stored all the same and a resend finds it by its key.
                    let _ = job.done.send(outcome);
                }
            }
            Err(e) => {
                // Logged once here; every submitter of the batch gets the same refusal (503
                // when the database is busy, locked or full: nothing of the batch was stored).
                metrics::counter!(crate::metrics::WRITER_FAILED).increment(1);
                let refusal = ApiError::from(e);
                for job in jobs.drain(..) {
                    let _ = job.done.send(Err(Error::Api(refusal.clone())));
                }
            }
        }
    }
}
