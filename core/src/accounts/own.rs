//! One's own account (`/account`): change one's name and password, see and end one's sessions,
//! and download a copy of everything stored about one (never survey answers: they hold no
//! account).

use super::{
    FAILURE_WINDOW_MINUTES, MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS, hash_password, token_hash,
    verify_password,
};
use crate::Core;
use crate::error::Result;
use crate::mail::templates;
use chrono::{Duration, Utc};
use serde_json::json;
use shared::account::{DisplayName, NewPassword};
use shared::views::{AccountView, CurrentUser, SessionView};
use shared::{ApiError, FieldError, FieldErrors, Lang};

/// How many characters of a session's stored hash name it on the page (64 bits: enough to
/// tell one person's sessions apart; a key to nothing).
pub const SESSION_KEY_CHARS: usize = 16;

/// The longest User-Agent kept for a session, in characters.
pub const MAX_DEVICE_CHARS: usize = 200;

pub(super) fn invalid(field: &str, error: FieldError) -> ApiError {
    let mut errors = FieldErrors::default();
    errors.push(field, error);
    ApiError::Validation(errors)
}

impl Core {
    /// Checks the signed-in person's current password (`field`: where a wrong one is said to
    /// be). Five wrong ones in 15 minutes refuse further tries for a while (`RateLimited`).
    pub(super) async fn check_current_password(
        &self,
        user: &CurrentUser,
        password: &str,
        field: &str,
    ) -> Result<()> {
        let now = Utc::now();
        let key = format!("password-change:{}", user.id);
        let since = now - Duration::minutes(FAILURE_WINDOW_MINUTES);
        if self.store.sign_in_failures_since(&key, since).await?
            >= MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS
        {
            return Err(ApiError::RateLimited.into());
        }
        let Some(hash) = self.store.password_hash_of(user.id).await? else {
            return Err(ApiError::Unauthorized.into());
        };
        if !verify_password(password.to_string(), hash).await? {
            self.store.record_sign_in_failure(&key, now).await?;
            return Err(invalid(field, FieldError::WrongPassword).into());
        }
        Ok(())
    }

    /// Notes which browser a new session is, from its `User-Agent` (shortened, control
    /// characters dropped). A failure is logged, not fatal: the sign-in stands.
    pub async fn note_session_device(&self, token: &str, user_agent: &str) {
        let device: String = user_agent
            .chars()
            .filter(|c| !c.is_control())
            .take(MAX_DEVICE_CHARS)
            .collect();
        if let Err(e) = self
            .store
            .note_session_device(&token_hash(token), &device)
            .await
        {
            tracing::warn!(error = %e, "noting a session's browser failed");
        }
    }

    /// The signed-in person's own account, with their sessions (`token` is this browser's).
    pub async fn account_view(&self, user: &CurrentUser, token: &str) -> Result<AccountView> {
        let Some(row) = self.store.account_row(user.id).await? else {
            return Err(ApiError::Unauthorized.into());
        };
        let current = token_hash(token);
        let sessions = self
            .store
            .sessions_of(user.id, Utc::now())
            .await?
            .into_iter()
            .map(|s| SessionView {
                key: s.token_hash.chars().take(SESSION_KEY_CHARS).collect(),
                created_at: s.created_at,
                last_seen_at: s.last_seen_at.unwrap_or(s.created_at),
                device: s.user_agent.unwrap_or_default(),
                current: s.token_hash == current,
            })
            .collect();
        let hand_over = self
            .groups_run_alone(user)
            .await?
            .into_iter()
            .map(|(id, name)| shared::admin::Choice { id, name })
            .collect();
        Ok(AccountView {
            digest: shared::account::Digest::parse(&row.digest).unwrap_or_default(),
            hand_over,
            email: row.email,
            display_name: row.display_name,
            role: user.role,
            district: row.district,
            created_at: row.created_at,
            sessions,
        })
    }

    /// Changes one's name. Only staff may call themselves after the office (a resident's
    /// 「区役所」 would mislead).
    pub async fn rename_self(&self, user: &CurrentUser, name: &str) -> Result<()> {
        let name = if user.role.is_staff() {
            DisplayName::parse(name)
        } else {
            DisplayName::parse_own(name)
        }
        .map_err(|e| invalid("display_name", e))?;
        self.store.rename_user(user.id, name.as_str()).await?;
        self.store
            .audit(Some(user.id), "rename_self", "", Utc::now())
            .await
    }

    /// Changes one's password after checking the current one: every other session (and any
    /// reset link) ends, this one stays, and the owner is told by mail in `lang`. Five wrong
    /// current passwords in 15 minutes refuse further tries for a while.
    pub async fn change_password(
        &self,
        user: &CurrentUser,
        token: &str,
        current: &str,
        new: &str,
        lang: Lang,
    ) -> Result<()> {
        let now = Utc::now();
        let mut errors = FieldErrors::default();
        if current.is_empty() {
            errors.push("current_password", FieldError::Required);
        }
        let new = NewPassword::parse(new)
            .map_err(|e| errors.push("new_password", e))
            .ok();
        let Some(new) = new.filter(|_| errors.is_empty()) else {
            return Err(ApiError::Validation(errors).into());
        };
        self.check_current_password(user, current, "current_password")
            .await?;
        let Some(row) = self.store.account_row(user.id).await? else {
            return Err(ApiError::Unauthorized.into());
        };
        let forgot = format!("{}/forgot", self.config.mail_origin());
        let mail = templates::password_changed(lang, &row.email, &row.display_name, now, &forgot);
        let new_hash = hash_password(&new).await?;
        self.store
            .change_password(user.id, &new_hash, &token_hash(token), now, &mail)
            .await?;
        self.store
            .audit(Some(user.id), "password_changed", "", now)
            .await?;
        self.mail_queued();
        Ok(())
    }

    /// Ends one of one's sessions (`key` as the account page names it), or with `others`
    /// every session but this browser's (`token`). An unknown key is `NotFound`.
    pub async fn end_own_session(&self, user: &CurrentUser, token: &str, key: &str) -> Result<()> {
        let ended = if key == "others" {
            self.store
                .end_other_sessions(user.id, &token_hash(token))
                .await?
        } else if key.len() == SESSION_KEY_CHARS
            && key
                .chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        {
            self.store.end_session_by_key(user.id, key).await?
        } else {
            0
        };
        if ended == 0 && key != "others" {
            return Err(ApiError::NotFound.into());
        }
        self.store
            .audit(
                Some(user.id),
                "sessions_ended",
                &format!("{ended} session(s)"),
                Utc::now(),
            )
            .await
    }

    /// A copy of everything stored about the signed-in person, as JSON (APPI's right of
    /// access): the account, memberships, proposals, posts, RSVPs, comments, suggestions,
    /// notifications and reports. Never survey answers: they are anonymous and hold no account.
    pub async fn own_data(&self, user: &CurrentUser) -> Result<serde_json::Value> {
        let Some(account) = self.store.account_row(user.id).await? else {
            return Err(ApiError::Unauthorized.into());
        };
        let rows = self.store.own_rows(user.id).await?;
        let sessions = self.store.sessions_of(user.id, Utc::now()).await?;
        self.store
            .audit(Some(user.id), "own_data_downloaded", "", Utc::now())
            .await?;
        let data = json!({
            "about": "Yoriai: everything stored about this account. Survey answers are not included: they are anonymous and hold no account.",
            "exported_at": Utc::now(),
            "account": {
                "email": account.email,
                "display_name": account.display_name,
                "role": account.role,
                "home_district": account.district,
                "created_at": account.created_at,
                "digest_mail": account.digest,
            },
            "sessions": sessions.iter().map(|s| json!({
                "signed_in_at": s.created_at,
                "last_seen_at": s.last_seen_at.unwrap_or(s.created_at),
                "browser": s.user_agent,
            })).collect::<Vec<_>>(),
            "group_memberships": rows.memberships.iter().map(|(group, role, shown, at)| json!({
                "group": group, "role": role, "name_shown_to_organisers": shown, "joined_at": at,
            })).collect::<Vec<_>>(),
            "groups_proposed": rows.proposals.iter().map(|(name, status, at)| json!({
                "group": name, "status": status, "proposed_at": at,
            })).collect::<Vec<_>>(),
            "posts": rows.posts.iter().map(|(group, kind, title, body, status, at)| json!({
                "group": group, "kind": kind, "title": title, "body": body, "status": status, "posted_at": at,
            })).collect::<Vec<_>>(),
            "event_replies": rows.rsvps.iter().map(|(title, at)| json!({
                "event": title, "replied_at": at,
            })).collect::<Vec<_>>(),
            "survey_draft_comments": rows.comments.iter().map(|(survey, body, at)| json!({
                "survey": survey, "comment": body, "written_at": at,
            })).collect::<Vec<_>>(),
            "survey_draft_suggestions": rows.suggestions.iter().map(|(survey, note, state, at)| json!({
                "survey": survey, "note": note, "state": state, "suggested_at": at,
            })).collect::<Vec<_>>(),
            "notifications": rows.notifications.iter().map(|(kind, detail, at, read)| json!({
                "kind": kind, "detail": detail, "at": at, "read_at": read,
            })).collect::<Vec<_>>(),
            "reports_made": rows.reports.iter().map(|(reason, status, at)| json!({
                "reason": reason, "status": status, "reported_at": at,
            })).collect::<Vec<_>>(),
        });
        Ok(data)
    }
}
