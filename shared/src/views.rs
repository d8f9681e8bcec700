//! What the server sends to pages: plain data, already checked and ready to show.

use crate::account::Role;
use crate::answer::Answers;
use crate::lang::Lang;
use crate::survey::{SurveyDefinition, Text};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where a survey is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyStatus {
    /// Being written; not visible to residents.
    Draft,
    /// Accepting answers (within its open and close times).
    Open,
    /// No longer accepting answers.
    Closed,
    /// Kept for the record, hidden from lists.
    Archived,
}

impl SurveyStatus {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            SurveyStatus::Draft => "draft",
            SurveyStatus::Open => "open",
            SurveyStatus::Closed => "closed",
            SurveyStatus::Archived => "archived",
        }
    }

    /// Reads a stored status name.
    pub fn parse(s: &str) -> Option<SurveyStatus> {
        [
            SurveyStatus::Draft,
            SurveyStatus::Open,
            SurveyStatus::Closed,
            SurveyStatus::Archived,
        ]
        .into_iter()
        .find(|st| st.as_str() == s)
    }
}

/// How a response reached Yoriai.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Answered on the web by the respondent.
    Web,
    /// Answered on paper and typed in by staff.
    Paper,
}

impl Channel {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Paper => "paper",
        }
    }
}

/// A survey as a respondent sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyForm {
    /// The URL slug, as in `/s/{slug}`.
    pub slug: String,
    /// The title.
    pub title: Text,
    /// Why the ward asks, shown above the questions.
    pub intro: Text,
    /// The questions.
    pub definition: SurveyDefinition,
    /// The last moment answers are taken, if set.
    pub closes_at: Option<DateTime<Utc>>,
    /// A fresh key that makes a repeated submit of this form store one response only.
    pub idempotency_key: String,
}

/// What a respondent submits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    /// The survey's slug.
    pub slug: String,
    /// The raw form fields, as a plain HTML form would post them.
    pub fields: crate::answer::FormValues,
    /// The key rendered into the form.
    pub idempotency_key: String,
    /// The language the respondent answered in.
    pub lang: Lang,
}

/// The acknowledgement of a stored response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// The stored response's id.
    pub response_id: i64,
    /// False when this submit repeated an earlier one and nothing new was stored.
    pub newly_stored: bool,
}

/// A signed-in person, as pages need to know them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    /// The account id.
    pub id: i64,
    /// The name to greet them by.
    pub display_name: String,
    /// What they may do.
    pub role: Role,
}

/// One survey in the staff list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveySummary {
    /// The survey id.
    pub id: i64,
    /// The URL slug.
    pub slug: String,
    /// The title.
    pub title: Text,
    /// Where it is in its life.
    pub status: SurveyStatus,
    /// How many responses are stored.
    pub response_count: i64,
    /// When the latest response arrived.
    pub last_response_at: Option<DateTime<Utc>>,
}

/// One stored response, for the staff page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseRow {
    /// The response id.
    pub id: i64,
    /// When it arrived.
    pub submitted_at: DateTime<Utc>,
    /// How it arrived.
    pub channel: Channel,
    /// The language it was answered in.
    pub lang: Lang,
    /// The answers.
    pub answers: Answers,
}

/// A survey with its latest responses, for the staff page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyResponses {
    /// The survey.
    pub summary: SurveySummary,
    /// Its questions, to label the answers.
    pub definition: SurveyDefinition,
    /// The latest responses, newest first.
    pub latest: Vec<ResponseRow>,
}
