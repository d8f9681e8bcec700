//! Moderation: residents report a group or a post; staff hide, restore or remove it (or dismiss
//! the reports) with a reason.

use crate::answer::FormValues;
use crate::error::FieldErrors;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The longest report, in characters.
pub const REASON_MAX: usize = 1000;

/// What was reported: a group, or one of its posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Target {
    /// The group (the post's group, for a post).
    pub group: i64,
    /// The post, if a post was reported.
    pub post: Option<i64>,
}

impl Target {
    /// Reads `group` and `post` (empty or absent for the group itself).
    pub fn from_form(values: &FormValues) -> Option<Target> {
        let group = values.first("group")?.trim().parse().ok()?;
        let post = match values.first("post").map(str::trim) {
            None | Some("") => None,
            Some(p) => Some(p.parse().ok()?),
        };
        Some(Target { group, post })
    }
}

/// The reason a report or a decision gives (`reason`): required, one to [`REASON_MAX`]
/// characters, no control characters but line breaks.
pub fn reason(values: &FormValues, required: bool) -> Result<String, FieldErrors> {
    let mut errors = FieldErrors::default();
    let reason = super::text_field(values, "reason", REASON_MAX, required, true, &mut errors);
    if errors.is_empty() {
        Ok(reason)
    } else {
        Err(errors)
    }
}

/// What staff do with a reported item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// No longer shown to residents (its organisers and staff still see it, marked).
    Hide,
    /// Shown again after being hidden.
    Restore,
    /// A post taken down for good (kept only for the record).
    Remove,
    /// Nothing wrong: the reports are closed and the item stays as it is.
    Dismiss,
}

impl Action {
    /// Reads the form's `action`.
    pub fn parse(s: &str) -> Option<Action> {
        match s {
            "hide" => Some(Action::Hide),
            "restore" => Some(Action::Restore),
            "remove" => Some(Action::Remove),
            "dismiss" => Some(Action::Dismiss),
            _ => None,
        }
    }

    /// The form value.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Hide => "hide",
            Action::Restore => "restore",
            Action::Remove => "remove",
            Action::Dismiss => "dismiss",
        }
    }

    /// Whether a reason must be given (taking something down always says why).
    pub fn needs_reason(self) -> bool {
        matches!(self, Action::Hide | Action::Remove)
    }

    /// The status the item's open reports close with.
    pub fn report_status(self) -> &'static str {
        match self {
            Action::Hide => "hidden",
            Action::Restore => "restored",
            Action::Remove => "removed",
            Action::Dismiss => "dismissed",
        }
    }
}

/// A reported (or hidden) group or post, as the staff queue shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportedItem {
    /// What it is.
    pub target: Target,
    /// The group's name.
    pub group_name: String,
    /// The post's title (posts only).
    pub post_title: Option<String>,
    /// The post's text, or the group's description.
    pub text: String,
    /// Whether it is hidden now.
    pub hidden: bool,
    /// Why it was hidden, when it is.
    pub hidden_reason: String,
    /// The open reports' reasons, newest first.
    pub reasons: Vec<String>,
    /// When it was last reported.
    pub last_reported_at: Option<DateTime<Utc>>,
}

/// The moderation queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportsView {
    /// Items with open reports, most reported first.
    pub open: Vec<ReportedItem>,
    /// Items hidden now without open reports, to restore.
    pub hidden: Vec<ReportedItem>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail by panicking")]
mod tests {
    use super::*;
    use crate::error::FieldError;

    #[test]
    fn targets_and_reasons_are_read_from_the_form() {
        let form = FormValues::of(&[("group", "3"), ("post", ""), ("reason", " 宣伝です ")]);
        assert_eq!(
            Target::from_form(&form),
            Some(Target {
                group: 3,
                post: None
            })
        );
        assert_eq!(reason(&form, true).unwrap(), "宣伝です");
        let post = FormValues::of(&[("group", "3"), ("post", "9")]);
        assert_eq!(Target::from_form(&post).unwrap().post, Some(9));
        assert_eq!(
            Target::from_form(&FormValues::of(&[("group", "3"), ("post", "x")])),
            None
        );
        assert_eq!(Target::from_form(&FormValues::of(&[("post", "9")])), None);
        let errors = reason(&post, true).unwrap_err();
        assert_eq!(errors.get("reason"), Some(&FieldError::Required));
        assert_eq!(reason(&post, false).unwrap(), "");
        let long = "あ".repeat(REASON_MAX + 1);
        let errors = reason(&FormValues::of(&[("reason", &long)]), true).unwrap_err();
        assert!(matches!(
            errors.get("reason"),
            Some(FieldError::TooLong { .. })
        ));
        for action in [
            Action::Hide,
            Action::Restore,
            Action::Remove,
            Action::Dismiss,
        ] {
            assert_eq!(Action::parse(action.as_str()), Some(action));
        }
        assert!(Action::Hide.needs_reason() && !Action::Dismiss.needs_reason());
    }
}
