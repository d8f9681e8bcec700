//! Co-design: revisions of a working copy (saved only on top of the revision they started
//! from), council invitations and reviewers, comment threads, suggestions, approvals,
//! notifications, and the survey part of the audit log.

mod approvals;
mod review;
mod revisions;

use crate::db::corrupt;
use crate::error::Result;
use chrono::{DateTime, Utc};
use shared::account::Role;
use shared::codesign::Change;

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
