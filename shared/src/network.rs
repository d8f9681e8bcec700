//! Loose local networks (ゆるやかなネットワーク): groups in the directory, what a proposal must
//! contain, who belongs to them, and the views the network pages receive.
//!
//! Membership of a neighbourhood association is never asked for: an account (e-mail, display
//! name, password) is all anyone needs to join, follow or propose a group.

use crate::answer::FormValues;
use crate::error::{FieldError, FieldErrors};
use crate::lang::Lang;
use crate::text::Text;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub mod notices;
pub mod posts;
pub mod reports;

mod fields;
mod views;

pub(crate) use fields::text_field;

pub use fields::{DirectoryQuery, GroupFields, split_tags};
pub use views::{
    DirectoryView, DistrictOption, GroupAbilities, GroupCard, GroupPage, MemberLine, PendingGroup,
    ProposeView, SurveyLink,
};

/// The longest group name, in characters.
pub const MAX_NAME_CHARS: usize = 60;
/// The longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 2000;
/// The longest meeting place, meeting times or contact text, in characters.
pub const MAX_PLACE_CHARS: usize = 200;
/// How many interest tags a group may have.
pub const MAX_TAGS: usize = 10;
/// The longest interest tag, in characters.
pub const MAX_TAG_CHARS: usize = 20;
/// The longest search text, in characters (longer ones are cut, not refused).
pub const MAX_SEARCH_CHARS: usize = 50;

/// What sort of group it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    /// A shop or other local business (商店・事業所).
    Business,
    /// A sports or culture club (スポーツ・文化クラブ).
    Club,
    /// A circle of people with a shared interest (サークル), a parents' circle, say.
    Circle,
    /// A non-profit organisation (NPO・団体).
    Npo,
    /// A school or its PTA (学校・PTA).
    School,
    /// A volunteer group (ボランティア).
    Volunteer,
    /// Anything else.
    Other,
}

impl GroupKind {
    /// Every kind, in the order the directory offers them.
    pub const ALL: [GroupKind; 7] = [
        GroupKind::Business,
        GroupKind::Club,
        GroupKind::Circle,
        GroupKind::Npo,
        GroupKind::School,
        GroupKind::Volunteer,
        GroupKind::Other,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            GroupKind::Business => "business",
            GroupKind::Club => "club",
            GroupKind::Circle => "circle",
            GroupKind::Npo => "npo",
            GroupKind::School => "school",
            GroupKind::Volunteer => "volunteer",
            GroupKind::Other => "other",
        }
    }

    /// Reads a stored name.
    pub fn parse(value: &str) -> Option<GroupKind> {
        GroupKind::ALL.into_iter().find(|k| k.as_str() == value)
    }

    /// The name residents read.
    pub fn label(self, lang: Lang) -> &'static str {
        let (ja, en, easy) = match self {
            GroupKind::Business => ("お店・事業所", "Shop or business", "おみせ・しごとば"),
            GroupKind::Club => (
                "スポーツ・文化クラブ",
                "Sports or culture club",
                "スポーツ・ぶんかの クラブ",
            ),
            GroupKind::Circle => ("サークル", "Circle", "サークル"),
            GroupKind::Npo => ("NPO・団体", "NPO", "NPO・だんたい"),
            GroupKind::School => ("学校・PTA", "School or PTA", "がっこう・PTA"),
            GroupKind::Volunteer => ("ボランティア", "Volunteers", "ボランティア"),
            GroupKind::Other => ("その他", "Other", "そのほか"),
        };
        match lang {
            Lang::Ja => ja,
            Lang::En => en,
            Lang::EasyJa => easy,
        }
    }
}

/// How people get in touch with a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactPolicy {
    /// The contact text is shown to everyone.
    Public,
    /// The contact text is shown to members only.
    Members,
    /// Through the community centre; no contact text is shown.
    Centre,
}

impl ContactPolicy {
    /// Every policy, in the order the form offers them.
    pub const ALL: [ContactPolicy; 3] = [
        ContactPolicy::Centre,
        ContactPolicy::Members,
        ContactPolicy::Public,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            ContactPolicy::Public => "public",
            ContactPolicy::Members => "members",
            ContactPolicy::Centre => "centre",
        }
    }

    /// Reads a stored name.
    pub fn parse(value: &str) -> Option<ContactPolicy> {
        ContactPolicy::ALL.into_iter().find(|p| p.as_str() == value)
    }

    /// What the policy means, for the proposal form.
    pub fn label(self, lang: Lang) -> &'static str {
        let (ja, en, easy) = match self {
            ContactPolicy::Public => (
                "連絡先をだれにでも表示する",
                "Show the contact to everyone",
                "れんらくさきを だれにでも みせる",
            ),
            ContactPolicy::Members => (
                "連絡先はメンバーにだけ表示する",
                "Show the contact to members only",
                "れんらくさきは メンバーに だけ みせる",
            ),
            ContactPolicy::Centre => (
                "市民センターを通して連絡を受ける（連絡先は表示しない）",
                "Through the community centre (no contact shown)",
                "しみん センターを とおして れんらくを うける（れんらくさきは みせない）",
            ),
        };
        match lang {
            Lang::Ja => ja,
            Lang::En => en,
            Lang::EasyJa => easy,
        }
    }
}

/// Where a group stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupStatus {
    /// Proposed, waiting for staff or a centre director.
    Pending,
    /// In the directory.
    Approved,
    /// Not accepted (the reason is kept for the proposer).
    Declined,
    /// Taken out of the directory by moderation.
    Hidden,
}

impl GroupStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            GroupStatus::Pending => "pending",
            GroupStatus::Approved => "approved",
            GroupStatus::Declined => "declined",
            GroupStatus::Hidden => "hidden",
        }
    }

    /// Reads a stored name.
    pub fn parse(value: &str) -> Option<GroupStatus> {
        [
            GroupStatus::Pending,
            GroupStatus::Approved,
            GroupStatus::Declined,
            GroupStatus::Hidden,
        ]
        .into_iter()
        .find(|s| s.as_str() == value)
    }
}

/// How someone belongs to a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Membership {
    /// Runs the group: edits it, posts, sees the member list.
    Organiser,
    /// Joined.
    Member,
    /// Reads the group's news without joining.
    Follower,
}

impl Membership {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Membership::Organiser => "organiser",
            Membership::Member => "member",
            Membership::Follower => "follower",
        }
    }

    /// Reads a stored name.
    pub fn parse(value: &str) -> Option<Membership> {
        [
            Membership::Organiser,
            Membership::Member,
            Membership::Follower,
        ]
        .into_iter()
        .find(|m| m.as_str() == value)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail by panicking")]
mod tests;
