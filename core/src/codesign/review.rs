//! The review itself: turning it on, comment threads, and suggestions with their decisions.

use super::{Access, field_error, short};
use crate::Core;
use crate::codesign::{SuggestionRecord, SuggestionState};
use crate::db::SurveyRecord;
use crate::error::{Result, not_found};
use chrono::Utc;
use shared::ApiError;
use shared::answer::FormValues;
use shared::codesign::views::{SuggestView, SuggestionView};
use shared::codesign::{
    Change, Content, added_question, change_from_form, comment_body, mentions, question_diff,
    removed_question,
};
use shared::survey::SurveyStatus;
use shared::views::CurrentUser;

impl Core {
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
}

/// A suggestion as staff and its author see it: its difference against the question now (or,
/// if gone, as it was at the suggestion's base revision), and whether the question changed since.
pub(super) fn suggestion_view(
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
