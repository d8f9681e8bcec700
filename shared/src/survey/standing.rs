//! Where a survey stands in its life, and how many responses one person may give.

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

/// How many responses one person may give, chosen per survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponsePolicy {
    /// Anyone with the link, as often as they like (anonymous).
    #[default]
    Open,
    /// Once per browser (a cookie; a soft limit that stops accidental repeats).
    Device,
    /// Once per single-use invitation code handed out by the ward.
    Code,
    /// Once per signed-in resident account.
    Resident,
}

impl ResponsePolicy {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ResponsePolicy::Open => "open",
            ResponsePolicy::Device => "device",
            ResponsePolicy::Code => "code",
            ResponsePolicy::Resident => "resident",
        }
    }

    /// Reads a stored policy name.
    pub fn parse(s: &str) -> Option<ResponsePolicy> {
        [
            ResponsePolicy::Open,
            ResponsePolicy::Device,
            ResponsePolicy::Code,
            ResponsePolicy::Resident,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
    }
}
