//! How long Yoriai keeps what it no longer needs, and the hourly sweep that forgets it:
//! expired sessions, sign-in failures too old to count, client addresses kept past
//! [`ADDRESS_RETENTION`], expired password reset links, account invitations that ended that
//! long ago, the mail log past
//! [`MAIL_LOG_RETENTION`], answers saved but never sent, and idle start counters.

use crate::Core;
use crate::accounts::FAILURE_WINDOW_MINUTES;
use crate::mail::MAIL_LOG_RETENTION;
use chrono::{DateTime, TimeDelta, Utc};

/// How long answers saved but never sent are kept by default (the answer cookie lives as
/// long); an administrator may set another period (`/admin/privacy`).
pub const DRAFT_LIFETIME: TimeDelta = TimeDelta::days(30);

/// How long the client address of a sign-in or sign-up is kept (to look into abuse), after
/// which it is removed: personal data is not kept longer than it serves.
pub const ADDRESS_RETENTION: TimeDelta = TimeDelta::days(90);

impl Core {
    /// Forgets, as of `now`, everything kept past its time. A part that fails is logged and the
    /// others still run (the next sweep tries it again).
    pub async fn forget_expired(&self, now: DateTime<Utc>) {
        let store = &self.store;
        // The periods an administrator set (`/admin/privacy`), else the defaults.
        let (drafts, addresses, mail) = match self.retention().await {
            Ok(r) => (
                TimeDelta::days(r.draft_days),
                TimeDelta::days(r.address_days),
                TimeDelta::days(r.mail_days),
            ),
            Err(e) => {
                tracing::warn!(error = %e, "retention periods unreadable; the defaults apply");
                (DRAFT_LIFETIME, ADDRESS_RETENTION, MAIL_LOG_RETENTION)
            }
        };
        match store.delete_expired_sessions(now).await {
            Ok(n) if n > 0 => tracing::info!(removed = n, "expired sessions removed"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "session cleanup failed"),
        }
        let window = TimeDelta::minutes(FAILURE_WINDOW_MINUTES);
        if let Err(e) = store.delete_sign_in_failures_before(now - window).await {
            tracing::warn!(error = %e, "sign-in failure cleanup failed");
        }
        match store.forget_addresses_before(now - addresses).await {
            Ok(n) if n > 0 => tracing::info!(records = n, "old client addresses removed"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "client address cleanup failed"),
        }
        if let Err(e) = store.delete_password_resets_before(now).await {
            tracing::warn!(error = %e, "password reset link cleanup failed");
        }
        if let Err(e) = store.delete_email_changes_before(now).await {
            tracing::warn!(error = %e, "change-of-address link cleanup failed");
        }
        if let Err(e) = store.delete_sign_up_requests_before(now).await {
            tracing::warn!(error = %e, "sign-up link cleanup failed");
        }
        if let Err(e) = store.delete_invitations_before(now - addresses).await {
            tracing::warn!(error = %e, "invitation cleanup failed");
        }
        match store.delete_mail_log_before(now - mail).await {
            Ok(n) if n > 0 => tracing::info!(removed = n, "old mail log entries removed"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "mail log cleanup failed"),
        }
        if let Err(e) = store.delete_drafts_before(now - drafts).await {
            tracing::warn!(error = %e, "saved-answer cleanup failed");
        }
        self.starts.forget_idle();
    }
}
