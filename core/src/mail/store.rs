//! The outbox's queries.

use super::Outgoing;
use crate::db::{Store, on_pool};
use crate::error::Result;
use chrono::{DateTime, Utc};

/// Queues a mail: binds an [`Outgoing`] and the time to [`INSERT_MAIL`].
pub(crate) const INSERT_MAIL: &str = "INSERT INTO mail_outbox (kind, recipient, subject, body, \
                                      created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6)";

/// Writes a mail to the outbox on `$conn` (a transaction, so the mail is queued only if the
/// action that sends it is kept). Used inside an `on_pool!` arm, like the queries beside it.
macro_rules! queue_in {
    ($conn:expr, $mail:expr, $now:expr) => {
        sqlx::query($crate::mail::INSERT_MAIL)
            .bind($mail.kind.as_str())
            .bind(&$mail.recipient)
            .bind(&$mail.subject)
            .bind(&$mail.body)
            .bind($now)
            .bind($now)
            .execute($conn)
            .await
            .map(drop)?
    };
}
pub(crate) use queue_in;

/// A mail waiting in the outbox.
#[derive(Debug, Clone)]
pub struct QueuedMail {
    /// Its row.
    pub id: i64,
    /// The address it goes to.
    pub recipient: String,
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub body: String,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// How many tries failed so far.
    pub attempts: i64,
}

/// A line of the mail log (no body: sent mail keeps none): the administrators' mail page.
pub use shared::admin::MailRow as MailLogEntry;

type LogRow = (
    i64,
    String,
    String,
    String,
    DateTime<Utc>,
    i64,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
    Option<String>,
);

impl Store {
    /// Queues a mail on its own (for an action with nothing else to store).
    pub async fn queue_mail(&self, mail: &Outgoing, now: DateTime<Utc>) -> Result<()> {
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            queue_in!(&mut *tx, mail, now);
            tx.commit().await?;
        });
        Ok(())
    }

    /// The outbox's backlog: mails not yet sent (due or waiting to be tried again), and mails
    /// given up that are still in the log.
    pub async fn outbox_backlog(&self) -> Result<(i64, i64)> {
        let sql = "SELECT COALESCE(SUM(CASE WHEN sent_at IS NULL AND failed_at IS NULL \
                   THEN 1 ELSE 0 END), 0), \
                   COALESCE(SUM(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 END), 0) \
                   FROM mail_outbox";
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .fetch_one(pool)
            .await?))
    }

    /// Mail due for a try at `now`, oldest first.
    pub async fn due_mail(&self, now: DateTime<Utc>, limit: i64) -> Result<Vec<QueuedMail>> {
        let sql = "SELECT id, recipient, subject, body, created_at, attempts FROM mail_outbox \
                   WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1 \
                   ORDER BY id LIMIT $2";
        type Row = (i64, String, String, String, DateTime<Utc>, i64);
        let rows: Vec<Row> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(now)
            .bind(limit)
            .fetch_all(pool)
            .await?);
        Ok(rows
            .into_iter()
            .map(
                |(id, recipient, subject, body, created_at, attempts)| QueuedMail {
                    id,
                    recipient,
                    subject,
                    body,
                    created_at,
                    attempts,
                },
            )
            .collect())
    }

    /// Claims a due mail for one sender until `until`; false when another sender has it (or
    /// it was sent meanwhile).
    pub async fn claim_mail(
        &self,
        id: i64,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<bool> {
        let sql = "UPDATE mail_outbox SET next_attempt_at = $3 WHERE id = $1 \
                   AND sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $2";
        let claimed = on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(id)
            .bind(now)
            .bind(until)
            .execute(pool)
            .await?
            .rows_affected());
        Ok(claimed == 1)
    }

    /// Notes a delivered mail, and forgets its body.
    pub async fn mail_sent(&self, id: i64, at: DateTime<Utc>) -> Result<()> {
        let sql = "UPDATE mail_outbox SET sent_at = $2, body = '', last_error = NULL WHERE id = $1";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(id)
            .bind(at)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// Notes a failed try; the mail is tried again at `retry_at`.
    pub async fn mail_retry(&self, id: i64, retry_at: DateTime<Utc>, error: &str) -> Result<()> {
        let sql = "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = $2, \
                   last_error = $3 WHERE id = $1";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(id)
            .bind(retry_at)
            .bind(error)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// Notes a failed try after which the mail is given up (its body is forgotten).
    pub async fn mail_failed(&self, id: i64, at: DateTime<Utc>, error: &str) -> Result<()> {
        let sql = "UPDATE mail_outbox SET attempts = attempts + 1, failed_at = $2, body = '', \
                   last_error = $3 WHERE id = $1";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(id)
            .bind(at)
            .bind(error)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// The mail log, newest first.
    pub async fn mail_log(&self, limit: i64) -> Result<Vec<MailLogEntry>> {
        let sql = "SELECT id, kind, recipient, subject, created_at, attempts, sent_at, \
                   failed_at, last_error FROM mail_outbox ORDER BY id DESC LIMIT $1";
        let rows: Vec<LogRow> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(limit)
            .fetch_all(pool)
            .await?);
        Ok(rows
            .into_iter()
            .map(
                |(id, kind, recipient, subject, created_at, attempts, sent_at, failed_at, e)| {
                    MailLogEntry {
                        id,
                        kind,
                        recipient,
                        subject,
                        created_at,
                        attempts,
                        sent_at,
                        failed_at,
                        last_error: e,
                    }
                },
            )
            .collect())
    }

    /// Forgets the log of mail sent or given up before `before`; returns how many.
    pub async fn delete_mail_log_before(&self, before: DateTime<Utc>) -> Result<u64> {
        let sql = "DELETE FROM mail_outbox WHERE (sent_at IS NOT NULL AND sent_at < $1) \
                   OR (failed_at IS NOT NULL AND failed_at < $1)";
        Ok(on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(before)
            .execute(pool)
            .await?
            .rows_affected()))
    }
}
