//! Rows as the store hands them out and takes them in.

use chrono::{DateTime, Utc};
use shared::Lang;
use shared::answer::{Answers, Channel};
use shared::survey::{ResponsePolicy, SurveyDefinition, SurveyStatus, Text};

/// A new survey.
#[derive(Debug, Clone)]
pub struct NewSurvey {
    /// The ward that runs it.
    pub ward_id: i64,
    /// URL slug.
    pub slug: String,
    /// Title.
    pub title: Text,
    /// Introduction.
    pub intro: Text,
    /// Initial status.
    pub status: SurveyStatus,
    /// Questions.
    pub definition: SurveyDefinition,
    /// Who may answer how often.
    pub policy: ResponsePolicy,
    /// When answers start being accepted.
    pub opens_at: Option<DateTime<Utc>>,
    /// When answers stop being accepted.
    pub closes_at: Option<DateTime<Utc>>,
    /// Who made it (the author of its first revision).
    pub created_by: Option<i64>,
}

/// A survey as stored.
#[derive(Debug, Clone)]
pub struct SurveyRecord {
    /// Id.
    pub id: i64,
    /// The ward that runs it.
    pub ward_id: i64,
    /// URL slug.
    pub slug: String,
    /// Title.
    pub title: Text,
    /// Introduction.
    pub intro: Text,
    /// Status.
    pub status: SurveyStatus,
    /// Questions (the working copy staff edit; residents answer the current version).
    pub definition: SurveyDefinition,
    /// Who may answer how often.
    pub policy: ResponsePolicy,
    /// The published version residents answer, if any.
    pub current_version_id: Option<i64>,
    /// Paper answers are typed twice, by two operators, before they are stored.
    pub double_entry: bool,
    /// Opening time.
    pub opens_at: Option<DateTime<Utc>>,
    /// Closing time.
    pub closes_at: Option<DateTime<Utc>>,
    /// Stored responses.
    pub response_count: i64,
    /// When the latest response arrived.
    pub last_response_at: Option<DateTime<Utc>>,
    /// The working copy's latest revision number.
    pub revision: i64,
    /// When the draft was sent to the council for review (none: not in review).
    pub review_since: Option<DateTime<Utc>>,
}

impl SurveyRecord {
    /// The working copy's content (what a revision stores).
    pub fn content(&self) -> shared::codesign::Content {
        shared::codesign::Content {
            title: self.title.clone(),
            intro: self.intro.clone(),
            definition: self.definition.clone(),
        }
    }
}

/// A published, immutable version of a survey.
#[derive(Debug, Clone)]
pub struct VersionRecord {
    /// Id.
    pub id: i64,
    /// The survey it belongs to.
    pub survey_id: i64,
    /// 1, 2, … per survey.
    pub number: i64,
    /// Title as published.
    pub title: Text,
    /// Introduction as published.
    pub intro: Text,
    /// Questions as published.
    pub definition: SurveyDefinition,
}

/// Answers saved section by section, not yet (or already) sent.
#[derive(Debug, Clone)]
pub struct DraftRecord {
    /// Id.
    pub id: i64,
    /// The survey.
    pub survey_id: i64,
    /// The version being answered.
    pub version_id: i64,
    /// The key the response will be stored under.
    pub idempotency_key: String,
    /// The answers so far.
    pub answers: Answers,
    /// The invitation code accepted at the start, if the policy asks for one.
    pub code_id: Option<i64>,
    /// The response stored from this draft, once sent.
    pub response_id: Option<i64>,
    /// The group whose survey link the respondent came by.
    pub referred_group_id: Option<i64>,
}

/// A draft to start: answers are saved against it until they are sent.
#[derive(Debug, Clone)]
pub struct NewDraft<'a> {
    /// The survey.
    pub survey_id: i64,
    /// The version being answered.
    pub version_id: i64,
    /// The hash of the respondent's cookie token, by which the draft is found.
    pub token_hash: &'a str,
    /// The key the response will be stored under.
    pub idempotency_key: &'a str,
    /// The invitation code accepted at the start.
    pub code_id: Option<i64>,
    /// The group whose survey link the respondent came by.
    pub referred_group_id: Option<i64>,
}

/// A single-use invitation code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRecord {
    /// Id.
    pub id: i64,
    /// The code, normalised.
    pub code: String,
    /// The district it was handed out in, if any.
    pub district_id: Option<i64>,
    /// Whether it has been used.
    pub used: bool,
}

/// A response to store.
#[derive(Debug, Clone)]
pub struct NewResponse {
    /// The survey answered.
    pub survey_id: i64,
    /// The version answered.
    pub version_id: i64,
    /// The respondent's district, if known.
    pub district_id: Option<i64>,
    /// Marks the respondent as having answered (one per device or resident), in the same
    /// transaction; a mark seen before refuses the response.
    pub mark: Option<String>,
    /// Uses up this invitation code in the same transaction; a used code refuses the response.
    pub code_id: Option<i64>,
    /// The draft the answers come from, cleared in the same transaction.
    pub draft_id: Option<i64>,
    /// The key that makes repeated submits store one response.
    pub idempotency_key: String,
    /// Answers as JSON.
    pub answers_json: String,
    /// Language answered in.
    pub lang: Lang,
    /// How it arrived.
    pub channel: Channel,
    /// When it arrived.
    pub submitted_at: DateTime<Utc>,
    /// The member of staff who typed it in (paper responses).
    pub entered_by: Option<i64>,
    /// The typings of the paper sheet it comes from, linked to it in the same transaction.
    pub paper_entries: Vec<i64>,
    /// Its free-text answers (`shared::analytics::texts`), stored alongside for search.
    pub texts: Vec<(String, String)>,
    /// The group whose survey link the respondent came by (web responses).
    pub referred_group_id: Option<i64>,
}

/// What happened to a response handed to the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    /// A new response was stored with this id.
    New(i64),
    /// The same idempotency key had been stored before, with this id; nothing changed.
    Repeat(i64),
    /// The respondent's mark was already there: they have answered before. Nothing stored.
    AlreadyAnswered,
    /// The invitation code had been used. Nothing stored.
    CodeUsed,
}

/// A district (校区), read by name from its columns.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct District {
    /// Id.
    pub id: i64,
    /// Stable code.
    pub code: String,
    /// Japanese name.
    pub name_ja: String,
    /// English name, if any.
    pub name_en: Option<String>,
    /// The name in easy Japanese with furigana markup, if any.
    pub name_easy: Option<String>,
}

/// A district as the ward lists it, to create or rename.
#[derive(Debug, Clone, Copy)]
pub struct NewDistrict<'a> {
    /// Stable code.
    pub code: &'a str,
    /// Japanese name.
    pub name_ja: &'a str,
    /// English name.
    pub name_en: &'a str,
    /// Easy-Japanese name with furigana markup (`{北方|きたがた}`).
    pub name_easy: Option<&'a str>,
    /// Place in the ward's order (lists sort by it, then by code).
    pub position: i64,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Who did it (none for the system or an anonymous visitor).
    pub actor_id: Option<i64>,
    /// What was done, as a short stable code (`sign_in`, say).
    pub action: String,
    /// Details, as short text.
    pub detail: String,
}
