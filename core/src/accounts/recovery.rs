//! Forgotten passwords: a single-use link by mail, valid for [`RESET_LINK_MINUTES`], that
//! sets a new password, ends every session of the account and tells its owner.
//!
//! Asking gives the same answer whether or not the address has an account (only the owner of
//! the mailbox learns which), and is limited per client address and per account.

use super::{FAILURE_WINDOW_MINUTES, SignedIn, hash_password, new_token, token_hash};
use crate::Core;
use crate::error::Result;
use crate::mail::templates;
use chrono::{Duration, Utc};
use shared::account::{Email, NewPassword};
use shared::{ApiError, FieldErrors, Lang};

/// How long a reset link works.
pub const RESET_LINK_MINUTES: i64 = 30;
/// Reset requests one client address may make within [`FAILURE_WINDOW_MINUTES`]: as many as
/// the sign-in failures one address may make, so a help session at a community centre, many
/// residents behind one connection, is not refused.
pub const MAX_RESET_REQUESTS_PER_ADDRESS: i64 = 20;
/// Reset mails one account receives within [`FAILURE_WINDOW_MINUTES`] (more requests are
/// answered the same, and send nothing).
pub const MAX_RESET_MAILS_PER_ACCOUNT: i64 = 3;

fn invalid(field: &str, error: shared::FieldError) -> ApiError {
    let mut errors = FieldErrors::default();
    errors.push(field, error);
    ApiError::Validation(errors)
}

impl Core {
    /// Sends a reset link to `email` if it belongs to an account, in `lang`. The answer is the
    /// same either way; only a malformed address or too many requests from `address` are
    /// refused.
    pub async fn request_password_reset(
        &self,
        email: &str,
        lang: Lang,
        address: &str,
    ) -> Result<()> {
        let email = Email::parse(email).map_err(|e| invalid("email", e))?;
        let now = Utc::now();
        let since = now - Duration::minutes(FAILURE_WINDOW_MINUTES);
        let address_key = format!("reset-address:{address}");
        if self
            .store
            .sign_in_failures_since(&address_key, since)
            .await?
            >= MAX_RESET_REQUESTS_PER_ADDRESS
        {
            tracing::warn!(address, "password reset requests rate limited");
            return Err(ApiError::RateLimited.into());
        }
        self.store.record_sign_in_failure(&address_key, now).await?;
        let Some(person) = self.store.addressee(email.as_str()).await? else {
            return Ok(());
        };
        let account_key = format!("reset-account:{}", person.user_id);
        if self
            .store
            .sign_in_failures_since(&account_key, since)
            .await?
            >= MAX_RESET_MAILS_PER_ACCOUNT
        {
            tracing::warn!(user = person.user_id, "password reset mails limited");
            return Ok(());
        }
        self.store.record_sign_in_failure(&account_key, now).await?;
        let token = new_token();
        let link = format!("{}/reset/{token}", self.config.mail_origin());
        let mail = templates::password_reset(
            lang,
            &person.email,
            &person.display_name,
            &link,
            RESET_LINK_MINUTES,
        );
        let expires = now + Duration::minutes(RESET_LINK_MINUTES);
        self.store
            .create_password_reset(&token_hash(&token), person.user_id, now, expires, &mail)
            .await?;
        self.store
            .audit(
                Some(person.user_id),
                "password_reset_requested",
                &format!("address {address}"),
                now,
            )
            .await?;
        self.mail_queued();
        Ok(())
    }

    /// Whether a reset link can still be used: `LinkExpired` when it is unknown, used or past
    /// its time.
    pub async fn password_reset_link(&self, token: &str) -> Result<()> {
        if self
            .store
            .password_reset_usable(&token_hash(token), Utc::now())
            .await?
        {
            Ok(())
        } else {
            Err(ApiError::LinkExpired.into())
        }
    }

    /// Sets a new password with a reset link: the link is used up, every session of the
    /// account ends (and other reset links with them), the owner is told by mail in `lang`,
    /// and a new session opens here. A password the policy refuses leaves the link usable.
    pub async fn reset_password(
        &self,
        token: &str,
        password: &str,
        lang: Lang,
    ) -> Result<SignedIn> {
        self.password_reset_link(token).await?;
        let password = NewPassword::parse(password).map_err(|e| invalid("password", e))?;
        let hash = hash_password(&password).await?;
        let now = Utc::now();
        let forgot = format!("{}/forgot", self.config.mail_origin());
        let notice =
            |email: &str, name: &str| templates::password_changed(lang, email, name, now, &forgot);
        let Some(user_id) = self
            .store
            .use_password_reset(&token_hash(token), &hash, now, notice)
            .await?
        else {
            return Err(ApiError::LinkExpired.into());
        };
        self.store
            .audit(Some(user_id), "password_reset", "", now)
            .await?;
        self.mail_queued();
        self.open_session(user_id, now).await
    }
}
