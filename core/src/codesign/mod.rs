//! Co-design with the neighbourhood council: invitations, review, comments, suggestions,
//! approvals, revisions and notifications.
//!
//! **Who sees what.** Staff and admins see every survey. A council member sees a survey only
//! when invited to it and when it is for their district (or the whole ward); anyone else is
//! told "not found" (404), whatever the id, so ids cannot be probed. A council member who can
//! see a survey may comment, suggest and approve, and is refused (403) anything that changes it.
//!
//! This file holds that one gate ([`Core::survey_access`]) and the co-design page; `invitations`,
//! `review` (comment threads, suggestions) and `revisions` (approvals, revisions, notifications,
//! the survey's audit lines) the rest; `store/` their queries, in the same order.

mod invitations;
mod review;
mod revisions;
mod store;

use review::suggestion_view;

pub use store::{
    ApprovalRecord, CommentRecord, InvitationRecord, NotificationRecord, ReviewerRecord,
    RevisionRecord, SuggestionRecord, SuggestionState, UserBrief,
};

use crate::Core;
use crate::access::targets_district_of;
use crate::db::SurveyRecord;
use crate::error::{Result, not_found};
use crate::surveys::builder::district_name as district_name_of;
use shared::account::Role;
use shared::codesign::Content;
use shared::codesign::views::{
    ApprovalView, DraftView, InvitationLine, Reply, ReviewerView, Thread, Viewer,
};
use shared::survey::SurveyStatus;
use shared::views::{CurrentUser, SurveySummary};
use shared::{ApiError, FieldError, FieldErrors};
use std::collections::HashMap;

/// How long an invitation link works.
pub const INVITATION_DAYS: i64 = 14;
/// How many notifications the list shows.
pub const NOTIFICATIONS_SHOWN: i64 = 50;
/// How many audit lines the admin page shows.
pub const AUDIT_LINES_SHOWN: i64 = 200;

/// What a user may do with a survey they can see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Staff or admin: everything.
    Staff,
    /// An invited council member of the survey's district: read, comment, suggest, approve.
    Council,
}

fn short(body: &str) -> String {
    let mut s: String = body.chars().take(60).collect();
    if body.chars().count() > 60 {
        s.push('…');
    }
    s
}

fn field_error(name: &str, e: FieldError) -> crate::error::Error {
    let mut errors = FieldErrors::default();
    errors.push(name, e);
    ApiError::Validation(errors).into()
}

impl Core {
    /// The survey and what `user` may do with it; `NotFound` when they may not see it at all.
    pub async fn survey_access(
        &self,
        user: &CurrentUser,
        survey_id: i64,
    ) -> Result<(SurveyRecord, Access)> {
        let survey = self.survey_in_ward(user, survey_id).await?;
        if user.role.is_staff() {
            return Ok((survey, Access::Staff));
        }
        if user.role == Role::Council
            && survey.status != SurveyStatus::Archived
            && self.store.is_reviewer(survey_id, user.id).await?
        {
            let targets = self.store.survey_districts(survey_id).await?;
            if targets_district_of(user, &targets) {
                return Ok((survey, Access::Council));
            }
        }
        not_found()
    }

    /// The survey, for a change only staff may make: `Forbidden` for a council member who can
    /// see it, `NotFound` for anyone else.
    pub(crate) async fn staff_access(
        &self,
        user: &CurrentUser,
        survey_id: i64,
    ) -> Result<SurveyRecord> {
        match self.survey_access(user, survey_id).await? {
            (survey, Access::Staff) => Ok(survey),
            (_, Access::Council) => Err(ApiError::Forbidden.into()),
        }
    }

    /// The surveys a council member reviews (for staff: every survey).
    pub async fn reviewed_surveys(&self, user: &CurrentUser) -> Result<Vec<SurveySummary>> {
        if user.role.is_staff() {
            return self.store.surveys(None, user.ward_id).await;
        }
        if user.role != Role::Council {
            return Ok(Vec::new());
        }
        let mut visible = Vec::new();
        for s in self.store.reviewed_surveys(user.id).await? {
            // Invited once but no longer for their district: left out. A failing database is
            // an error, not an empty list.
            match self.survey_access(user, s.id).await {
                Ok(_) => visible.push(s),
                Err(crate::error::Error::Api(ApiError::NotFound)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(visible)
    }

    async fn staff_ids(&self, survey: &SurveyRecord) -> Result<Vec<i64>> {
        Ok(self
            .store
            .staff_members(Some(survey.ward_id))
            .await?
            .into_iter()
            .map(|(id, _)| id)
            .collect())
    }

    async fn reviewer_ids(&self, survey_id: i64) -> Result<Vec<i64>> {
        Ok(self
            .store
            .reviewers(survey_id)
            .await?
            .into_iter()
            .map(|r| r.user_id)
            .collect())
    }

    // --- The co-design page ------------------------------------------------------------------

    /// The draft with its comments, suggestions and approvals.
    pub async fn draft_view(&self, user: &CurrentUser, survey_id: i64) -> Result<DraftView> {
        let (survey, access) = self.survey_access(user, survey_id).await?;
        let districts = self.store.districts(survey.ward_id).await?;
        let district_name = |id: Option<i64>| {
            id.and_then(|id| districts.iter().find(|d| d.id == id))
                .map(district_name_of)
        };
        let comments = self.store.comments(survey_id).await?;
        let reply = |c: &CommentRecord| Reply {
            id: c.id,
            author: c.author.clone(),
            staff: c.author_role.is_staff(),
            body: c.body.clone(),
            at: c.created_at,
        };
        let threads = comments
            .iter()
            .filter(|c| c.parent_id.is_none())
            .map(|c| Thread {
                first: reply(c),
                target: c.target.clone(),
                resolved: c.resolved.as_ref().map(|(at, by)| (by.clone(), *at)),
                replies: comments
                    .iter()
                    .filter(|r| r.parent_id == Some(c.id))
                    .map(reply)
                    .collect(),
                can_resolve: access == Access::Staff || c.author_id == user.id,
            })
            .collect();
        let mut suggestions = Vec::new();
        // Many suggestions share a base revision: read each revision once.
        let mut revisions: HashMap<i64, Option<Content>> = HashMap::new();
        for s in self.store.suggestions(survey_id).await? {
            if let std::collections::hash_map::Entry::Vacant(slot) =
                revisions.entry(s.base_revision)
            {
                slot.insert(
                    self.store
                        .revision_content(survey_id, s.base_revision)
                        .await?,
                );
            }
            let base = revisions.get(&s.base_revision).and_then(Option::as_ref);
            suggestions.push(suggestion_view(&survey, base, s));
        }
        let approvals = self.store.approvals(survey_id).await?;
        let my_approval = approvals
            .iter()
            .find(|a| a.user_id == user.id)
            .map(|a| a.revision);
        let invitations = match access {
            Access::Staff => self
                .store
                .invitations(survey_id)
                .await?
                .into_iter()
                .map(|i| InvitationLine {
                    id: i.id,
                    email: i.email,
                    district: district_name(Some(i.district_id)).unwrap_or_default(),
                    expires_at: i.expires_at,
                    accepted_at: i.accepted_at,
                })
                .collect(),
            Access::Council => Vec::new(),
        };
        let targets = self.store.survey_districts(survey_id).await?;
        let (published_version, published_approvals) = match survey.current_version_id {
            Some(v) => (
                self.store.version(v).await?.map(|v| v.number),
                self.store.version_approvals(v).await?,
            ),
            None => (None, Vec::new()),
        };
        let approval_view = |a: crate::codesign::ApprovalRecord| ApprovalView {
            district: district_name(a.district_id),
            name: a.name,
            revision: a.revision,
            at: a.approved_at,
        };
        Ok(DraftView {
            survey_id,
            slug: survey.slug.clone(),
            title: survey.title.clone(),
            intro: survey.intro.clone(),
            status: survey.status,
            definition: survey.definition.clone(),
            revision: survey.revision,
            in_review: survey.review_since,
            viewer: match access {
                Access::Staff => Viewer::Staff,
                Access::Council => Viewer::Council,
            },
            my_approval,
            threads,
            suggestions,
            approvals: approvals.into_iter().map(approval_view).collect(),
            reviewers: self
                .store
                .reviewers(survey_id)
                .await?
                .into_iter()
                .map(|r| ReviewerView {
                    district: district_name(r.district_id),
                    name: r.name,
                })
                .collect(),
            invitations,
            districts: match access {
                Access::Staff => districts
                    .iter()
                    .filter(|d| targets.is_empty() || targets.contains(&d.id))
                    .map(|d| (d.id, district_name_of(d)))
                    .collect(),
                Access::Council => Vec::new(),
            },
            staff_names: self
                .store
                .staff_members(Some(survey.ward_id))
                .await?
                .into_iter()
                .map(|(_, name)| name)
                .collect(),
            published_version,
            published_approvals: published_approvals.into_iter().map(approval_view).collect(),
        })
    }
}
