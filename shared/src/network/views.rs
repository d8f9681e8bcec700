//! What the network's pages are given: the directory, a group's page, proposals and the districts
//! to choose from.

use super::*;

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
    /// When it meets.
    pub meeting_times: String,
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
    /// Staff of its ward log a post in the liaison log (地域情報連絡会議).
    pub log: bool,
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
