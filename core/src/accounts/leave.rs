//! Deleting one's own account (APPI: a person may have what is stored about them removed).
//! The current password confirms it. An organiser who runs a group alone that has other
//! members hands it over first; the last administrator stays. What they posted stays under
//! 「退会したメンバー」 or is removed, as they choose; survey answers were never theirs to
//! take (they hold no account).

use super::own::invalid;
use super::store::LEFT_MEMBER_NAME;
use crate::Core;
use crate::error::Result;
use crate::mail::templates;
use chrono::Utc;
use shared::account::Role;
use shared::views::CurrentUser;
use shared::{ApiError, FieldError, Lang};

/// What happens to one's posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Posts {
    /// They stay, under 「退会したメンバー」.
    Keep,
    /// They are removed, their text emptied.
    Remove,
}

impl Core {
    /// The groups `user` runs alone while others belong to them, by name: to hand over before
    /// leaving.
    pub async fn groups_run_alone(&self, user: &CurrentUser) -> Result<Vec<(i64, String)>> {
        self.store.groups_run_alone(user.id).await
    }

    /// Deletes the signed-in person's account after checking their current password (`lang`:
    /// the goodbye mail's language).
    pub async fn delete_own_account(
        &self,
        user: &CurrentUser,
        password: &str,
        posts: Option<Posts>,
        confirmed: bool,
        lang: Lang,
    ) -> Result<()> {
        let mut errors = shared::FieldErrors::default();
        if posts.is_none() {
            errors.push("posts", FieldError::Required);
        }
        if !confirmed {
            errors.push("confirmed", FieldError::Required);
        }
        if password.is_empty() {
            errors.push("password", FieldError::Required);
        }
        let Some(posts) = posts.filter(|_| errors.is_empty()) else {
            return Err(ApiError::Validation(errors).into());
        };
        self.check_current_password(user, password, "password")
            .await?;
        if !self.groups_run_alone(user).await?.is_empty() {
            return Err(invalid("groups", FieldError::HandOverFirst).into());
        }
        if user.role == Role::Admin && self.store.other_admins(user.id, user.ward_id).await? == 0 {
            return Err(ApiError::LastAdmin.into());
        }
        let Some(row) = self.store.account_row(user.id).await? else {
            return Err(ApiError::Unauthorized.into());
        };
        let now = Utc::now();
        let mail =
            templates::account_deleted(lang, &row.email, &row.display_name, posts == Posts::Keep);
        self.store
            .delete_account(user.id, posts == Posts::Remove, now, &mail)
            .await?;
        self.store
            .audit(
                Some(user.id),
                "account_deleted",
                &format!(
                    "user {} (posts {}; shown as {LEFT_MEMBER_NAME})",
                    user.id,
                    if posts == Posts::Keep {
                        "kept"
                    } else {
                        "removed"
                    }
                ),
                now,
            )
            .await?;
        self.mail_queued();
        Ok(())
    }
}
