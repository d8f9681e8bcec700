//! Approvals, revisions (compared and restored), notifications and the audit log of a survey.

use super::{AUDIT_LINES_SHOWN, Access, NOTIFICATIONS_SHOWN};
use crate::Core;
use crate::error::{Result, not_found};
use chrono::Utc;
use shared::ApiError;
use shared::account::Role;
use shared::codesign::survey_diff;
use shared::codesign::views::{AuditLine, NotificationLine, RevisionLine, RevisionsView};
use shared::survey::SurveyStatus;
use shared::views::CurrentUser;

impl Core {
    // --- Approval ----------------------------------------------------------------------------

    /// A council member approves the draft as it is now, or withdraws their approval. Only
    /// invited council members approve; staff are refused (403).
    pub async fn set_approval(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        approve: bool,
    ) -> Result<()> {
        let (survey, access) = self.survey_access(user, survey_id).await?;
        if access != Access::Council {
            return Err(ApiError::Forbidden.into());
        }
        if survey.status != SurveyStatus::Draft || survey.review_since.is_none() {
            return Err(ApiError::Conflict.into());
        }
        let now = Utc::now();
        if approve {
            self.store
                .approve(survey_id, user.id, survey.revision, now)
                .await?;
        } else if !self.store.withdraw_approval(survey_id, user.id).await? {
            return Err(ApiError::Conflict.into());
        }
        let staff = self.staff_ids(&survey).await?;
        let kind = if approve { "approved" } else { "withdrawn" };
        self.store
            .notify(
                &staff,
                kind,
                survey_id,
                user.id,
                &survey.revision.to_string(),
                now,
            )
            .await?;
        self.store
            .audit_survey(
                user.id,
                kind,
                survey_id,
                &format!("revision {}", survey.revision),
                None,
                None,
                now,
            )
            .await
    }

    /// Tells the reviewers a survey was published.
    pub(crate) async fn notify_published(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        version: i64,
    ) -> Result<()> {
        let reviewers = self.reviewer_ids(survey_id).await?;
        self.store
            .notify(
                &reviewers,
                "published",
                survey_id,
                user.id,
                &version.to_string(),
                Utc::now(),
            )
            .await
    }

    // --- Revisions ---------------------------------------------------------------------------

    /// A survey's history, with two revisions compared when `compare` names them.
    pub async fn revisions_view(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        compare: Option<(i64, i64)>,
    ) -> Result<RevisionsView> {
        let (survey, access) = self.survey_access(user, survey_id).await?;
        let published = self.store.published_revisions(survey_id).await?;
        let revisions: Vec<RevisionLine> = self
            .store
            .revisions(survey_id)
            .await?
            .into_iter()
            .map(|r| RevisionLine {
                published_as: published
                    .iter()
                    .find(|(_, rev)| *rev == Some(r.number))
                    .map(|(v, _)| *v),
                number: r.number,
                author: r.author,
                note: r.note,
                at: r.created_at,
            })
            .collect();
        let compare = match compare {
            Some((a, b)) => {
                let (older, newer) = (a.min(b), a.max(b));
                let (Some(old), Some(new)) = (
                    self.store.revision_content(survey_id, older).await?,
                    self.store.revision_content(survey_id, newer).await?,
                ) else {
                    return not_found();
                };
                Some((older, newer, survey_diff(&old, &new)))
            }
            None => None,
        };
        Ok(RevisionsView {
            survey_id,
            title: survey.title,
            revision: survey.revision,
            revisions,
            compare,
            can_restore: access == Access::Staff && survey.status != SurveyStatus::Archived,
        })
    }

    /// Makes an old revision's content the working copy again, as a new revision (staff only).
    pub async fn restore_revision(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        number: i64,
    ) -> Result<i64> {
        let mut survey = self.staff_access(user, survey_id).await?;
        if survey.status == SurveyStatus::Archived {
            return Err(ApiError::Conflict.into());
        }
        let Some(content) = self.store.revision_content(survey_id, number).await? else {
            return not_found();
        };
        let note = format!("restore {number}");
        for _ in 0..3 {
            let now = Utc::now();
            if let Some(saved) = self
                .store
                .save_content(survey_id, survey.revision, &content, user.id, &note, now)
                .await?
            {
                self.store
                    .audit_survey(
                        user.id,
                        "survey_restore",
                        survey_id,
                        &note,
                        Some(&survey.revision.to_string()),
                        Some(&saved.to_string()),
                        now,
                    )
                    .await?;
                return Ok(saved);
            }
            survey = self.staff_access(user, survey_id).await?;
        }
        Err(ApiError::Conflict.into())
    }

    // --- Notifications and the audit log -----------------------------------------------------

    /// The signed-in person's notifications, newest first.
    pub async fn notifications(&self, user: &CurrentUser) -> Result<Vec<NotificationLine>> {
        Ok(self
            .store
            .notifications(user.id, NOTIFICATIONS_SHOWN)
            .await?
            .into_iter()
            .map(|n| NotificationLine {
                link: shared::codesign::views::notification_path(
                    &n.kind,
                    n.survey_id,
                    user.role.is_staff(),
                ),
                kind: n.kind,
                survey_id: n.survey_id,
                survey_title: n.survey_title,
                actor: n.actor,
                detail: n.detail,
                at: n.created_at,
                read: n.read,
            })
            .collect())
    }

    /// How many notifications the signed-in person has not read.
    pub async fn unread_notifications(&self, user: &CurrentUser) -> Result<i64> {
        self.store.unread_notifications(user.id).await
    }

    /// Marks every notification read.
    pub async fn mark_notifications_read(&self, user: &CurrentUser) -> Result<()> {
        self.store
            .mark_notifications_read(user.id, Utc::now())
            .await
    }

    /// The audit log (admins only), optionally of one survey.
    pub async fn audit_view(
        &self,
        user: &CurrentUser,
        survey_id: Option<i64>,
    ) -> Result<Vec<AuditLine>> {
        if user.role != Role::Admin {
            return Err(ApiError::Forbidden.into());
        }
        if let Some(id) = survey_id {
            self.staff_survey(user, id).await?;
        }
        self.store
            .audit_log(survey_id, user.ward_id, AUDIT_LINES_SHOWN)
            .await
    }
}
