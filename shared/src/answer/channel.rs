//! How a response reached Yoriai.

use serde::{Deserialize, Serialize};

/// How a response reached Yoriai.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Answered on the web by the respondent.
    Web,
    /// Answered on paper and typed in by staff.
    Paper,
    /// Answered to a member of staff (by phone or at a counter) who typed it in.
    Staff,
}

impl Channel {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Paper => "paper",
            Channel::Staff => "staff",
        }
    }

    /// Reads a stored channel name.
    pub fn parse(s: &str) -> Option<Channel> {
        [Channel::Web, Channel::Paper, Channel::Staff]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}
