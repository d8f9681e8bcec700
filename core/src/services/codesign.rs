//! Co-design with the neighbourhood council: invitations, review, comments, suggestions,
//! approvals, revisions and notifications.
//!
//! **Who sees what.** Staff and admins see every survey. A council member sees a survey only
//! when invited to it and when it is for their district (or the whole ward); anyone else is
//! told "not found" (404), whatever the id, so ids cannot be probed. A council member who can
//! see a survey may comment, suggest and approve, and is refused (403) anything that changes it.

use super::builder::district_name as district_name_of;
use crate::Core;
use crate::accounts::{NewUser, SignedIn, hash_password, new_token, token_hash};
use crate::db::{CommentRecord, InvitationRecord, SuggestionRecord, SuggestionState, SurveyRecord};
use crate::error::{Result, not_found};
use chrono::{Duration, Utc};
use shared::account::{DisplayName, Email, NewPassword, Role};
use shared::answer::FormValues;
use shared::codesign::views::{
    ApprovalView, AuditLine, DraftView, InvitationLine, InvitationLink, InvitationPage,
    NotificationLine, Reply, ReviewerView, RevisionLine, RevisionsView, SuggestView,
    SuggestionView, Thread, Viewer,
};
use shared::codesign::{
    Change, Content, added_question, change_from_form, comment_body, mentions, question_diff,
    removed_question, survey_diff,
};
use shared::views::{CurrentUser, SurveyStatus, SurveySummary};
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
        let Some(survey) = self.store.survey_by_id(survey_id).await? else {
            return not_found();
        };
        if !super::surveys::works_in(user, survey.ward_id) {
            return not_found();
        }
        if user.role.is_staff() {
            return Ok((survey, Access::Staff));
        }
        if user.role == Role::Council
            && survey.status != SurveyStatus::Archived
            && self.store.is_reviewer(survey_id, user.id).await?
        {
            let targets = self.store.survey_districts(survey_id).await?;
            let own_district = match user.district_id {
                Some(d) => targets.is_empty() || targets.contains(&d),
                None => targets.is_empty(),
            };
            if own_district {
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
        let approval_view = |a: crate::db::ApprovalRecord| ApprovalView {
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

    // --- Invitations -------------------------------------------------------------------------

    /// Invites a council member (staff only) and returns the link's token, shown once.
    pub async fn invite_reviewer(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        email: &str,
        district_id: Option<i64>,
    ) -> Result<String> {
        let survey = self.staff_access(user, survey_id).await?;
        let mut errors = FieldErrors::default();
        let email = Email::parse(email)
            .map_err(|e| errors.push("email", e))
            .ok();
        let districts = self.store.districts(survey.ward_id).await?;
        let targets = self.store.survey_districts(survey_id).await?;
        let district = district_id.filter(|d| {
            districts.iter().any(|x| x.id == *d) && (targets.is_empty() || targets.contains(d))
        });
        if district.is_none() {
            errors.push(
                "district",
                if district_id.is_none() {
                    FieldError::Required
                } else {
                    FieldError::Invalid
                },
            );
        }
        let (Some(email), Some(district)) = (email, district) else {
            return Err(ApiError::Validation(errors).into());
        };
        // An existing account must be a council member of that district.
        if let Some(existing) = self.store.user_by_email(email.as_str()).await?
            && (existing.role != Role::Council || existing.district_id != Some(district))
        {
            return Err(field_error("email", FieldError::Invalid));
        }
        let token = new_token();
        let now = Utc::now();
        self.store
            .create_invitation(
                survey_id,
                email.as_str(),
                district,
                &token_hash(&token),
                user.id,
                now,
                now + Duration::days(INVITATION_DAYS),
            )
            .await?;
        self.store
            .audit_survey(
                user.id,
                "reviewer_invite",
                survey_id,
                &format!("{} (district {district})", email.as_str()),
                None,
                None,
                now,
            )
            .await?;
        Ok(token)
    }

    /// The invitation link for staff to pass on (staff only; the token must belong to the
    /// survey and be unused).
    pub async fn invitation_link(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        token: &str,
        asked_origin: &str,
    ) -> Result<InvitationLink> {
        let survey = self.staff_access(user, survey_id).await?;
        let invitation = self.pending_invitation(token).await?;
        if invitation.survey_id != survey_id {
            return not_found();
        }
        let (origin, public) = self.print_origin(asked_origin);
        let url = format!("{origin}/invite/{token}");
        let district = self
            .store
            .districts(survey.ward_id)
            .await?
            .iter()
            .find(|d| d.id == invitation.district_id)
            .map(district_name_of)
            .unwrap_or_default();
        Ok(InvitationLink {
            survey_id,
            title: survey.title,
            email: invitation.email,
            district,
            qr_svg: crate::paper::print::qr_svg(&url)?,
            url,
            expires_at: invitation.expires_at,
            origin_guessed: !public,
        })
    }

    /// An unused, unexpired invitation; `NotFound` for an unknown token, `InvitationUsed` for a
    /// used or expired one.
    async fn pending_invitation(&self, token: &str) -> Result<InvitationRecord> {
        let Some(invitation) = self.store.invitation_by_token(&token_hash(token)).await? else {
            return not_found();
        };
        if invitation.accepted_at.is_some() || invitation.expires_at <= Utc::now() {
            return Err(ApiError::InvitationUsed.into());
        }
        Ok(invitation)
    }

    /// What the invitation page shows (anyone holding the link).
    pub async fn invitation_page(&self, token: &str) -> Result<InvitationPage> {
        let invitation = self.pending_invitation(token).await?;
        let Some(survey) = self.store.survey_by_id(invitation.survey_id).await? else {
            return not_found();
        };
        let district = self
            .store
            .districts(survey.ward_id)
            .await?
            .iter()
            .find(|d| d.id == invitation.district_id)
            .map(district_name_of)
            .unwrap_or_default();
        let invited_by = self
            .store
            .user_name(invitation.invited_by)
            .await?
            .unwrap_or_default();
        Ok(InvitationPage {
            title: survey.title,
            has_account: self.store.user_by_email(&invitation.email).await?.is_some(),
            email: invitation.email,
            district,
            invited_by,
        })
    }

    /// Uses an invitation: a new council account with the chosen name and password, or the
    /// existing account signed in with its password. Returns the session and the survey id.
    pub async fn accept_invitation(
        &self,
        token: &str,
        display_name: &str,
        password: &str,
        address: &str,
    ) -> Result<(SignedIn, i64)> {
        let invitation = self.pending_invitation(token).await?;
        let Some(survey) = self.store.survey_by_id(invitation.survey_id).await? else {
            return not_found();
        };
        let now = Utc::now();
        let signed_in = match self.store.user_by_email(&invitation.email).await? {
            Some(_) => self.sign_in(&invitation.email, password, address).await?,
            None => {
                let mut errors = FieldErrors::default();
                let name = DisplayName::parse_own(display_name)
                    .map_err(|e| errors.push("display_name", e))
                    .ok();
                let password = NewPassword::parse(password)
                    .map_err(|e| errors.push("password", e))
                    .ok();
                let (Some(name), Some(password)) = (name, password) else {
                    return Err(ApiError::Validation(errors).into());
                };
                let user_id = self
                    .store
                    .create_user(
                        &NewUser {
                            email: invitation.email.clone(),
                            display_name: name.as_str().to_string(),
                            password_hash: hash_password(&password).await?,
                            role: Role::Council,
                            ward_id: Some(survey.ward_id),
                            district_id: Some(invitation.district_id),
                        },
                        now,
                    )
                    .await?;
                self.open_session(user_id, now).await?
            }
        };
        self.store
            .accept_invitation(invitation.id, survey.id, signed_in.user_id, now)
            .await?;
        self.store
            .audit_survey(
                signed_in.user_id,
                "reviewer_join",
                survey.id,
                &invitation.email,
                None,
                None,
                now,
            )
            .await?;
        Ok((signed_in, survey.id))
    }

    // --- Review ------------------------------------------------------------------------------

    /// Sends a draft to the council for review, or takes it back (staff only).
    pub async fn set_review(&self, user: &CurrentUser, survey_id: i64, on: bool) -> Result<()> {
        let survey = self.staff_access(user, survey_id).await?;
        if survey.status != SurveyStatus::Draft {
            return Err(ApiError::Conflict.into());
        }
        let now = Utc::now();
        self.store.set_review(survey_id, on.then_some(now)).await?;
        if on {
            let reviewers = self.reviewer_ids(survey_id).await?;
            self.store
                .notify(&reviewers, "review", survey_id, user.id, "", now)
                .await?;
        }
        self.store
            .audit_survey(
                user.id,
                if on { "review_open" } else { "review_close" },
                survey_id,
                "",
                Some(&survey.review_since.is_some().to_string()),
                Some(&on.to_string()),
                now,
            )
            .await
    }

    /// Adds a comment on a question, a page or the whole survey (`target` ''), or a reply to a
    /// thread. Everyone who can see the survey may comment.
    pub async fn comment(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        target: &str,
        parent_id: Option<i64>,
        body: &str,
    ) -> Result<i64> {
        let (survey, _) = self.survey_access(user, survey_id).await?;
        let body = comment_body(body).map_err(|e| field_error("body", e))?;
        let (target, thread) = match parent_id {
            Some(parent) => match self.store.comment(parent).await? {
                Some(c) if c.survey_id == survey_id && c.parent_id.is_none() => {
                    (c.target.clone(), Some(c))
                }
                _ => return not_found(),
            },
            None => {
                let known = target.is_empty()
                    || survey.definition.question(target).is_some()
                    || survey.definition.sections().iter().any(|s| s.id == target);
                if !known {
                    return not_found();
                }
                (target.to_string(), None)
            }
        };
        let now = Utc::now();
        let id = self
            .store
            .add_comment(survey_id, &target, parent_id, user.id, &body, now)
            .await?;
        // Who hears of it: staff when a council member writes, the thread's people on a reply,
        // and whoever is mentioned by name.
        let staff = self.store.staff_members(Some(survey.ward_id)).await?;
        let names: Vec<String> = staff.iter().map(|(_, n)| n.clone()).collect();
        let mentioned: Vec<i64> = mentions(&body, &names)
            .into_iter()
            .filter_map(|n| staff.iter().find(|(_, s)| s == n).map(|(id, _)| *id))
            .collect();
        let mut told: Vec<i64> = mentioned.clone();
        if let Some(thread) = &thread {
            let others: Vec<i64> = self
                .store
                .comments(survey_id)
                .await?
                .into_iter()
                .filter(|c| c.id == thread.id || c.parent_id == Some(thread.id))
                .map(|c| c.author_id)
                .filter(|a| !told.contains(a))
                .collect();
            self.store
                .notify(&others, "reply", survey_id, user.id, &short(&body), now)
                .await?;
            told.extend(others);
        } else if !user.role.is_staff() {
            let staff_ids: Vec<i64> = staff
                .iter()
                .map(|(id, _)| *id)
                .filter(|s| !told.contains(s))
                .collect();
            self.store
                .notify(
                    &staff_ids,
                    "comment",
                    survey_id,
                    user.id,
                    &short(&body),
                    now,
                )
                .await?;
        }
        self.store
            .notify(
                &mentioned,
                "mention",
                survey_id,
                user.id,
                &short(&body),
                now,
            )
            .await?;
        self.store
            .audit_survey(
                user.id,
                "comment",
                survey_id,
                &format!("comment {id} on {target}"),
                None,
                Some(&body),
                now,
            )
            .await?;
        Ok(id)
    }

    /// Resolves or reopens a thread (staff, or whoever started it).
    pub async fn resolve_thread(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        comment_id: i64,
        resolved: bool,
    ) -> Result<()> {
        let (_, access) = self.survey_access(user, survey_id).await?;
        let Some(thread) = self.store.comment(comment_id).await? else {
            return not_found();
        };
        if thread.survey_id != survey_id || thread.parent_id.is_some() {
            return not_found();
        }
        if access != Access::Staff && thread.author_id != user.id {
            return Err(ApiError::Forbidden.into());
        }
        let now = Utc::now();
        self.store
            .set_resolved(comment_id, resolved.then_some(user.id), now)
            .await?;
        self.store
            .audit_survey(
                user.id,
                if resolved {
                    "comment_resolve"
                } else {
                    "comment_reopen"
                },
                survey_id,
                &format!("comment {comment_id}"),
                None,
                None,
                now,
            )
            .await
    }

    // --- Suggestions -------------------------------------------------------------------------

    /// The suggestion form's data: the question as it is now.
    pub async fn suggest_view(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        question_id: &str,
    ) -> Result<SuggestView> {
        let (survey, _) = self.survey_access(user, survey_id).await?;
        match survey.definition.question(question_id) {
            Some(q) => Ok(SuggestView {
                survey_id,
                title: survey.title.clone(),
                question: q.clone(),
            }),
            None => not_found(),
        }
    }

    /// Stores a suggested change to a question, checked against the draft as it is now.
    pub async fn suggest(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        question_id: &str,
        form: &FormValues,
    ) -> Result<i64> {
        let (survey, _) = self.survey_access(user, survey_id).await?;
        if survey.status != SurveyStatus::Draft {
            return Err(ApiError::Conflict.into());
        }
        let Some(question) = survey.definition.question(question_id) else {
            return not_found();
        };
        let change = change_from_form(question, form).map_err(ApiError::Validation)?;
        shared::edit::apply(&survey.definition, &change.edit(question_id))
            .map_err(ApiError::Definition)?;
        let note = match form.first("note").map(str::trim).unwrap_or_default() {
            "" => String::new(),
            typed => comment_body(typed).map_err(|e| field_error("note", e))?,
        };
        let now = Utc::now();
        let id = self
            .store
            .add_suggestion(
                survey_id,
                question_id,
                user.id,
                &change,
                survey.revision,
                &note,
                now,
            )
            .await?;
        let staff = self.staff_ids(&survey).await?;
        self.store
            .notify(&staff, "suggestion", survey_id, user.id, question_id, now)
            .await?;
        self.store
            .audit_survey(
                user.id,
                "suggest",
                survey_id,
                &format!("suggestion {id}: {} {question_id}", change.kind()),
                None,
                serde_json::to_string(&change).ok().as_deref(),
                now,
            )
            .await?;
        Ok(id)
    }

    /// Accepts (carrying the change out) or rejects a suggestion, with a reply (staff only;
    /// a rejection needs one). A suggestion is decided once: a second decision is `Conflict`.
    /// Accepting a change to a question someone edited since the suggestion was made is an
    /// `EditConflict`, and the suggestion stays open.
    pub async fn decide_suggestion(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        suggestion_id: i64,
        accept: bool,
        reply: &str,
    ) -> Result<()> {
        let survey = self.staff_access(user, survey_id).await?;
        let Some(suggestion) = self.store.suggestion(suggestion_id).await? else {
            return not_found();
        };
        if suggestion.survey_id != survey_id {
            return not_found();
        }
        if suggestion.state != SuggestionState::Open {
            return Err(ApiError::Conflict.into());
        }
        let reply = match (reply.trim(), accept) {
            ("", true) => String::new(),
            (typed, _) => comment_body(typed).map_err(|e| field_error("reply", e))?,
        };
        let now = Utc::now();
        let state = if accept {
            SuggestionState::Accepted
        } else {
            SuggestionState::Rejected
        };
        if !self
            .store
            .decide_suggestion(suggestion_id, state, user.id, &reply, now)
            .await?
        {
            return Err(ApiError::Conflict.into());
        }
        if accept {
            let edit = suggestion.change.edit(&suggestion.target);
            let saved = self
                .save_edit(
                    user,
                    &survey,
                    &edit,
                    Some(suggestion.base_revision),
                    &format!("suggestion {suggestion_id}"),
                )
                .await;
            if let Err(e) = saved {
                self.store.reopen_suggestion(suggestion_id).await?;
                return Err(e);
            }
        }
        self.store
            .notify(
                &[suggestion.author_id],
                state.as_str(),
                survey_id,
                user.id,
                &suggestion.target,
                now,
            )
            .await?;
        self.store
            .audit_survey(
                user.id,
                if accept {
                    "suggestion_accept"
                } else {
                    "suggestion_reject"
                },
                survey_id,
                &format!("suggestion {suggestion_id}"),
                None,
                Some(&reply),
                now,
            )
            .await
    }

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
                link: match (n.survey_id, user.role.is_staff()) {
                    (Some(id), true) if n.kind == "published" => format!("/staff/surveys/{id}"),
                    (Some(id), _) => format!("/review/{id}"),
                    (None, _) => "/".to_string(),
                },
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
        Ok(self
            .store
            .audit_log(survey_id, user.ward_id, AUDIT_LINES_SHOWN)
            .await?
            .into_iter()
            .map(|l| AuditLine {
                at: l.at,
                actor: l.actor,
                action: l.action,
                survey_id: l.survey_id,
                detail: l.detail,
                old_value: l.old_value,
                new_value: l.new_value,
            })
            .collect())
    }
}

/// A suggestion as staff and its author see it: its difference against the question now (or,
/// if gone, as it was at the suggestion's base revision), and whether the question changed since.
fn suggestion_view(
    survey: &SurveyRecord,
    base: Option<&Content>,
    s: SuggestionRecord,
) -> SuggestionView {
    let now_q = survey.definition.question(&s.target);
    let then_q = base.and_then(|c| c.definition.question(&s.target).cloned());
    let stale = s.state == SuggestionState::Open && now_q != then_q.as_ref();
    let diff = match (&s.change, now_q.or(then_q.as_ref())) {
        (Change::Replace(new), Some(old)) => question_diff(old, new),
        (Change::Replace(new), None) => added_question(new),
        (Change::InsertAfter(new), _) => added_question(new),
        (Change::Delete, Some(old)) => removed_question(old),
        // The question is gone from both: nothing left to show but its id.
        (Change::Delete, None) => shared::codesign::QuestionDiff {
            id: s.target.clone(),
            label: Vec::new(),
            help: Vec::new(),
            options: Vec::new(),
            settings: Vec::new(),
        },
    };
    SuggestionView {
        id: s.id,
        target: s.target,
        author: s.author,
        at: s.created_at,
        note: s.note,
        kind: s.change.kind().to_string(),
        diff,
        state: s.state.as_str().to_string(),
        decided: s.decided,
        stale,
    }
}
