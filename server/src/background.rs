//! The tasks a server runs beside its requests: the mail sender, and the hourly round that
//! makes the digest mails due and forgets what is kept past its time.

use std::time::Duration;
use yoriai_core::Core;
use yoriai_core::mail::{Mailer, sender};

/// How long the mail sender waits between rounds when nobody wakes it (mail queued by another
/// server, or due for another try).
pub const MAIL_ROUND: Duration = Duration::from_secs(30);

/// Delivers the outbox: at once when mail is queued here, and every [`MAIL_ROUND`].
pub fn spawn_mail_sender(core: Core, mailer: Mailer) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match core.send_due_mail(&mailer, chrono::Utc::now()).await {
                // A full batch: there may be more waiting.
                Ok(round) if round.sent + round.retrying + round.failed >= sender::BATCH_SIZE => {
                    continue;
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "mail sender round failed"),
            }
            core.wait_for_mail(MAIL_ROUND).await;
        }
    })
}

/// Once an hour, makes the digests due ([`Core::send_due_digests`]) and forgets what is kept
/// past its time ([`Core::forget_expired`]).
pub fn spawn_cleanup(core: Core) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            match core.send_due_digests(chrono::Utc::now()).await {
                Ok(n) if n > 0 => tracing::info!(queued = n, "digest mails queued"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "digest round failed"),
            }
            core.forget_expired(chrono::Utc::now()).await;
        }
    })
}
