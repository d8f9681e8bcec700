//! What the pages of the liaison log show.

use super::{MatterFilter, MatterKind, MatterSource, MatterStatus};
use crate::network::DistrictOption;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The report form: the districts one may choose, one's own first, and the form's key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportForm {
    /// The districts of one's ward.
    pub districts: Vec<DistrictOption>,
    /// One's home district.
    pub home: Option<i64>,
    /// The key that makes sending the form twice report once.
    pub form_key: String,
}

/// A department of the ward (コミュニティ支援課, 保健福祉課, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepartmentOption {
    /// The department id.
    pub id: i64,
    /// Its name.
    pub name: String,
}

/// A department with its staff, for the page that manages them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepartmentCard {
    /// The department id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Its shared mailbox, if any (told when a matter is assigned, beside its staff).
    pub email: Option<String>,
    /// Its staff: (user id, display name).
    pub members: Vec<(i64, String)>,
}

/// The ward's departments and the staff who may join them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepartmentsView {
    /// The departments, in order.
    pub departments: Vec<DepartmentCard>,
    /// The ward's staff: (user id, display name).
    pub staff: Vec<(i64, String)>,
}

/// One matter in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatterRow {
    /// The matter id (its page is `/matters/{id}`).
    pub id: i64,
    /// Its title.
    pub title: String,
    /// What it is.
    pub kind: MatterKind,
    /// Where it stands.
    pub status: MatterStatus,
    /// Where it came from.
    pub source: MatterSource,
    /// The names of its districts.
    pub districts: Vec<String>,
    /// The names of the departments taking part.
    pub departments: Vec<String>,
    /// When to look at it again.
    pub follow_up_on: Option<NaiveDate>,
    /// Open, with its follow-up date passed.
    pub overdue: bool,
    /// When it was reported or logged.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// The list of matters for staff: one view of it (`filter`), with what the filters offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatterList {
    /// The matters shown, the most recently changed first.
    pub rows: Vec<MatterRow>,
    /// How many matched (the list shows at most a page of them).
    pub total: i64,
    /// The filter applied.
    pub filter: MatterFilter,
    /// The ward's departments.
    pub departments: Vec<DepartmentOption>,
    /// The ward's districts.
    pub districts: Vec<DistrictOption>,
    /// The departments the viewer belongs to (their own queues first).
    pub mine: Vec<i64>,
}

/// One thing that happened to a matter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatterEvent {
    /// The event id.
    pub id: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Who (their display name; `None` for someone whose account is gone).
    pub actor: Option<String>,
    /// What happened.
    pub kind: EventKind,
    /// The new status, for a change of status.
    pub status: Option<MatterStatus>,
    /// The note, comment or decision.
    pub body: Option<String>,
    /// The department assigned or let go.
    pub department: Option<String>,
    /// The meeting a decision was made at (its date, JST).
    pub meeting: Option<NaiveDate>,
}

/// What happened to a matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// Reported or logged.
    Reported,
    /// Its status changed (with a note).
    Status,
    /// A comment between departments.
    Comment,
    /// A department was asked to take part.
    Assigned,
    /// A department no longer takes part.
    Unassigned,
    /// The liaison meeting decided something about it.
    Decision,
    /// A photo was added.
    Photo,
    /// Its follow-up date changed.
    FollowUp,
    /// Shared with the council members and centre directors of its districts (or no longer).
    Shared,
    /// Put on (or taken off) its districts' public list of what the ward did.
    Published,
    /// Sent out as a notice.
    Notice,
    /// Corrected by staff: its body names the fields changed ([`EditedField`]), comma-separated.
    Edited,
}

impl EventKind {
    /// Every kind.
    pub const ALL: [EventKind; 12] = [
        EventKind::Reported,
        EventKind::Status,
        EventKind::Comment,
        EventKind::Assigned,
        EventKind::Unassigned,
        EventKind::Decision,
        EventKind::Photo,
        EventKind::FollowUp,
        EventKind::Shared,
        EventKind::Published,
        EventKind::Notice,
        EventKind::Edited,
    ];

    /// The name stored.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Reported => "reported",
            EventKind::Status => "status",
            EventKind::Comment => "comment",
            EventKind::Assigned => "assigned",
            EventKind::Unassigned => "unassigned",
            EventKind::Decision => "decision",
            EventKind::Photo => "photo",
            EventKind::FollowUp => "follow_up",
            EventKind::Shared => "shared",
            EventKind::Published => "published",
            EventKind::Notice => "notice",
            EventKind::Edited => "edited",
        }
    }

    /// The kind named `name`.
    pub fn parse(name: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// A matter's page: everything about it, for staff (and, read-only, for the council members and
/// centre directors of its districts when shared with them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatterView {
    /// The matter id.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// What happened.
    pub description: String,
    /// What it is.
    pub kind: MatterKind,
    /// Where it stands.
    pub status: MatterStatus,
    /// Where it came from.
    pub source: MatterSource,
    /// What it came from, quoted when it was logged (a free-text answer, a post).
    pub source_excerpt: Option<String>,
    /// A link to what it came from, for staff (a survey's texts page, a group's page).
    pub source_link: Option<String>,
    /// Who reported it (staff only see this; `None` for an anonymous source).
    pub reported_by: Option<String>,
    /// The place in words.
    pub place: Option<String>,
    /// The place as a point.
    pub point: Option<(f64, f64)>,
    /// Its districts: (id, name).
    pub districts: Vec<DistrictOption>,
    /// The departments taking part.
    pub departments: Vec<DepartmentOption>,
    /// When to look at it again.
    pub follow_up_on: Option<NaiveDate>,
    /// Open, with its follow-up date passed.
    pub overdue: bool,
    /// Shared with its districts' council members and centre directors.
    pub shared_with_district: bool,
    /// On its districts' public list (once resolved).
    pub published: bool,
    /// What the ward did, in words for the public list.
    pub public_note: Option<String>,
    /// Its photos' ids (each at `/matters/{id}/photos/{photo}`).
    pub photos: Vec<i64>,
    /// Its history, oldest first.
    pub events: Vec<MatterEvent>,
    /// When it was reported or logged.
    pub created_at: DateTime<Utc>,
    /// Whether the viewer may change it (staff of its ward).
    pub can_edit: bool,
    /// The ward's departments (to assign), for those who may change it.
    pub all_departments: Vec<DepartmentOption>,
    /// The ward's districts (to correct its districts), for those who may change it.
    pub all_districts: Vec<DistrictOption>,
    /// The meeting under way, if any (decisions are recorded for it): (id, date JST).
    pub meeting: Option<(i64, NaiveDate)>,
}

/// A report as its reporter sees it: no internal comments, no other people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnReport {
    /// The matter id.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// What it is.
    pub kind: MatterKind,
    /// Where it stands.
    pub status: MatterStatus,
    /// The names of its districts.
    pub districts: Vec<String>,
    /// When it was reported.
    pub created_at: DateTime<Utc>,
    /// When its status last changed.
    pub updated_at: DateTime<Utc>,
    /// What the ward did, once it says so.
    pub public_note: Option<String>,
}

/// A matter on a district's public list of what the ward did: nothing personal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DoneMatter {
    /// Its title.
    pub title: String,
    /// What it was.
    pub kind: MatterKind,
    /// What the ward did.
    pub public_note: Option<String>,
    /// The names of its districts.
    pub districts: Vec<String>,
    /// When it was resolved (or shared).
    pub done_on: NaiveDate,
}

/// The public list of a ward's districts' resolved matters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DoneList {
    /// The ward's districts (to choose one).
    pub districts: Vec<DistrictOption>,
    /// The district chosen, if any.
    pub district: Option<i64>,
    /// The matters, the most recent first.
    pub matters: Vec<DoneMatter>,
}

/// A liaison meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingLine {
    /// The meeting id.
    pub id: i64,
    /// When it began (its agenda covers what changed up to then since the previous one).
    pub started_at: DateTime<Utc>,
    /// How many matters its agenda lists.
    pub matters: i64,
    /// How many decisions were recorded at it.
    pub decisions: i64,
}

/// One matter on a meeting's agenda: what changed, and what the meeting decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgendaItem {
    /// The matter.
    pub matter: MatterRow,
    /// What changed in the agenda's window, oldest first.
    pub changes: Vec<MatterEvent>,
    /// What the meeting decided about it.
    pub decisions: Vec<MatterEvent>,
}

/// A meeting's agenda: every matter new or changed since the previous meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agenda {
    /// The meeting; `None`: the next one, not begun (what changed since the last one so far).
    pub meeting: Option<MeetingLine>,
    /// The window's start: when the previous meeting began (`None`: the first meeting).
    pub since: Option<DateTime<Utc>>,
    /// The window's end (the meeting's start, or now).
    pub until: DateTime<Utc>,
    /// The matters, by status then most recently changed first.
    pub items: Vec<AgendaItem>,
    /// The meetings held, the latest first.
    pub meetings: Vec<MeetingLine>,
    /// The meeting under way (begun today, JST), whose decisions are being recorded.
    pub current: Option<i64>,
}
