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

/// The longest group name, in characters.
pub const MAX_NAME_CHARS: usize = 60;
/// The longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 2000;
/// The longest meeting place or contact text, in characters.
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
        let (ja, en) = match self {
            ContactPolicy::Public => ("連絡先をだれにでも表示する", "Show the contact to everyone"),
            ContactPolicy::Members => (
                "連絡先はメンバーにだけ表示する",
                "Show the contact to members only",
            ),
            ContactPolicy::Centre => (
                "市民センターを通して連絡を受ける（連絡先は表示しない）",
                "Through the community centre (no contact shown)",
            ),
        };
        if lang == Lang::En { en } else { ja }
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

/// A group as proposed or edited: every field checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupFields {
    /// The name (1–60 characters).
    pub name: String,
    /// What sort of group.
    pub kind: GroupKind,
    /// What it does (1–2000 characters).
    pub description: String,
    /// Where it meets (often a community centre); may be empty.
    pub meeting_place: String,
    /// How to get in touch.
    pub contact_policy: ContactPolicy,
    /// The contact itself (a phone number, an address, a web page); required unless through
    /// the centre.
    pub contact: String,
    /// The districts it is active in (at least one).
    pub districts: Vec<i64>,
    /// Interest tags, trimmed, without repeats.
    pub tags: Vec<String>,
}

/// Splits typed tags at commas (ASCII or Japanese), ideographic or plain spaces; trims, drops
/// a leading `#`, keeps the first of repeats.
pub fn split_tags(input: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in input
        .split([',', '、', '，', ' ', '\u{3000}', '\n', '#', '＃'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_string());
        }
    }
    tags
}

/// A text field of at most `max` characters, trimmed, without control characters (newlines are
/// allowed where `multiline`).
pub(crate) fn text_field(
    values: &FormValues,
    name: &str,
    max: usize,
    required: bool,
    multiline: bool,
    errors: &mut FieldErrors,
) -> String {
    let text = values
        .first(name)
        .unwrap_or_default()
        .trim()
        .replace("\r\n", "\n");
    if text.is_empty() {
        if required {
            errors.push(name, FieldError::Required);
        }
    } else if text.chars().count() > max {
        errors.push(name, FieldError::TooLong { max: max as u32 });
    } else if text
        .chars()
        .any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\t')))
    {
        errors.push(name, FieldError::Invalid);
    }
    text
}

impl GroupFields {
    /// Reads the proposal (or edit) form: `name`, `kind`, `description`, `meeting_place`,
    /// `contact_policy`, `contact`, `district` (repeated) and `tags`. `districts` are the
    /// ward's district ids; any other is refused.
    pub fn from_form(values: &FormValues, districts: &[i64]) -> Result<GroupFields, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = text_field(values, "name", MAX_NAME_CHARS, true, false, &mut errors);
        let kind = match values.first("kind").filter(|k| !k.is_empty()) {
            None => {
                errors.push("kind", FieldError::Required);
                None
            }
            Some(k) => GroupKind::parse(k).or_else(|| {
                errors.push("kind", FieldError::UnknownOption);
                None
            }),
        };
        let description = text_field(
            values,
            "description",
            MAX_DESCRIPTION_CHARS,
            true,
            true,
            &mut errors,
        );
        let meeting_place = text_field(
            values,
            "meeting_place",
            MAX_PLACE_CHARS,
            false,
            false,
            &mut errors,
        );
        let contact_policy = match values.first("contact_policy").filter(|p| !p.is_empty()) {
            None => Some(ContactPolicy::Centre),
            Some(p) => ContactPolicy::parse(p).or_else(|| {
                errors.push("contact_policy", FieldError::UnknownOption);
                None
            }),
        };
        let needs_contact = contact_policy.is_some_and(|p| p != ContactPolicy::Centre);
        let mut contact = text_field(
            values,
            "contact",
            MAX_PLACE_CHARS,
            needs_contact,
            true,
            &mut errors,
        );
        if !needs_contact {
            contact.clear();
        }
        let mut chosen: Vec<i64> = Vec::new();
        for d in values.all("district").filter(|d| !d.is_empty()) {
            match d.parse::<i64>().ok().filter(|id| districts.contains(id)) {
                Some(id) if !chosen.contains(&id) => chosen.push(id),
                Some(_) => {}
                None => errors.push("district", FieldError::UnknownOption),
            }
        }
        if chosen.is_empty() && errors.get("district").is_none() {
            errors.push("district", FieldError::Required);
        }
        chosen.sort_unstable();
        let tags = split_tags(values.first("tags").unwrap_or_default());
        if tags.len() > MAX_TAGS {
            errors.push(
                "tags",
                FieldError::TooManyChoices {
                    max: MAX_TAGS as u16,
                },
            );
        } else if tags.iter().any(|t| t.chars().count() > MAX_TAG_CHARS) {
            errors.push(
                "tags",
                FieldError::TooLong {
                    max: MAX_TAG_CHARS as u32,
                },
            );
        } else if tags.iter().any(|t| t.chars().any(char::is_control)) {
            errors.push("tags", FieldError::Invalid);
        }
        match (kind, contact_policy) {
            (Some(kind), Some(contact_policy)) if errors.is_empty() => Ok(GroupFields {
                name,
                kind,
                description,
                meeting_place,
                contact_policy,
                contact,
                districts: chosen,
                tags,
            }),
            _ => Err(errors),
        }
    }
}

/// What the directory is asked for: `district`, `kind`, `tag`, `q` (substring search in names,
/// descriptions, places and tags).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DirectoryQuery {
    /// Only groups active in this district.
    pub district: Option<i64>,
    /// Only groups of this kind.
    pub kind: Option<GroupKind>,
    /// Only groups with this tag.
    pub tag: Option<String>,
    /// Text to look for (empty: everything).
    pub search: String,
}

impl DirectoryQuery {
    /// Reads the directory's query string; unknown or empty values are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> DirectoryQuery {
        let mut query = DirectoryQuery::default();
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match key {
                "district" => query.district = value.parse().ok(),
                "kind" => query.kind = GroupKind::parse(value),
                "tag" => query.tag = Some(value.chars().take(MAX_TAG_CHARS).collect()),
                "q" => query.search = value.chars().take(MAX_SEARCH_CHARS).collect(),
                _ => {}
            }
        }
        query
    }

    /// The query's pairs (only those set), for links; read back by [`DirectoryQuery::from_pairs`].
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(d) = self.district {
            pairs.push(("district", d.to_string()));
        }
        if let Some(k) = self.kind {
            pairs.push(("kind", k.as_str().to_string()));
        }
        if let Some(t) = &self.tag {
            pairs.push(("tag", t.clone()));
        }
        if !self.search.is_empty() {
            pairs.push(("q", self.search.clone()));
        }
        pairs
    }

    /// Whether anything narrows the list.
    pub fn is_filtered(&self) -> bool {
        self.district.is_some()
            || self.kind.is_some()
            || self.tag.is_some()
            || !self.search.is_empty()
    }
}

/// A district, for filters and forms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DistrictOption {
    /// The district id.
    pub id: i64,
    /// Its name.
    pub name: Text,
}

/// One group in the directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupCard {
    /// The group id (its address is `/groups/{id}`).
    pub id: i64,
    /// The name.
    pub name: String,
    /// What sort of group.
    pub kind: GroupKind,
    /// The names of the districts it is active in.
    pub districts: Vec<Text>,
    /// Interest tags.
    pub tags: Vec<String>,
    /// The first lines of the description.
    pub excerpt: String,
    /// Where it meets.
    pub meeting_place: String,
    /// Approved by staff or a centre director.
    pub verified: bool,
    /// Members (organisers included).
    pub member_count: i64,
    /// Followers.
    pub follower_count: i64,
}

/// The directory page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DirectoryView {
    /// The groups that match, by name.
    pub groups: Vec<GroupCard>,
    /// The ward's districts, for the filter.
    pub districts: Vec<DistrictOption>,
    /// The most used tags, for the filter.
    pub tags: Vec<String>,
    /// What was asked for.
    pub query: DirectoryQuery,
    /// The groups the reader belongs to or follows (empty when signed out).
    pub mine: Vec<GroupCard>,
    /// Whether the reader is signed in.
    pub signed_in: bool,
    /// Whether the reader decides proposals and sends notices (staff, centre directors).
    pub manages: bool,
}

/// A member as an organiser sees them: a name only when the member agreed to show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberLine {
    /// The display name, if the member shows it to organisers.
    pub name: Option<String>,
    /// How they belong.
    pub membership: Membership,
    /// When they joined.
    pub joined_at: DateTime<Utc>,
}

/// What the reader may do with a group page.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GroupAbilities {
    /// Organisers (and staff) edit the group.
    pub edit: bool,
    /// Staff, and directors of the group's districts, approve or decline it.
    pub decide: bool,
    /// Its organisers post news and events (once it is approved).
    pub post: bool,
    /// Its organisers edit and delete its posts, and see who is coming to its events.
    pub manage_posts: bool,
}

/// A group's own page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupPage {
    /// The directory entry.
    pub card: GroupCard,
    /// The whole description.
    pub description: String,
    /// The ids of its districts (for the edit form).
    pub district_ids: Vec<i64>,
    /// Where it stands.
    pub status: GroupStatus,
    /// How to get in touch.
    pub contact_policy: ContactPolicy,
    /// The contact, when the reader may see it.
    pub contact: Option<String>,
    /// Why it was declined, for its organisers and deciders.
    pub decision_reason: String,
    /// How the reader belongs, and whether they show their name to the organisers.
    pub mine: Option<(Membership, bool)>,
    /// Whether the reader is signed in.
    pub signed_in: bool,
    /// What the reader may do.
    pub can: GroupAbilities,
    /// The members, for organisers and staff (names only where shown).
    pub members: Option<Vec<MemberLine>>,
    /// When it was proposed.
    pub created_at: DateTime<Utc>,
    /// Its events not yet over, soonest first (for its organisers and staff, the hidden ones
    /// too, marked).
    pub events: Vec<posts::PostView>,
    /// Its latest news and past events, newest first (hidden ones as for `events`).
    pub posts: Vec<posts::PostView>,
    /// Who is coming to its events (for its organisers only; empty for everyone else).
    pub attendees: Vec<posts::Attendees>,
    /// The ward's surveys open now, to answer (or share) through the group's link.
    pub surveys: Vec<SurveyLink>,
    /// The site's address, for links to copy (set by the page's server function).
    pub origin: String,
}

/// An open survey as a group shares it: answering through this link records the group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyLink {
    /// The survey's title.
    pub title: Text,
    /// `/s/{slug}?via={group}`.
    pub path: String,
}

/// A proposal waiting for a decision, in the staff (or director's) queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingGroup {
    /// The group as proposed.
    pub card: GroupCard,
    /// Its description.
    pub description: String,
    /// Who proposed it.
    pub proposed_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// The proposal form's choices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposeView {
    /// The ward's districts.
    pub districts: Vec<DistrictOption>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail by panicking")]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> FormValues {
        FormValues::of(pairs)
    }

    #[test]
    fn a_complete_proposal_is_read_with_tags_split_and_districts_checked() {
        let fields = GroupFields::from_form(
            &form(&[
                ("name", "  南ヶ丘 子育てサークル "),
                ("kind", "circle"),
                ("description", "毎週日曜に\r\n集まります。"),
                ("meeting_place", "南ヶ丘市民センター"),
                ("contact_policy", "members"),
                ("contact", "090-0000-0000"),
                ("district", "3"),
                ("district", "1"),
                ("district", "3"),
                ("tags", "子育て、#日曜 公園,子育て"),
            ]),
            &[1, 2, 3],
        )
        .unwrap();
        assert_eq!(fields.name, "南ヶ丘 子育てサークル");
        assert_eq!(fields.kind, GroupKind::Circle);
        assert_eq!(fields.description, "毎週日曜に\n集まります。");
        assert_eq!(fields.districts, vec![1, 3]);
        assert_eq!(fields.tags, vec!["子育て", "日曜", "公園"]);
        assert_eq!(fields.contact, "090-0000-0000");
    }

    #[test]
    fn every_problem_is_named_by_field() {
        let errors = GroupFields::from_form(
            &form(&[
                ("name", &"あ".repeat(61)),
                ("kind", "cult"),
                ("description", ""),
                ("contact_policy", "public"),
                ("district", "9"),
                ("tags", &"t ".repeat(11)),
            ]),
            &[1, 2],
        )
        .unwrap_err();
        assert_eq!(errors.get("name"), Some(&FieldError::TooLong { max: 60 }));
        assert_eq!(errors.get("kind"), Some(&FieldError::UnknownOption));
        assert_eq!(errors.get("description"), Some(&FieldError::Required));
        assert_eq!(errors.get("contact"), Some(&FieldError::Required));
        assert_eq!(errors.get("district"), Some(&FieldError::UnknownOption));
        // Repeats collapse: "t" eleven times is one tag, so no error for tags.
        assert_eq!(errors.get("tags"), None);
        let too_many =
            GroupFields::from_form(&form(&[("tags", "a b c d e f g h i j k")]), &[1]).unwrap_err();
        assert_eq!(
            too_many.get("tags"),
            Some(&FieldError::TooManyChoices { max: 10 })
        );
        assert_eq!(too_many.get("district"), Some(&FieldError::Required));
    }

    #[test]
    fn contact_through_the_centre_keeps_no_contact_text() {
        let fields = GroupFields::from_form(
            &form(&[
                ("name", "ゆるラン部"),
                ("kind", "club"),
                ("description", "走ります"),
                ("contact_policy", "centre"),
                ("contact", "secret@example.jp"),
                ("district", "1"),
            ]),
            &[1],
        )
        .unwrap();
        assert_eq!(fields.contact, "");
        assert!(fields.tags.is_empty());
    }

    #[test]
    fn directory_queries_read_and_write_the_same_string() {
        let query = DirectoryQuery::from_pairs([
            ("district", "2"),
            ("kind", "club"),
            ("tag", "子育て"),
            ("q", " 公園 "),
            ("other", "x"),
        ]);
        assert_eq!(query.district, Some(2));
        assert_eq!(query.kind, Some(GroupKind::Club));
        assert_eq!(query.search, "公園");
        let pairs = query.to_pairs();
        let again = DirectoryQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(again, query);
        assert!(DirectoryQuery::default().to_pairs().is_empty());
        assert!(!DirectoryQuery::from_pairs([("kind", "nope")]).is_filtered());
    }
}
