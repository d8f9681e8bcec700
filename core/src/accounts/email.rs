//! Changing one's e-mail address: the current password confirms the request, a single-use
//! link (24 hours; only its hash is stored) mailed to the new address confirms that it is
//! theirs, and the old address is told once the change is made.

use super::own::invalid;
use super::{new_token, token_hash};
use crate::Core;
use crate::error::Result;
use crate::mail::templates;
use chrono::{Duration, Utc};
use shared::account::Email;
use shared::views::CurrentUser;
use shared::{ApiError, FieldError, FieldErrors, Lang};

/// How long a change-of-address link works, in hours.
pub const EMAIL_CHANGE_HOURS: i64 = 24;

impl Core {
    /// Asks to change the signed-in person's address to `new`: checks the current password,
    /// then mails the new address a link that makes the change.
    pub async fn request_email_change(
        &self,
        user: &CurrentUser,
        new: &str,
        password: &str,
        lang: Lang,
    ) -> Result<()> {
        let mut errors = FieldErrors::default();
        let new = Email::parse(new)
            .map_err(|e| errors.push("new_email", e))
            .ok();
        if password.is_empty() {
            errors.push("email_password", FieldError::Required);
        }
        let Some(new) = new.filter(|_| errors.is_empty()) else {
            return Err(ApiError::Validation(errors).into());
        };
        self.check_current_password(user, password, "email_password")
            .await?;
        let Some(row) = self.store.account_row(user.id).await? else {
            return Err(ApiError::Unauthorized.into());
        };
        if row.email == new.as_str() {
            return Err(invalid("new_email", FieldError::Invalid).into());
        }
        if self.store.addressee_any(new.as_str()).await?.is_some() {
            return Err(invalid("new_email", FieldError::Taken).into());
        }
        let token = new_token();
        let link = format!("{}/account/email/{token}", self.config.mail_origin());
        let now = Utc::now();
        let mail = templates::email_change_confirm(
            lang,
            new.as_str(),
            &row.display_name,
            &link,
            EMAIL_CHANGE_HOURS,
        );
        self.store
            .create_email_change(
                &token_hash(&token),
                user.id,
                new.as_str(),
                now,
                now + Duration::hours(EMAIL_CHANGE_HOURS),
                &mail,
            )
            .await?;
        self.store
            .audit(Some(user.id), "email_change_requested", "", now)
            .await?;
        self.mail_queued();
        Ok(())
    }

    /// Whether a change-of-address link still works (`LinkExpired` if not).
    pub async fn email_change_link(&self, token: &str) -> Result<String> {
        self.store
            .usable_email_change(&token_hash(token), Utc::now())
            .await?
            .ok_or_else(|| ApiError::LinkExpired.into())
    }

    /// Makes the change a link confirms (once), and tells the old address (in `lang`).
    pub async fn confirm_email_change(&self, token: &str, lang: Lang) -> Result<()> {
        let now = Utc::now();
        let done = self
            .store
            .take_email_change(&token_hash(token), now, |old, name, new| {
                templates::email_changed(lang, old, name, new)
            })
            .await?;
        let Some(user_id) = done else {
            return Err(ApiError::LinkExpired.into());
        };
        self.store
            .audit(Some(user_id), "email_changed", "", now)
            .await?;
        self.mail_queued();
        Ok(())
    }
}
