//! Co-design: revisions of a working copy (saved only on top of the revision they started
//! from), council invitations and reviewers, comment threads, suggestions, approvals,
//! notifications, and the survey part of the audit log.

use super::store::{corrupt, parse_definition, parse_text, to_json};
use super::{Store, on_pool};
use crate::error::Result;
use chrono::{DateTime, Utc};
use shared::ApiError;
use shared::account::Role;
use shared::codesign::{Change, Content};
use shared::views::{SurveyStatus, SurveySummary};

/// One revision of a working copy, without its content.
#[derive(Debug, Clone, PartialEq)]
pub struct RevisionRecord {
    /// 1, 2, … per survey.
    pub number: i64,
    /// Who saved it (none for revisions made before there were authors).
    pub author: Option<String>,
    /// What the change was (`edit`, `settings`, `restore 3`, …).
    pub note: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// An invitation for a council member to review a survey.
#[derive(Debug, Clone, PartialEq)]
pub struct InvitationRecord {
    /// Id.
    pub id: i64,
    /// The survey to review.
    pub survey_id: i64,
    /// Who is invited (normalised e-mail address).
    pub email: String,
    /// The district they speak for.
    pub district_id: i64,
    /// Who invited them.
    pub invited_by: i64,
    /// When the link stops working.
    pub expires_at: DateTime<Utc>,
    /// When it was used (a link works once).
    pub accepted_at: Option<DateTime<Utc>>,
}

/// Who an account is, briefly.
#[derive(Debug, Clone, PartialEq)]
pub struct UserBrief {
    /// Account id.
    pub id: i64,
    /// Role.
    pub role: Role,
    /// District, if limited to one.
    pub district_id: Option<i64>,
}

/// A council member who may review a survey.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewerRecord {
    /// Account id.
    pub user_id: i64,
    /// Name.
    pub name: String,
    /// Their district.
    pub district_id: Option<i64>,
}

/// A comment or reply.
#[derive(Debug, Clone, PartialEq)]
pub struct CommentRecord {
    /// Id.
    pub id: i64,
    /// The survey.
    pub survey_id: i64,
    /// The question or page id ('' for the survey as a whole).
    pub target: String,
    /// The thread it replies to.
    pub parent_id: Option<i64>,
    /// Who wrote it.
    pub author_id: i64,
    /// Their name.
    pub author: String,
    /// Their role.
    pub author_role: Role,
    /// What they wrote.
    pub body: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// When the thread was resolved, and by whom.
    pub resolved: Option<(DateTime<Utc>, String)>,
}

/// What became of a suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuggestionState {
    /// Waiting for staff.
    Open,
    /// Carried out.
    Accepted,
    /// Declined, with a reply.
    Rejected,
}

impl SuggestionState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            SuggestionState::Open => "open",
            SuggestionState::Accepted => "accepted",
            SuggestionState::Rejected => "rejected",
        }
    }

    fn parse(s: &str) -> Option<SuggestionState> {
        [
            SuggestionState::Open,
            SuggestionState::Accepted,
            SuggestionState::Rejected,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }
}

/// A suggested change to one question.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestionRecord {
    /// Id.
    pub id: i64,
    /// The survey.
    pub survey_id: i64,
    /// The question.
    pub target: String,
    /// Who suggested it.
    pub author_id: i64,
    /// Their name.
    pub author: String,
    /// The change.
    pub change: Change,
    /// The revision it was made against.
    pub base_revision: i64,
    /// Why, in the member's words (may be empty).
    pub note: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Open, accepted or rejected.
    pub state: SuggestionState,
    /// Who decided, when, and their reply.
    pub decided: Option<(String, DateTime<Utc>, String)>,
}

/// A council member's approval.
#[derive(Debug, Clone, PartialEq)]
pub struct ApprovalRecord {
    /// Who.
    pub user_id: i64,
    /// Their name.
    pub name: String,
    /// Their district.
    pub district_id: Option<i64>,
    /// The revision they approved.
    pub revision: i64,
    /// When.
    pub approved_at: DateTime<Utc>,
}

/// A notification.
#[derive(Debug, Clone, PartialEq)]
pub struct NotificationRecord {
    /// Id.
    pub id: i64,
    /// What happened (`comment`, `mention`, `suggestion`, `decided`, `review`, `published`,
    /// `approved`).
    pub kind: String,
    /// The survey it is about.
    pub survey_id: Option<i64>,
    /// Its title (Japanese).
    pub survey_title: Option<String>,
    /// Who did it.
    pub actor: Option<String>,
    /// A short detail (a comment's first words, a question id).
    pub detail: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Whether it has been read.
    pub read: bool,
}

/// One line of the audit log, as admins read it.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRecord {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (none for the system).
    pub actor: Option<String>,
    /// What, as a stable code.
    pub action: String,
    /// The survey it concerns.
    pub survey_id: Option<i64>,
    /// Details.
    pub detail: String,
    /// What it was before (JSON or text), if recorded.
    pub old_value: Option<String>,
    /// What it is after, if recorded.
    pub new_value: Option<String>,
}

type CommentRow = (
    i64,
    i64,
    String,
    Option<i64>,
    i64,
    String,
    String,
    String,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    Option<String>,
);

const COMMENT_COLUMNS: &str = "c.id, c.survey_id, c.target, c.parent_id, c.author_id, \
     u.display_name, u.role, c.body, c.created_at, c.resolved_at, r.display_name \
     FROM survey_comments c JOIN users u ON u.id = c.author_id \
     LEFT JOIN users r ON r.id = c.resolved_by";

fn comment_record(row: CommentRow) -> Result<CommentRecord> {
    let (id, survey_id, target, parent_id, author_id, author, role, body, at, resolved, by) = row;
    Ok(CommentRecord {
        id,
        survey_id,
        target,
        parent_id,
        author_id,
        author,
        author_role: Role::parse(&role).ok_or_else(|| corrupt("role", &role))?,
        body,
        created_at: at,
        resolved: resolved.map(|at| (at, by.unwrap_or_default())),
    })
}

type SuggestionRow = (
    i64,
    i64,
    String,
    i64,
    String,
    String,
    i64,
    String,
    DateTime<Utc>,
    String,
    Option<String>,
    Option<DateTime<Utc>>,
    Option<String>,
);

const SUGGESTION_COLUMNS: &str = "s.id, s.survey_id, s.target, s.author_id, u.display_name, \
     s.change, s.base_revision, s.note, s.created_at, s.state, d.display_name, s.decided_at, \
     s.reply FROM survey_suggestions s JOIN users u ON u.id = s.author_id \
     LEFT JOIN users d ON d.id = s.decided_by";

fn suggestion_record(row: SuggestionRow) -> Result<SuggestionRecord> {
    let (id, survey_id, target, author_id, author, change, base, note, at, state, by, when, reply) =
        row;
    Ok(SuggestionRecord {
        id,
        survey_id,
        target,
        author_id,
        author,
        change: serde_json::from_str(&change).map_err(|e| corrupt("suggestion", e))?,
        base_revision: base,
        note,
        created_at: at,
        state: SuggestionState::parse(&state).ok_or_else(|| corrupt("suggestion state", &state))?,
        decided: when.map(|when| (by.unwrap_or_default(), when, reply.unwrap_or_default())),
    })
}

type InvitationRow = (
    i64,
    i64,
    String,
    i64,
    i64,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
);

const INVITATION_COLUMNS: &str = "id, survey_id, email, district_id, invited_by, expires_at, accepted_at FROM survey_invitations";

fn invitation_record(row: InvitationRow) -> InvitationRecord {
    let (id, survey_id, email, district_id, invited_by, expires_at, accepted_at) = row;
    InvitationRecord {
        id,
        survey_id,
        email,
        district_id,
        invited_by,
        expires_at,
        accepted_at,
    }
}

impl Store {
    // --- Revisions ---------------------------------------------------------------------------

    /// Saves new content on top of revision `base` as the next revision. Returns its number,
    /// or `None` when the working copy is no longer at `base` (someone saved in between);
    /// nothing is written then.
    pub async fn save_content(
        &self,
        survey_id: i64,
        base: i64,
        content: &Content,
        author: i64,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>> {
        let update = "UPDATE surveys SET title = $1, intro = $2, definition = $3, \
                      updated_at = $4, revision = revision + 1 \
                      WHERE id = $5 AND revision = $6 RETURNING revision";
        let insert = "INSERT INTO survey_revisions (survey_id, number, title, intro, \
                      definition, author_id, note, created_at) \
                      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
        let (title, intro) = (to_json(&content.title)?, to_json(&content.intro)?);
        let definition = content.definition.to_json();
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            let number: Option<i64> = sqlx::query_scalar(update)
                .bind(&title)
                .bind(&intro)
                .bind(&definition)
                .bind(now)
                .bind(survey_id)
                .bind(base)
                .fetch_optional(&mut *tx)
                .await?;
            let Some(number) = number else {
                return Ok(None);
            };
            sqlx::query(insert)
                .bind(survey_id)
                .bind(number)
                .bind(&title)
                .bind(&intro)
                .bind(&definition)
                .bind(author)
                .bind(note)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(Some(number))
        })
    }

    /// A survey's revisions, newest first.
    pub async fn revisions(&self, survey_id: i64) -> Result<Vec<RevisionRecord>> {
        let sql = "SELECT r.number, u.display_name, r.note, r.created_at \
                   FROM survey_revisions r LEFT JOIN users u ON u.id = r.author_id \
                   WHERE r.survey_id = $1 ORDER BY r.number DESC";
        let rows: Vec<(i64, Option<String>, String, DateTime<Utc>)> =
            on_pool!(&self.db, |pool| sqlx::query_as(sql)
                .bind(survey_id)
                .fetch_all(pool)
                .await?);
        Ok(rows
            .into_iter()
            .map(|(number, author, note, created_at)| RevisionRecord {
                number,
                author,
                note,
                created_at,
            })
            .collect())
    }

    /// The content of one revision.
    pub async fn revision_content(&self, survey_id: i64, number: i64) -> Result<Option<Content>> {
        let sql = "SELECT title, intro, definition FROM survey_revisions \
                   WHERE survey_id = $1 AND number = $2";
        let row: Option<(String, String, String)> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(survey_id)
            .bind(number)
            .fetch_optional(pool)
            .await?);
        row.map(|(title, intro, definition)| {
            Ok(Content {
                title: parse_text(&title)?,
                intro: parse_text(&intro)?,
                definition: parse_definition(&definition)?,
            })
        })
        .transpose()
    }

    /// The revision each published version froze (version number, revision), oldest first.
    pub async fn published_revisions(&self, survey_id: i64) -> Result<Vec<(i64, Option<i64>)>> {
        let sql = "SELECT number, revision FROM survey_versions WHERE survey_id = $1 \
                   ORDER BY number";
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(survey_id)
            .fetch_all(pool)
            .await?))
    }

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

    // --- Approvals ---------------------------------------------------------------------------

    /// Records (or moves forward) a member's approval of revision `revision`.
    pub async fn approve(
        &self,
        survey_id: i64,
        user_id: i64,
        revision: i64,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "INSERT INTO survey_approvals (survey_id, user_id, revision, approved_at) \
                   VALUES ($1, $2, $3, $4) ON CONFLICT (survey_id, user_id) \
                   DO UPDATE SET revision = excluded.revision, approved_at = excluded.approved_at";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(survey_id)
            .bind(user_id)
            .bind(revision)
            .bind(now)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// Withdraws a member's approval; `false` when there was none.
    pub async fn withdraw_approval(&self, survey_id: i64, user_id: i64) -> Result<bool> {
        let sql = "DELETE FROM survey_approvals WHERE survey_id = $1 AND user_id = $2";
        let n = on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(survey_id)
            .bind(user_id)
            .execute(pool)
            .await?
            .rows_affected());
        Ok(n == 1)
    }

    /// The approvals of a survey's working copy.
    pub async fn approvals(&self, survey_id: i64) -> Result<Vec<ApprovalRecord>> {
        let sql = "SELECT a.user_id, u.display_name, u.district_id, a.revision, a.approved_at \
                   FROM survey_approvals a JOIN users u ON u.id = a.user_id \
                   WHERE a.survey_id = $1 ORDER BY a.approved_at";
        self.approval_rows(sql, survey_id).await
    }

    /// The approvals frozen with a published version.
    pub async fn version_approvals(&self, version_id: i64) -> Result<Vec<ApprovalRecord>> {
        let sql = "SELECT a.user_id, u.display_name, u.district_id, a.revision, a.approved_at \
                   FROM version_approvals a JOIN users u ON u.id = a.user_id \
                   WHERE a.version_id = $1 ORDER BY a.approved_at";
        self.approval_rows(sql, version_id).await
    }

    async fn approval_rows(&self, sql: &'static str, id: i64) -> Result<Vec<ApprovalRecord>> {
        type Row = (i64, String, Option<i64>, i64, DateTime<Utc>);
        let rows: Vec<Row> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(id)
            .fetch_all(pool)
            .await?);
        Ok(rows
            .into_iter()
            .map(
                |(user_id, name, district_id, revision, approved_at)| ApprovalRecord {
                    user_id,
                    name,
                    district_id,
                    revision,
                    approved_at,
                },
            )
            .collect())
    }

    // --- Notifications -----------------------------------------------------------------------

    /// Tells each of `users` (but the actor) that something happened.
    pub async fn notify(
        &self,
        users: &[i64],
        kind: &str,
        survey_id: i64,
        actor_id: i64,
        detail: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "INSERT INTO notifications (user_id, kind, survey_id, actor_id, detail, \
                   created_at) VALUES ($1, $2, $3, $4, $5, $6)";
        let mut users: Vec<i64> = users.iter().copied().filter(|u| *u != actor_id).collect();
        users.sort_unstable();
        users.dedup();
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            for user in &users {
                sqlx::query(sql)
                    .bind(user)
                    .bind(kind)
                    .bind(survey_id)
                    .bind(actor_id)
                    .bind(detail)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(())
        })
    }

    /// An account's latest notifications, newest first.
    pub async fn notifications(&self, user_id: i64, limit: i64) -> Result<Vec<NotificationRecord>> {
        let sql = "SELECT n.id, n.kind, n.survey_id, s.title, a.display_name, n.detail, \
                   n.created_at, n.read_at FROM notifications n \
                   LEFT JOIN surveys s ON s.id = n.survey_id \
                   LEFT JOIN users a ON a.id = n.actor_id \
                   WHERE n.user_id = $1 ORDER BY n.id DESC LIMIT $2";
        type Row = (
            i64,
            String,
            Option<i64>,
            Option<String>,
            Option<String>,
            String,
            DateTime<Utc>,
            Option<DateTime<Utc>>,
        );
        let rows: Vec<Row> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(user_id)
            .bind(limit)
            .fetch_all(pool)
            .await?);
        rows.into_iter()
            .map(|(id, kind, survey_id, title, actor, detail, at, read)| {
                Ok(NotificationRecord {
                    id,
                    kind,
                    survey_id,
                    survey_title: title.map(|t| parse_text(&t).map(|t| t.ja)).transpose()?,
                    actor,
                    detail,
                    created_at: at,
                    read: read.is_some(),
                })
            })
            .collect()
    }

    /// How many notifications an account has not read.
    pub async fn unread_notifications(&self, user_id: i64) -> Result<i64> {
        let sql = "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(user_id)
            .fetch_one(pool)
            .await?))
    }

    /// Marks every notification of an account read.
    pub async fn mark_notifications_read(&self, user_id: i64, now: DateTime<Utc>) -> Result<()> {
        let sql = "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(now)
            .bind(user_id)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    // --- Audit -------------------------------------------------------------------------------

    /// Appends a survey action to the audit log, with what it changed.
    #[allow(clippy::too_many_arguments, reason = "one row's columns")]
    pub async fn audit_survey(
        &self,
        actor_id: i64,
        action: &str,
        survey_id: i64,
        detail: &str,
        old_value: Option<&str>,
        new_value: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.insert_audit(
            Some(actor_id),
            action,
            Some(survey_id),
            detail,
            (old_value, new_value),
            at,
        )
        .await
    }

    /// One line of the audit log.
    pub(crate) async fn insert_audit(
        &self,
        actor_id: Option<i64>,
        action: &str,
        survey_id: Option<i64>,
        detail: &str,
        (old_value, new_value): (Option<&str>, Option<&str>),
        at: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "INSERT INTO audit_log (at, actor_id, action, detail, survey_id, old_value, \
                   new_value) VALUES ($1, $2, $3, $4, $5, $6, $7)";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(at)
            .bind(actor_id)
            .bind(action)
            .bind(detail)
            .bind(survey_id)
            .bind(old_value)
            .bind(new_value)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// The latest audit log lines, newest first, optionally of one survey only.
    pub async fn audit_log(
        &self,
        survey_id: Option<i64>,
        ward: Option<i64>,
        limit: i64,
    ) -> Result<Vec<AuditRecord>> {
        // A ward's entries: those about its surveys, and the others made by its people.
        let sql = "SELECT l.at, u.display_name, l.action, l.survey_id, l.detail, l.old_value, \
                   l.new_value FROM audit_log l LEFT JOIN users u ON u.id = l.actor_id \
                   WHERE ($1 IS NULL OR l.survey_id = $1) \
                   AND ($3 IS NULL \
                        OR l.survey_id IN (SELECT id FROM surveys WHERE ward_id = $3) \
                        OR (l.survey_id IS NULL AND u.ward_id = $3)) \
                   ORDER BY l.id DESC LIMIT $2";
        type Row = (
            DateTime<Utc>,
            Option<String>,
            String,
            Option<i64>,
            String,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(survey_id)
            .bind(limit)
            .bind(ward)
            .fetch_all(pool)
            .await?);
        Ok(rows
            .into_iter()
            .map(
                |(at, actor, action, survey_id, detail, old_value, new_value)| AuditRecord {
                    at,
                    actor,
                    action,
                    survey_id,
                    detail,
                    old_value,
                    new_value,
                },
            )
            .collect())
    }
}
