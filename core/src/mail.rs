//! E-mail that loses nothing. An action that sends mail writes it to the outbox
//! (`mail_outbox`) in the same transaction as its own change ([`queue_in!`]), so a mail is
//! never sent for a change that was rolled back, nor lost for one that was kept. The sender
//! task ([`Core::send_due_mail`], woken by [`Core::mail_queued`] and every half minute) delivers
//! each mail through the [`Mailer`]: SMTP when `YORIAI_SMTP_URL` is set, else a `.eml` file
//! under `YORIAI_MAIL_DIR` (`data/mail/`), so the embedded default and the demo work without a
//! mail server. A mail that fails is tried again after 1, 2, 4 … minutes (at most an hour
//! apart); a permanent refusal, or two days of failures, marks it failed for admins to see.
//!
//! Several app servers may share one outbox: each claims a mail before sending it (a
//! five-minute lease), so a mail goes out once.
//!
//! Once sent, a mail's body is emptied (a reset link in it would sign someone in); its
//! recipient, subject and times stay as the mail log for [`MAIL_LOG_RETENTION`].
//!
//! The texts, in Japanese, English and easy Japanese, are in [`templates`].

pub mod sender;
mod store;
pub mod templates;

pub use sender::{Delivery, Mailer};
pub(crate) use store::{INSERT_MAIL, queue_in};
pub use store::{MailLogEntry, QueuedMail};

use chrono::TimeDelta;

/// Why a mail is sent (stored with it, shown in the mail log).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    /// A link to choose a new password.
    PasswordReset,
    /// The owner is told that their password was changed.
    PasswordChanged,
    /// An administrator's invitation to make an account (staff, council, director, admin).
    Invitation,
    /// The owner is told that their account was deleted.
    AccountDeleted,
    /// A link to confirm a new resident account's address.
    SignUpConfirm,
    /// The owner of an address is told that someone tried to sign up with it.
    SignUpTaken,
    /// A link to confirm a new address for an account.
    EmailChangeConfirm,
    /// The old address is told that the account's address was changed.
    EmailChanged,
    /// What one has not read, daily or weekly, by one's own choice.
    Digest,
    /// A department's staff are told that a local matter is theirs too.
    MatterAssigned,
    /// A reporter is told that their report was resolved (or kept as a long-term issue).
    MatterStatus,
}

impl MailKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::PasswordReset => "password_reset",
            MailKind::PasswordChanged => "password_changed",
            MailKind::Invitation => "invitation",
            MailKind::AccountDeleted => "account_deleted",
            MailKind::SignUpConfirm => "sign_up_confirm",
            MailKind::SignUpTaken => "sign_up_taken",
            MailKind::EmailChangeConfirm => "email_change_confirm",
            MailKind::EmailChanged => "email_changed",
            MailKind::Digest => "digest",
            MailKind::MatterAssigned => "matter_assigned",
            MailKind::MatterStatus => "matter_status",
        }
    }
}

/// A mail, written but not yet queued.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// Why it is sent.
    pub kind: MailKind,
    /// The address it goes to (already checked).
    pub recipient: String,
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub body: String,
}

/// How long after a first failure a mail is tried again; each further failure doubles it.
pub const FIRST_RETRY: TimeDelta = TimeDelta::minutes(1);
/// The longest wait between two tries.
pub const LONGEST_RETRY: TimeDelta = TimeDelta::hours(1);
/// After this long failing, a mail is given up (marked failed).
pub const GIVE_UP_AFTER: TimeDelta = TimeDelta::days(2);
/// How long a sender holds a mail it has claimed before another may try it.
pub const CLAIM_LEASE: TimeDelta = TimeDelta::minutes(5);
/// How long the mail log (recipient, subject, times) is kept.
pub const MAIL_LOG_RETENTION: TimeDelta = TimeDelta::days(90);

/// The wait before the next try of a mail that has failed `attempts` times (1 or more).
pub fn retry_after(attempts: i64) -> TimeDelta {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 16)).unwrap_or(16);
    FIRST_RETRY
        .checked_mul(1 << doublings)
        .map_or(LONGEST_RETRY, |wait| wait.min(LONGEST_RETRY))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        let waits: Vec<i64> = (1..=9).map(|n| retry_after(n).num_minutes()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(retry_after(0), FIRST_RETRY);
        assert_eq!(retry_after(i64::MAX), LONGEST_RETRY);
    }
}
