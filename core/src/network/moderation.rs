//! Moderation: residents report a group or a post; the ward's staff hide, restore or remove it,
//! or dismiss the reports, always with a reason for taking something down; every decision is
//! in the audit log.

mod store;

use crate::Core;
use crate::access::require_staff;
use crate::error::{Result, not_found};
use chrono::{TimeDelta, Utc};
use shared::ApiError;
use shared::answer::FormValues;
use shared::network::reports::{self, Action, ReportsView, Target};
use shared::views::CurrentUser;

/// Reports one person may make in an hour.
pub const REPORTS_PER_HOUR: i64 = 10;

impl Core {
    /// A signed-in person reports a group (`group`) or one of its posts (`group`, `post`) that
    /// they can see, saying why (`reason`). Reporting the same item again while the first
    /// report is open stores nothing more. Returns what was reported.
    pub async fn report(&self, user: &CurrentUser, form: &FormValues) -> Result<Target> {
        let target = Target::from_form(form).ok_or(ApiError::BadRequest)?;
        // Nobody learns of a group or post they cannot see by reporting it.
        self.visible_group(Some(user), target.group).await?;
        if let Some(post) = target.post {
            match self.store.post(post, user.id).await? {
                Some(p) if p.group_id == target.group => {}
                _ => return not_found(),
            }
        }
        let reason = reports::reason(form, true).map_err(ApiError::Validation)?;
        let now = Utc::now();
        if self
            .store
            .reports_by_since(user.id, now - TimeDelta::hours(1))
            .await?
            >= REPORTS_PER_HOUR
        {
            return Err(ApiError::RateLimited.into());
        }
        self.store.add_report(target, user.id, &reason, now).await?;
        Ok(target)
    }

    /// Staff decide on a reported (or hidden) item of their ward: `action` (hide, restore,
    /// remove — posts only — or dismiss) and `reason` (required to hide or remove). A decision
    /// on an item no longer in the state it expects is refused (409) and changes nothing.
    pub async fn moderate(&self, user: &CurrentUser, form: &FormValues) -> Result<Target> {
        require_staff(user)?;
        let target = Target::from_form(form).ok_or(ApiError::BadRequest)?;
        let action = form
            .first("action")
            .and_then(Action::parse)
            .ok_or(ApiError::BadRequest)?;
        if target.post.is_none() && action == Action::Remove {
            return Err(ApiError::BadRequest.into());
        }
        let Some(group) = self.store.group(target.group).await? else {
            return not_found();
        };
        if user.ward_id.is_some_and(|ward| ward != group.ward_id) {
            return not_found();
        }
        if let Some(post) = target.post
            && self.store.post_group(post).await? != Some(target.group)
        {
            return not_found();
        }
        let reason = reports::reason(form, action.needs_reason()).map_err(ApiError::Validation)?;
        let now = Utc::now();
        if !self
            .store
            .moderate(target, action, user.id, &reason, now)
            .await?
        {
            return Err(ApiError::Conflict.into());
        }
        let (what, detail) = match target.post {
            Some(post) => (
                "moderate_post",
                format!("post {post} of group {}", group.id),
            ),
            None => ("moderate_group", format!("group {}", group.id)),
        };
        self.store
            .audit(
                Some(user.id),
                what,
                &format!(
                    "{detail} ({}): {} {reason}",
                    group.fields.name,
                    action.as_str()
                ),
                now,
            )
            .await?;
        Ok(target)
    }

    /// The moderation queue of the staff member's ward.
    pub async fn moderation_queue(&self, user: &CurrentUser) -> Result<ReportsView> {
        require_staff(user)?;
        let (open, hidden) = self.store.moderation_queue(user.ward_id).await?;
        Ok(ReportsView { open, hidden })
    }
}
