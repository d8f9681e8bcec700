//! Notices: staff and community-centre directors write to the members of chosen groups and/or
//! the people of chosen districts ("the centre will try Sunday opening in March"); each
//! recipient finds it in their feed, and the sender sees how many received and read it.

use super::DistrictOption;
use crate::answer::FormValues;
use crate::error::{FieldError, FieldErrors};
use crate::matters::chosen_ids;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The longest notice title, in characters.
pub const MAX_TITLE_CHARS: usize = 100;
/// The longest notice text, in characters.
pub const MAX_BODY_CHARS: usize = 2000;

/// A notice as written: checked, with its audience.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoticeFields {
    /// The title.
    pub title: String,
    /// The text (line breaks kept).
    pub body: String,
    /// The groups whose members and followers receive it.
    pub groups: Vec<i64>,
    /// The districts whose residents (home district) and group members receive it.
    pub districts: Vec<i64>,
}

impl NoticeFields {
    /// Reads the notice form (`title`, `body`, `group` and `district`, each repeated), keeping
    /// to the groups and districts the sender may reach.
    pub fn from_form(
        values: &FormValues,
        groups: &[i64],
        districts: &[i64],
    ) -> Result<NoticeFields, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = values.first("title").unwrap_or_default().trim().to_string();
        if title.is_empty() {
            errors.push("title", FieldError::Required);
        } else if title.chars().count() > MAX_TITLE_CHARS {
            errors.push(
                "title",
                FieldError::TooLong {
                    max: MAX_TITLE_CHARS as u32,
                },
            );
        }
        let body = values
            .first("body")
            .unwrap_or_default()
            .trim()
            .replace("\r\n", "\n");
        if body.is_empty() {
            errors.push("body", FieldError::Required);
        } else if body.chars().count() > MAX_BODY_CHARS {
            errors.push(
                "body",
                FieldError::TooLong {
                    max: MAX_BODY_CHARS as u32,
                },
            );
        }
        let chosen_groups = chosen_ids(values, "group", groups, &mut errors);
        let chosen_districts = chosen_ids(values, "district", districts, &mut errors);
        if chosen_groups.is_empty()
            && chosen_districts.is_empty()
            && errors.get("group").is_none()
            && errors.get("district").is_none()
        {
            errors.push("audience", FieldError::Required);
        }
        if errors.is_empty() {
            Ok(NoticeFields {
                title,
                body,
                groups: chosen_groups,
                districts: chosen_districts,
            })
        } else {
            Err(errors)
        }
    }
}

/// A notice in a recipient's feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoticeLine {
    /// The notice id.
    pub id: i64,
    /// The title.
    pub title: String,
    /// The text.
    pub body: String,
    /// Who sent it (their display name).
    pub sender: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Whether this is the first time the recipient sees it.
    pub new: bool,
}

/// A sent notice with its counts, for the senders.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentNotice {
    /// The notice id.
    pub id: i64,
    /// The title.
    pub title: String,
    /// Who sent it.
    pub sender: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// How many people received it.
    pub delivered: i64,
    /// How many of them have read it.
    pub read: i64,
}

/// A group the sender may write to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupOption {
    /// The group id.
    pub id: i64,
    /// Its name.
    pub name: String,
}

/// The notices page: whom the sender may reach, and what was sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoticesView {
    /// Approved groups the sender may write to.
    pub groups: Vec<GroupOption>,
    /// Districts the sender may write to.
    pub districts: Vec<DistrictOption>,
    /// Notices sent in the sender's reach, newest first.
    pub sent: Vec<SentNotice>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail by panicking")]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> FormValues {
        FormValues::of(pairs)
    }

    #[test]
    fn a_notice_needs_a_title_a_text_and_someone_to_reach() {
        let notice = NoticeFields::from_form(
            &form(&[
                ("title", " 日曜開館の試行 "),
                ("body", "3月から\r\n試行します"),
                ("district", "2"),
                ("group", "7"),
                ("group", "7"),
            ]),
            &[7, 8],
            &[1, 2],
        )
        .unwrap();
        assert_eq!(notice.title, "日曜開館の試行");
        assert_eq!(notice.body, "3月から\n試行します");
        assert_eq!((notice.groups, notice.districts), (vec![7], vec![2]));
        let errors = NoticeFields::from_form(&form(&[("title", "t"), ("body", "b")]), &[], &[1])
            .unwrap_err();
        assert_eq!(errors.get("audience"), Some(&FieldError::Required));
        let errors = NoticeFields::from_form(
            &form(&[("title", ""), ("body", ""), ("district", "3")]),
            &[],
            &[1, 2],
        )
        .unwrap_err();
        assert_eq!(errors.get("title"), Some(&FieldError::Required));
        assert_eq!(errors.get("body"), Some(&FieldError::Required));
        assert_eq!(errors.get("district"), Some(&FieldError::UnknownOption));
    }
}
