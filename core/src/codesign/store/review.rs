//! Council invitations and reviewers, the review switch, comment threads and suggestions.

use super::*;
use crate::db::{Store, corrupt, on_pool, parse_text, to_json};
use crate::error::Result;
use chrono::{DateTime, Utc};
use shared::ApiError;
use shared::account::Role;
use shared::codesign::Change;
use shared::survey::SurveyStatus;
use shared::views::SurveySummary;

impl Store {
    // --- Review ------------------------------------------------------------------------------

    /// Sends a draft to review (`Some`) or takes it back (`None`).
    pub async fn set_review(&self, survey_id: i64, since: Option<DateTime<Utc>>) -> Result<()> {
        let sql = "UPDATE surveys SET review_since = $1 WHERE id = $2";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(since)
            .bind(survey_id)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// Stores an invitation (only the hash of its token).
    #[allow(clippy::too_many_arguments, reason = "one row's columns")]
    pub async fn create_invitation(
        &self,
        survey_id: i64,
        email: &str,
        district_id: i64,
        token_hash: &str,
        invited_by: i64,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<i64> {
        let sql = "INSERT INTO survey_invitations (survey_id, email, district_id, token_hash, \
                   invited_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                   RETURNING id";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(survey_id)
            .bind(email)
            .bind(district_id)
            .bind(token_hash)
            .bind(invited_by)
            .bind(now)
            .bind(expires_at)
            .fetch_one(pool)
            .await?))
    }

    /// The invitation whose token has this hash.
    pub async fn invitation_by_token(&self, token_hash: &str) -> Result<Option<InvitationRecord>> {
        let sql = format!("SELECT {INVITATION_COLUMNS} WHERE token_hash = $1");
        let row: Option<InvitationRow> =
            on_pool!(&self.db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(token_hash)
                .fetch_optional(pool)
                .await?);
        Ok(row.map(invitation_record))
    }

    /// A survey's invitations, newest first.
    pub async fn invitations(&self, survey_id: i64) -> Result<Vec<InvitationRecord>> {
        let sql = format!("SELECT {INVITATION_COLUMNS} WHERE survey_id = $1 ORDER BY id DESC");
        let rows: Vec<InvitationRow> =
            on_pool!(&self.db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(survey_id)
                .fetch_all(pool)
                .await?);
        Ok(rows.into_iter().map(invitation_record).collect())
    }

    /// Uses an invitation up for `user_id` and makes them a reviewer of its survey, in one
    /// transaction. An invitation already used is `Conflict` (a link works once).
    pub async fn accept_invitation(
        &self,
        invitation_id: i64,
        survey_id: i64,
        user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let used = "UPDATE survey_invitations SET accepted_at = $1, user_id = $2 \
                    WHERE id = $3 AND accepted_at IS NULL";
        let member = "INSERT INTO survey_reviewers (survey_id, user_id, added_at) \
                      VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            let done = sqlx::query(used)
                .bind(now)
                .bind(user_id)
                .bind(invitation_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if done != 1 {
                return Err(ApiError::Conflict.into());
            }
            sqlx::query(member)
                .bind(survey_id)
                .bind(user_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Whether an account may review a survey.
    pub async fn is_reviewer(&self, survey_id: i64, user_id: i64) -> Result<bool> {
        let sql = "SELECT COUNT(*) FROM survey_reviewers WHERE survey_id = $1 AND user_id = $2";
        let n: i64 = on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(survey_id)
            .bind(user_id)
            .fetch_one(pool)
            .await?);
        Ok(n > 0)
    }

    /// A survey's reviewers, by name.
    pub async fn reviewers(&self, survey_id: i64) -> Result<Vec<ReviewerRecord>> {
        let sql = "SELECT u.id, u.display_name, u.district_id FROM survey_reviewers r \
                   JOIN users u ON u.id = r.user_id WHERE r.survey_id = $1 ORDER BY u.id";
        let rows: Vec<(i64, String, Option<i64>)> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(survey_id)
            .fetch_all(pool)
            .await?);
        Ok(rows
            .into_iter()
            .map(|(user_id, name, district_id)| ReviewerRecord {
                user_id,
                name,
                district_id,
            })
            .collect())
    }

    /// The surveys an account reviews (not archived), newest first.
    pub async fn reviewed_surveys(&self, user_id: i64) -> Result<Vec<SurveySummary>> {
        let sql = "SELECT s.id, s.slug, s.title, s.status, s.response_count, s.last_response_at \
                   FROM survey_reviewers r JOIN surveys s ON s.id = r.survey_id \
                   WHERE r.user_id = $1 AND s.status <> 'archived' ORDER BY s.id DESC";
        type Row = (i64, String, String, String, i64, Option<DateTime<Utc>>);
        let rows: Vec<Row> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(user_id)
            .fetch_all(pool)
            .await?);
        rows.into_iter()
            .map(|(id, slug, title, status, count, last)| {
                Ok(SurveySummary {
                    id,
                    slug,
                    title: parse_text(&title)?,
                    status: SurveyStatus::parse(&status)
                        .ok_or_else(|| corrupt("survey status", &status))?,
                    response_count: count,
                    last_response_at: last,
                })
            })
            .collect()
    }

    /// Staff and admins of a ward (all wards for `None`), by name: who can be mentioned and
    /// who hears of council activity.
    pub async fn staff_members(&self, ward_id: Option<i64>) -> Result<Vec<(i64, String)>> {
        let sql = "SELECT id, display_name FROM users WHERE role IN ('staff', 'admin') \
                   AND ($1 IS NULL OR ward_id = $1 OR ward_id IS NULL) ORDER BY id";
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(ward_id)
            .fetch_all(pool)
            .await?))
    }

    /// The account with this (normalised) e-mail address: its id, role and district.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<UserBrief>> {
        let sql = "SELECT id, role, district_id FROM users WHERE email = $1";
        let row: Option<(i64, String, Option<i64>)> =
            on_pool!(&self.db, |pool| sqlx::query_as(sql)
                .bind(email)
                .fetch_optional(pool)
                .await?);
        row.map(|(id, role, district_id)| {
            Ok(UserBrief {
                id,
                role: Role::parse(&role).ok_or_else(|| corrupt("role", &role))?,
                district_id,
            })
        })
        .transpose()
    }

    /// An account's display name.
    pub async fn user_name(&self, id: i64) -> Result<Option<String>> {
        let sql = "SELECT display_name FROM users WHERE id = $1";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(id)
            .fetch_optional(pool)
            .await?))
    }

    // --- Comments ----------------------------------------------------------------------------

    /// Stores a comment (a thread when `parent_id` is `None`, else a reply).
    pub async fn add_comment(
        &self,
        survey_id: i64,
        target: &str,
        parent_id: Option<i64>,
        author_id: i64,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let sql = "INSERT INTO survey_comments (survey_id, target, parent_id, author_id, body, \
                   created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(survey_id)
            .bind(target)
            .bind(parent_id)
            .bind(author_id)
            .bind(body)
            .bind(now)
            .fetch_one(pool)
            .await?))
    }

    /// Every comment on a survey, oldest first.
    pub async fn comments(&self, survey_id: i64) -> Result<Vec<CommentRecord>> {
        let sql = format!("SELECT {COMMENT_COLUMNS} WHERE c.survey_id = $1 ORDER BY c.id");
        let rows: Vec<CommentRow> =
            on_pool!(&self.db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(survey_id)
                .fetch_all(pool)
                .await?);
        rows.into_iter().map(comment_record).collect()
    }

    /// One comment.
    pub async fn comment(&self, id: i64) -> Result<Option<CommentRecord>> {
        let sql = format!("SELECT {COMMENT_COLUMNS} WHERE c.id = $1");
        let row: Option<CommentRow> =
            on_pool!(&self.db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(pool)
                .await?);
        row.map(comment_record).transpose()
    }

    /// Resolves a thread (`Some(by)`) or reopens it (`None`).
    pub async fn set_resolved(
        &self,
        comment_id: i64,
        by: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "UPDATE survey_comments SET resolved_by = $1, resolved_at = $2 WHERE id = $3";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(by)
            .bind(by.map(|_| now))
            .bind(comment_id)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    // --- Suggestions -------------------------------------------------------------------------

    /// Stores a suggestion, open.
    #[allow(clippy::too_many_arguments, reason = "one row's columns")]
    pub async fn add_suggestion(
        &self,
        survey_id: i64,
        target: &str,
        author_id: i64,
        change: &Change,
        base_revision: i64,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let sql = "INSERT INTO survey_suggestions (survey_id, target, author_id, change, \
                   base_revision, note, created_at, state) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, 'open') RETURNING id";
        let change = to_json(change)?;
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(survey_id)
            .bind(target)
            .bind(author_id)
            .bind(&change)
            .bind(base_revision)
            .bind(note)
            .bind(now)
            .fetch_one(pool)
            .await?))
    }

    /// Every suggestion on a survey, oldest first.
    pub async fn suggestions(&self, survey_id: i64) -> Result<Vec<SuggestionRecord>> {
        let sql = format!("SELECT {SUGGESTION_COLUMNS} WHERE s.survey_id = $1 ORDER BY s.id");
        let rows: Vec<SuggestionRow> =
            on_pool!(&self.db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(survey_id)
                .fetch_all(pool)
                .await?);
        rows.into_iter().map(suggestion_record).collect()
    }

    /// One suggestion.
    pub async fn suggestion(&self, id: i64) -> Result<Option<SuggestionRecord>> {
        let sql = format!("SELECT {SUGGESTION_COLUMNS} WHERE s.id = $1");
        let row: Option<SuggestionRow> =
            on_pool!(&self.db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(pool)
                .await?);
        row.map(suggestion_record).transpose()
    }

    /// Records a decision on an open suggestion; `false` when it was already decided (a second
    /// click, or another member of staff first).
    pub async fn decide_suggestion(
        &self,
        id: i64,
        state: SuggestionState,
        by: i64,
        reply: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let sql = "UPDATE survey_suggestions SET state = $1, decided_by = $2, decided_at = $3, \
                   reply = $4 WHERE id = $5 AND state = 'open'";
        let n = on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(state.as_str())
            .bind(by)
            .bind(now)
            .bind(reply)
            .bind(id)
            .execute(pool)
            .await?
            .rows_affected());
        Ok(n == 1)
    }

    /// Opens a decided suggestion again (when carrying it out failed).
    pub async fn reopen_suggestion(&self, id: i64) -> Result<()> {
        let sql = "UPDATE survey_suggestions SET state = 'open', decided_by = NULL, \
                   decided_at = NULL, reply = NULL WHERE id = $1";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(id)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }
}
