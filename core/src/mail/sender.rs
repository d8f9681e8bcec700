//! Delivering the outbox: the [`Mailer`] (SMTP or files) and [`Core::send_due_mail`].

use super::{CLAIM_LEASE, GIVE_UP_AFTER, QueuedMail, retry_after};
use crate::Core;
use crate::config::Config;
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::path::PathBuf;
use std::time::Duration;

/// How many mails one round of the sender takes.
pub const BATCH_SIZE: usize = 20;

/// Where mail goes.
enum Transport {
    /// A mail server (`YORIAI_SMTP_URL`).
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// `.eml` files in a folder (`YORIAI_MAIL_DIR`), when no mail server is set.
    Files(PathBuf, AsyncFileTransport<Tokio1Executor>),
}

/// Sends mail from the configured address.
pub struct Mailer {
    from: Mailbox,
    transport: Transport,
}

/// Why one mail was not delivered.
struct NotSent {
    /// The mail server refused it for good (a 5xx reply): trying again will not help.
    permanent: bool,
    /// What went wrong, for the mail log.
    reason: String,
}

/// What one round of the sender did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Delivery {
    /// Mails delivered.
    pub sent: usize,
    /// Mails that failed and wait for another try.
    pub retrying: usize,
    /// Mails given up.
    pub failed: usize,
}

impl Mailer {
    /// The mailer the configuration describes; a bad SMTP URL or from-address is a
    /// configuration error (at start-up, not at the first mail).
    pub fn from_config(config: &Config) -> Result<Mailer> {
        let from: Mailbox = config.mail_from.parse().map_err(|e| {
            Error::Config(format!(
                "YORIAI_MAIL_FROM `{}` is not a mail address: {e}",
                config.mail_from
            ))
        })?;
        let transport = match &config.smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| {
                        Error::Config(format!("YORIAI_SMTP_URL is not a usable SMTP URL: {e}"))
                    })?
                    .timeout(Some(Duration::from_secs(30)))
                    .build(),
            ),
            None => Transport::Files(
                config.mail_dir.clone(),
                AsyncFileTransport::<Tokio1Executor>::new(&config.mail_dir),
            ),
        };
        Ok(Mailer { from, transport })
    }

    /// Where mail goes, in words for the start-up log (no password).
    pub fn describe(&self) -> String {
        match &self.transport {
            Transport::Smtp(_) => "an SMTP server (YORIAI_SMTP_URL)".into(),
            Transport::Files(dir, _) => format!("files in {}", dir.display()),
        }
    }

    async fn send(&self, mail: &QueuedMail) -> std::result::Result<(), NotSent> {
        let permanent = |reason: String| NotSent {
            permanent: true,
            reason,
        };
        let to: Mailbox = mail
            .recipient
            .parse()
            .map_err(|e| permanent(format!("bad recipient: {e}")))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body.clone())
            .map_err(|e| permanent(format!("unbuildable message: {e}")))?;
        match &self.transport {
            Transport::Smtp(smtp) => smtp.send(message).await.map(drop).map_err(|e| NotSent {
                permanent: e.is_permanent(),
                reason: e.to_string(),
            }),
            Transport::Files(dir, files) => {
                let transient = |reason: String| NotSent {
                    permanent: false,
                    reason,
                };
                tokio::fs::create_dir_all(dir)
                    .await
                    .map_err(|e| transient(format!("{}: {e}", dir.display())))?;
                files
                    .send(message)
                    .await
                    .map(drop)
                    .map_err(|e| transient(e.to_string()))
            }
        }
    }
}

impl Core {
    /// Whether the mail sender went round within `within` (it waits at most its round between
    /// two, so twice the round and a little is enough).
    pub fn mail_sender_alive(&self, within: Duration) -> bool {
        let at = self
            .mail_round_at
            .load(std::sync::atomic::Ordering::Relaxed);
        at > 0 && Utc::now().timestamp() - at <= within.as_secs() as i64
    }

    /// Says that mail was queued, so the sender task wakes now rather than at its next round.
    pub fn mail_queued(&self) {
        self.mail_waiting.notify_one();
    }

    /// Waits until mail is queued (or `wait` passes): the sender task's pause between rounds.
    /// Notes the time, so readiness can tell the sender is going round.
    pub async fn wait_for_mail(&self, wait: Duration) {
        self.mail_round_at
            .store(Utc::now().timestamp(), std::sync::atomic::Ordering::Relaxed);
        let _ = tokio::time::timeout(wait, self.mail_waiting.notified()).await;
    }

    /// Tries every mail due at `now` (up to [`BATCH_SIZE`]). Each is claimed first, so another
    /// server's sender does not send it too; a failure is retried later ([`retry_after`]) or,
    /// if the server refused it for good or it has failed for [`GIVE_UP_AFTER`], given up.
    pub async fn send_due_mail(&self, mailer: &Mailer, now: DateTime<Utc>) -> Result<Delivery> {
        let mut delivery = Delivery::default();
        for mail in self.store.due_mail(now, BATCH_SIZE as i64).await? {
            if !self
                .store
                .claim_mail(mail.id, now, now + CLAIM_LEASE)
                .await?
            {
                continue;
            }
            match mailer.send(&mail).await {
                Ok(()) => {
                    self.store.mail_sent(mail.id, Utc::now().max(now)).await?;
                    delivery.sent += 1;
                }
                Err(e) if e.permanent || now - mail.created_at >= GIVE_UP_AFTER => {
                    tracing::error!(mail = mail.id, reason = %e.reason, "mail given up");
                    self.store.mail_failed(mail.id, now, &e.reason).await?;
                    delivery.failed += 1;
                }
                Err(e) => {
                    let wait = retry_after(mail.attempts + 1);
                    tracing::warn!(mail = mail.id, reason = %e.reason, "mail not sent; will retry");
                    self.store
                        .mail_retry(mail.id, now + wait, &e.reason)
                        .await?;
                    delivery.retrying += 1;
                }
            }
        }
        Ok(delivery)
    }
}
