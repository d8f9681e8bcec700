//! What the co-design pages receive.

use super::{QuestionDiff, SurveyDiff};
use crate::survey::{Question, SurveyDefinition, SurveyStatus, Text};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A reply in a comment thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    /// Id.
    pub id: i64,
    /// Who wrote it.
    pub author: String,
    /// Whether the author is ward staff (shown as such beside the name).
    pub staff: bool,
    /// What they wrote.
    pub body: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// A comment thread on a question or page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thread {
    /// The first comment.
    pub first: Reply,
    /// The question or page id ('' for the survey as a whole).
    pub target: String,
    /// Who resolved it, and when.
    pub resolved: Option<(String, DateTime<Utc>)>,
    /// The replies, oldest first.
    pub replies: Vec<Reply>,
    /// Whether the viewer may resolve or reopen it (staff, or whoever started it).
    pub can_resolve: bool,
}

/// A suggested change, as staff and its author see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuggestionView {
    /// Id.
    pub id: i64,
    /// The question it is about.
    pub target: String,
    /// Who suggested it.
    pub author: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Why, in their words.
    pub note: String,
    /// `reword`, `insert` or `delete`.
    pub kind: String,
    /// The change against the question as it is now (for `insert`: the new question).
    pub diff: QuestionDiff,
    /// `open`, `accepted` or `rejected`.
    pub state: String,
    /// Who decided, when, and their reply.
    pub decided: Option<(String, DateTime<Utc>, String)>,
    /// The question changed since the suggestion was made (staff should look again).
    pub stale: bool,
}

/// A council member's approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalView {
    /// Who.
    pub name: String,
    /// Their district.
    pub district: Option<Text>,
    /// The revision they approved.
    pub revision: i64,
    /// When.
    pub at: DateTime<Utc>,
}

/// A council member who may review the draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewerView {
    /// Name.
    pub name: String,
    /// Their district.
    pub district: Option<Text>,
}

/// An invitation, for staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationLine {
    /// Id.
    pub id: i64,
    /// Who was invited.
    pub email: String,
    /// For which district.
    pub district: Text,
    /// Until when the link works.
    pub expires_at: DateTime<Utc>,
    /// When it was used.
    pub accepted_at: Option<DateTime<Utc>>,
}

/// Who is looking at a draft, which decides what the co-design page offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Viewer {
    /// Ward staff: edit, invite, send to review, decide suggestions, publish.
    Staff,
    /// An invited council member: comment, suggest, approve.
    Council,
}

/// The co-design page of a survey: the draft as residents would see it, with the council's
/// comments, suggestions and approvals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftView {
    /// The survey's id.
    pub survey_id: i64,
    /// Its address.
    pub slug: String,
    /// Title.
    pub title: Text,
    /// Introduction.
    pub intro: Text,
    /// Status.
    pub status: SurveyStatus,
    /// The working copy's questions.
    pub definition: SurveyDefinition,
    /// The working copy's revision.
    pub revision: i64,
    /// Since when the draft is in review (none: not sent).
    pub in_review: Option<DateTime<Utc>>,
    /// Who is looking.
    pub viewer: Viewer,
    /// Whether the viewer's current approval stands (the revision they approved).
    pub my_approval: Option<i64>,
    /// Comment threads, oldest first.
    pub threads: Vec<Thread>,
    /// Suggestions, oldest first.
    pub suggestions: Vec<SuggestionView>,
    /// Current approvals.
    pub approvals: Vec<ApprovalView>,
    /// The council members who may review.
    pub reviewers: Vec<ReviewerView>,
    /// Invitations (staff only; empty for the council).
    pub invitations: Vec<InvitationLine>,
    /// The districts a member can be invited for (staff only).
    pub districts: Vec<(i64, Text)>,
    /// Names that can be mentioned with `@`.
    pub staff_names: Vec<String>,
    /// The published version's number, if any.
    pub published_version: Option<i64>,
    /// The approvals recorded when that version was published.
    pub published_approvals: Vec<ApprovalView>,
}

/// The suggestion form for one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuggestView {
    /// The survey's id.
    pub survey_id: i64,
    /// Its title.
    pub title: Text,
    /// The question as it is now.
    pub question: Question,
}

/// A freshly made invitation link, for staff to pass on or print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationLink {
    /// The survey's id.
    pub survey_id: i64,
    /// Its title.
    pub title: Text,
    /// Who is invited.
    pub email: String,
    /// For which district.
    pub district: Text,
    /// The full address of the link.
    pub url: String,
    /// The link as a QR code (SVG).
    pub qr_svg: String,
    /// Until when it works.
    pub expires_at: DateTime<Utc>,
    /// The address is the one the page was opened at (may not be reachable from outside).
    pub origin_guessed: bool,
}

/// What the invitation page shows the invitee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationPage {
    /// The survey's title.
    pub title: Text,
    /// The invited address.
    pub email: String,
    /// Their district.
    pub district: Text,
    /// Who invited them.
    pub invited_by: String,
    /// An account with this address exists: sign in with its password instead of choosing one.
    pub has_account: bool,
}

/// One revision in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionLine {
    /// Number.
    pub number: i64,
    /// Who saved it.
    pub author: Option<String>,
    /// What the change was.
    pub note: String,
    /// When.
    pub at: DateTime<Utc>,
    /// The published version that froze it, if any.
    pub published_as: Option<i64>,
}

/// A survey's history, and two revisions compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RevisionsView {
    /// The survey's id.
    pub survey_id: i64,
    /// Its title.
    pub title: Text,
    /// The working copy's revision.
    pub revision: i64,
    /// Every revision, newest first.
    pub revisions: Vec<RevisionLine>,
    /// The two revisions compared (older, newer) and how they differ.
    pub compare: Option<(i64, i64, SurveyDiff)>,
    /// Whether the viewer may restore a revision (staff).
    pub can_restore: bool,
}

/// A notification, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationLine {
    /// What happened (`comment`, `mention`, `reply`, `suggestion`, `accepted`, `rejected`,
    /// `review`, `approved`, `withdrawn`, `published`).
    pub kind: String,
    /// The survey, if any.
    pub survey_id: Option<i64>,
    /// Its title.
    pub survey_title: Option<String>,
    /// Who did it.
    pub actor: Option<String>,
    /// A short detail.
    pub detail: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Read already.
    pub read: bool,
    /// Where to look: the co-design page for council members, else the staff page.
    pub link: String,
}

/// Where a notification leads: a published survey's staff page for staff, else the survey's
/// co-design page.
pub fn notification_path(kind: &str, survey_id: Option<i64>, staff: bool) -> String {
    match (survey_id, staff) {
        (Some(id), true) if kind == "published" => format!("/staff/surveys/{id}"),
        (Some(id), _) => format!("/review/{id}"),
        (None, _) => "/".to_string(),
    }
}

/// What a notification of `kind` says happened, in `lang` (the notifications page and the
/// digest mail).
pub fn notification_text(lang: crate::Lang, kind: &str) -> &'static str {
    let (ja, en, easy) = match kind {
        "comment" => (
            "コメントがありました",
            "New comment",
            "コメントが ありました",
        ),
        "mention" => (
            "あなた宛てのコメントがありました",
            "You were mentioned",
            "あなたへの コメントが ありました",
        ),
        "reply" => ("返信がありました", "New reply", "へんじが ありました"),
        "suggestion" => (
            "変更の提案がありました",
            "New suggestion",
            "かえる ていあんが ありました",
        ),
        "accepted" => (
            "提案が採用されました",
            "Your suggestion was accepted",
            "ていあんが つかわれました",
        ),
        "rejected" => (
            "提案が見送られました",
            "Your suggestion was not taken",
            "ていあんは つかわれませんでした",
        ),
        "review" => (
            "確認の依頼が届きました",
            "A draft was sent for your review",
            "みて ほしい アンケートが あります",
        ),
        "approved" => (
            "承認されました",
            "A member approved the draft",
            "しょうにん されました",
        ),
        "withdrawn" => (
            "承認が取り消されました",
            "A member withdrew their approval",
            "しょうにんが とりけされました",
        ),
        "published" => (
            "アンケートが公開されました",
            "The survey was published",
            "アンケートが はじまりました",
        ),
        _ => ("お知らせ", "Notice", "おしらせ"),
    };
    match lang {
        crate::Lang::Ja => ja,
        crate::Lang::En => en,
        crate::Lang::EasyJa => easy,
    }
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub actor: Option<String>,
    /// What, as a code.
    pub action: String,
    /// The survey.
    pub survey_id: Option<i64>,
    /// Details.
    pub detail: String,
    /// Before.
    pub old_value: Option<String>,
    /// After.
    pub new_value: Option<String>,
}
