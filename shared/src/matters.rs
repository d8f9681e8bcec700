//! 地域情報連絡会議 (the ward's local-information liaison meeting): one shared log of what
//! happens in each district, across the ward's departments. A **matter** is a local problem, a
//! request, a piece of information or good news, reported by a resident, an organiser or a
//! centre director from a phone, or logged by staff (from a survey's free-text answer, a group
//! post or report, a council comment, or what they heard). Departments take it on; its status
//! moves from new to resolved (or long-term, or shared) with its history kept; the liaison
//! meeting's agenda is what changed since the previous meeting.

use crate::Lang;
use crate::answer::FormValues;
use crate::error::{FieldError, FieldErrors};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod views;
pub use views::*;

/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 100;
/// The longest description, comment or decision, in characters.
pub const MAX_TEXT_CHARS: usize = 4000;
/// The longest place description, in characters.
pub const MAX_PLACE_CHARS: usize = 200;
/// The largest photo accepted, in bytes (as sent, before it is made smaller).
pub const MAX_PHOTO_BYTES: usize = 8 * 1024 * 1024;
/// At most this many photos per matter.
pub const MAX_PHOTOS: usize = 6;

/// What a matter is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatterKind {
    /// Something wrong: a broken streetlight, a blocked path.
    Problem,
    /// Something asked for: a bench, a crossing.
    Request,
    /// Something to know: an event, a change.
    Information,
    /// Good news worth passing on: the district's hidden appeal.
    GoodNews,
}

impl MatterKind {
    /// Every kind, in the order forms list them.
    pub const ALL: [MatterKind; 4] = [
        MatterKind::Problem,
        MatterKind::Request,
        MatterKind::Information,
        MatterKind::GoodNews,
    ];

    /// The name stored and posted.
    pub fn as_str(self) -> &'static str {
        match self {
            MatterKind::Problem => "problem",
            MatterKind::Request => "request",
            MatterKind::Information => "information",
            MatterKind::GoodNews => "good_news",
        }
    }

    /// The kind named `name`.
    pub fn parse(name: &str) -> Option<MatterKind> {
        MatterKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Its name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (MatterKind::Problem, Lang::Ja) => "困りごと",
            (MatterKind::Problem, Lang::En) => "Problem",
            (MatterKind::Problem, Lang::EasyJa) => "こまって いる こと",
            (MatterKind::Request, Lang::Ja) => "要望",
            (MatterKind::Request, Lang::En) => "Request",
            (MatterKind::Request, Lang::EasyJa) => "おねがい",
            (MatterKind::Information, Lang::Ja) => "情報",
            (MatterKind::Information, Lang::En) => "Information",
            (MatterKind::Information, Lang::EasyJa) => "おしらせ",
            (MatterKind::GoodNews, Lang::Ja) => "よい話題",
            (MatterKind::GoodNews, Lang::En) => "Good news",
            (MatterKind::GoodNews, Lang::EasyJa) => "よい ニュース",
        }
    }
}

/// Where a matter stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatterStatus {
    /// Reported or logged; nobody has looked yet.
    New,
    /// Seen by a department.
    Acknowledged,
    /// Being dealt with.
    InProgress,
    /// Done.
    Resolved,
    /// A medium- or long-term issue for the meeting to discuss.
    LongTerm,
    /// Shared for information (good news passed on, nothing to do).
    Shared,
}

impl MatterStatus {
    /// Every status, in the order of a matter's life.
    pub const ALL: [MatterStatus; 6] = [
        MatterStatus::New,
        MatterStatus::Acknowledged,
        MatterStatus::InProgress,
        MatterStatus::Resolved,
        MatterStatus::LongTerm,
        MatterStatus::Shared,
    ];

    /// The name stored and posted.
    pub fn as_str(self) -> &'static str {
        match self {
            MatterStatus::New => "new",
            MatterStatus::Acknowledged => "acknowledged",
            MatterStatus::InProgress => "in_progress",
            MatterStatus::Resolved => "resolved",
            MatterStatus::LongTerm => "long_term",
            MatterStatus::Shared => "shared",
        }
    }

    /// The status named `name`.
    pub fn parse(name: &str) -> Option<MatterStatus> {
        MatterStatus::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Its name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (MatterStatus::New, Lang::Ja) => "受付",
            (MatterStatus::New, Lang::En) => "New",
            (MatterStatus::New, Lang::EasyJa) => "うけつけ",
            (MatterStatus::Acknowledged, Lang::Ja) => "確認済み",
            (MatterStatus::Acknowledged, Lang::En) => "Acknowledged",
            (MatterStatus::Acknowledged, Lang::EasyJa) => "かくにん しました",
            (MatterStatus::InProgress, Lang::Ja) => "対応中",
            (MatterStatus::InProgress, Lang::En) => "In progress",
            (MatterStatus::InProgress, Lang::EasyJa) => "たいおう して います",
            (MatterStatus::Resolved, Lang::Ja) => "解決",
            (MatterStatus::Resolved, Lang::En) => "Resolved",
            (MatterStatus::Resolved, Lang::EasyJa) => "かいけつ しました",
            (MatterStatus::LongTerm, Lang::Ja) => "中長期の課題",
            (MatterStatus::LongTerm, Lang::En) => "Long-term issue",
            (MatterStatus::LongTerm, Lang::EasyJa) => "じかんを かけて かんがえます",
            (MatterStatus::Shared, Lang::Ja) => "共有済み",
            (MatterStatus::Shared, Lang::En) => "Shared",
            (MatterStatus::Shared, Lang::EasyJa) => "みんなに しらせました",
        }
    }

    /// Whether something is still to be done (its follow-up date can be overdue).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            MatterStatus::New | MatterStatus::Acknowledged | MatterStatus::InProgress
        )
    }

    /// The traffic light of the status (FixMyStreet's red, yellow, green): `red` nobody has
    /// looked, `yellow` being dealt with, `green` done or passed on, `blue` long-term.
    pub fn light(self) -> &'static str {
        match self {
            MatterStatus::New => "red",
            MatterStatus::Acknowledged | MatterStatus::InProgress => "yellow",
            MatterStatus::Resolved | MatterStatus::Shared => "green",
            MatterStatus::LongTerm => "blue",
        }
    }
}

/// Where a matter came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatterSource {
    /// A resident's report.
    Resident,
    /// A group organiser's report.
    Organiser,
    /// A community-centre director's note.
    Director,
    /// Logged by staff from what they heard or saw.
    Staff,
    /// A survey's free-text answer (the respondent stays anonymous).
    SurveyText,
    /// A group's post.
    GroupPost,
    /// A report about a group.
    GroupReport,
    /// A council member's comment.
    CouncilComment,
}

impl MatterSource {
    /// Every source.
    pub const ALL: [MatterSource; 8] = [
        MatterSource::Resident,
        MatterSource::Organiser,
        MatterSource::Director,
        MatterSource::Staff,
        MatterSource::SurveyText,
        MatterSource::GroupPost,
        MatterSource::GroupReport,
        MatterSource::CouncilComment,
    ];

    /// The name stored.
    pub fn as_str(self) -> &'static str {
        match self {
            MatterSource::Resident => "resident",
            MatterSource::Organiser => "organiser",
            MatterSource::Director => "director",
            MatterSource::Staff => "staff",
            MatterSource::SurveyText => "survey_text",
            MatterSource::GroupPost => "group_post",
            MatterSource::GroupReport => "group_report",
            MatterSource::CouncilComment => "council_comment",
        }
    }

    /// The source named `name`.
    pub fn parse(name: &str) -> Option<MatterSource> {
        MatterSource::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Its name in Japanese (`ja`) or English (staff pages only).
    pub fn label(self, lang: Lang) -> &'static str {
        let (ja, en) = match self {
            MatterSource::Resident => ("住民からの通報", "A resident's report"),
            MatterSource::Organiser => ("団体の世話役から", "From a group organiser"),
            MatterSource::Director => ("市民センター館長から", "From a centre director"),
            MatterSource::Staff => ("職員が記録", "Logged by staff"),
            MatterSource::SurveyText => ("アンケートの自由記述", "A survey's free-text answer"),
            MatterSource::GroupPost => ("団体の投稿", "A group's post"),
            MatterSource::GroupReport => ("団体への通報", "A report about a group"),
            MatterSource::CouncilComment => {
                ("自治会・まちづくり協議会から", "From a council member")
            }
        };
        match lang {
            Lang::En => en,
            _ => ja,
        }
    }
}

/// A matter as reported or logged: checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatterFields {
    /// A short title.
    pub title: String,
    /// What happened, where, since when.
    pub description: String,
    /// What it is.
    pub kind: MatterKind,
    /// The districts it concerns (at least one).
    pub districts: Vec<i64>,
    /// The place in words ("湯川三丁目のバス停の前").
    pub place: Option<String>,
    /// The place as a point (latitude, longitude), if given.
    pub point: Option<(f64, f64)>,
    /// When a department should look at it again (staff only).
    pub follow_up_on: Option<NaiveDate>,
}

/// A text field, trimmed, with CRLF as LF: required (`min` 1) or not, at most `max` characters.
fn text(
    values: &FormValues,
    name: &str,
    required: bool,
    max: usize,
    errors: &mut FieldErrors,
) -> Option<String> {
    let value = values
        .first(name)
        .unwrap_or_default()
        .trim()
        .replace("\r\n", "\n");
    if value.is_empty() {
        if required {
            errors.push(name, FieldError::Required);
        }
        return None;
    }
    if value.chars().count() > max {
        errors.push(name, FieldError::TooLong { max: max as u32 });
        return None;
    }
    Some(value)
}

/// A required text of at most `max` characters (`title`, `body`, …), or the field's error.
pub fn required_text(values: &FormValues, name: &str, max: usize) -> Result<String, FieldErrors> {
    let mut errors = FieldErrors::default();
    match text(values, name, true, max, &mut errors) {
        Some(value) if errors.is_empty() => Ok(value),
        _ => Err(errors),
    }
}

/// Reads the ids posted under `name` that are among `allowed`; any other is an error.
pub fn chosen_ids(
    values: &FormValues,
    name: &str,
    allowed: &[i64],
    errors: &mut FieldErrors,
) -> Vec<i64> {
    let mut chosen = Vec::new();
    for value in values.all(name).filter(|v| !v.is_empty()) {
        match value.parse::<i64>().ok().filter(|id| allowed.contains(id)) {
            Some(id) if !chosen.contains(&id) => chosen.push(id),
            Some(_) => {}
            None => errors.push(name, FieldError::UnknownOption),
        }
    }
    chosen.sort_unstable();
    chosen
}

/// A date posted as `YYYY-MM-DD` (an `<input type="date">`), or nothing when empty.
pub fn date_field(values: &FormValues, name: &str, errors: &mut FieldErrors) -> Option<NaiveDate> {
    let value = values.first(name).unwrap_or_default().trim();
    if value.is_empty() {
        return None;
    }
    match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        Ok(date) => Some(date),
        Err(_) => {
            errors.push(name, FieldError::Invalid);
            None
        }
    }
}

/// A point from the `lat` and `lon` fields: both or neither, within the Earth's ranges.
fn point(values: &FormValues, errors: &mut FieldErrors) -> Option<(f64, f64)> {
    let field = |name: &str| values.first(name).map(str::trim).filter(|v| !v.is_empty());
    match (field("lat"), field("lon")) {
        (None, None) => None,
        (Some(lat), Some(lon)) => match (lat.parse::<f64>(), lon.parse::<f64>()) {
            (Ok(lat), Ok(lon))
                if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) =>
            {
                Some((lat, lon))
            }
            _ => {
                errors.push("point", FieldError::Invalid);
                None
            }
        },
        _ => {
            errors.push("point", FieldError::Invalid);
            None
        }
    }
}

impl MatterFields {
    /// Reads the report form (`title`, `description`, `kind`, `district` repeated, `place`,
    /// `lat` and `lon`, and for staff `follow_up_on`), keeping to the ward's `districts`.
    pub fn from_form(
        values: &FormValues,
        districts: &[i64],
        staff: bool,
    ) -> Result<MatterFields, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = text(values, "title", true, MAX_TITLE_CHARS, &mut errors);
        let description = text(values, "description", true, MAX_TEXT_CHARS, &mut errors);
        let kind = match values.first("kind").filter(|k| !k.is_empty()) {
            None => {
                errors.push("kind", FieldError::Required);
                None
            }
            Some(k) => {
                let kind = MatterKind::parse(k);
                if kind.is_none() {
                    errors.push("kind", FieldError::UnknownOption);
                }
                kind
            }
        };
        let chosen = chosen_ids(values, "district", districts, &mut errors);
        if chosen.is_empty() && errors.get("district").is_none() {
            errors.push("district", FieldError::Required);
        }
        let place = text(values, "place", false, MAX_PLACE_CHARS, &mut errors);
        let point = point(values, &mut errors);
        let follow_up_on = if staff {
            date_field(values, "follow_up_on", &mut errors)
        } else {
            None
        };
        match (title, description, kind) {
            (Some(title), Some(description), Some(kind)) if errors.is_empty() => Ok(MatterFields {
                title,
                description,
                kind,
                districts: chosen,
                place,
                point,
                follow_up_on,
            }),
            _ => Err(errors),
        }
    }
}

/// A part of a matter staff may correct after it was reported or logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditedField {
    /// Its title (shown on the public list once published).
    Title,
    /// Its description.
    Description,
    /// What it is.
    Kind,
    /// Its districts (who it is shared with follows them).
    Districts,
    /// The place in words.
    Place,
}

impl EditedField {
    /// Every field, in the order the edit form shows them.
    pub const ALL: [EditedField; 5] = [
        EditedField::Kind,
        EditedField::Title,
        EditedField::Description,
        EditedField::Districts,
        EditedField::Place,
    ];

    /// The name stored in the history.
    pub fn as_str(self) -> &'static str {
        match self {
            EditedField::Title => "title",
            EditedField::Description => "description",
            EditedField::Kind => "kind",
            EditedField::Districts => "districts",
            EditedField::Place => "place",
        }
    }

    /// The fields named in a history step's body (`title,kind`); unknown names are skipped.
    pub fn parse_list(body: &str) -> Vec<EditedField> {
        body.split(',')
            .filter_map(|name| EditedField::ALL.into_iter().find(|f| f.as_str() == name))
            .collect()
    }

    /// The fields that differ between a matter as it is (`before`) and as corrected (`after`),
    /// comparing districts as sets. The point and follow-up date are not part of a correction.
    pub fn changed(before: &MatterFields, after: &MatterFields) -> Vec<EditedField> {
        let mut districts = (before.districts.clone(), after.districts.clone());
        districts.0.sort_unstable();
        districts.1.sort_unstable();
        EditedField::ALL
            .into_iter()
            .filter(|f| match f {
                EditedField::Title => before.title != after.title,
                EditedField::Description => before.description != after.description,
                EditedField::Kind => before.kind != after.kind,
                EditedField::Districts => districts.0 != districts.1,
                EditedField::Place => before.place != after.place,
            })
            .collect()
    }

    /// Its name in `lang` (staff pages: Japanese or English).
    pub fn label(self, lang: Lang) -> &'static str {
        let (ja, en) = match self {
            EditedField::Title => ("題名", "title"),
            EditedField::Description => ("内容", "description"),
            EditedField::Kind => ("種類", "kind"),
            EditedField::Districts => ("校区", "districts"),
            EditedField::Place => ("場所", "place"),
        };
        match lang {
            Lang::En => en,
            _ => ja,
        }
    }
}

/// What the list of matters shows: one department's queue, one district's timeline, the
/// overdue follow-ups, a status, a kind, and words to find (any of them together).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MatterFilter {
    /// Only matters this department takes part in.
    pub department: Option<i64>,
    /// Only matters of this district.
    pub district: Option<i64>,
    /// Only this status; `None`: all.
    pub status: Option<MatterStatus>,
    /// Only this kind.
    pub kind: Option<MatterKind>,
    /// Only open matters whose follow-up date has passed.
    pub overdue: bool,
    /// Words to find in the title, description, place and comments (Japanese: a substring).
    pub q: Option<String>,
}

impl MatterFilter {
    /// Reads the list's address query (`department`, `district`, `status`, `kind`, `overdue`,
    /// `q`); anything unreadable is left out.
    pub fn from_query(values: &FormValues) -> MatterFilter {
        let id = |name: &str| values.first(name).and_then(|v| v.parse::<i64>().ok());
        MatterFilter {
            department: id("department"),
            district: id("district"),
            status: values.first("status").and_then(MatterStatus::parse),
            kind: values.first("kind").and_then(MatterKind::parse),
            overdue: values.first("overdue") == Some("1"),
            q: values
                .first("q")
                .map(str::trim)
                .filter(|q| !q.is_empty())
                .map(|q| q.chars().take(100).collect()),
        }
    }

    /// The address query of this filter as name/value pairs (empty parts left out), to link
    /// to it again.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut parts = Vec::new();
        if let Some(d) = self.department {
            parts.push(("department", d.to_string()));
        }
        if let Some(d) = self.district {
            parts.push(("district", d.to_string()));
        }
        if let Some(s) = self.status {
            parts.push(("status", s.as_str().to_string()));
        }
        if let Some(k) = self.kind {
            parts.push(("kind", k.as_str().to_string()));
        }
        if self.overdue {
            parts.push(("overdue", "1".to_string()));
        }
        if let Some(q) = &self.q {
            parts.push(("q", q.clone()));
        }
        parts
    }
}

#[cfg(test)]
mod tests;
