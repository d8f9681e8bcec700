//! 地域情報連絡会議: the ward's shared log of local matters, across its departments.
//!
//! **Who sees what.** Staff of a ward see and change every matter of their ward (an account
//! without a ward: every ward). A council member of a district, or the director of a district's
//! community centre, sees (read-only) the matters of that district that staff shared with its
//! district. Whoever reported a matter sees its status and what the ward says it did, never
//! the comments between departments nor who else took part. Everyone, signed in or not, sees
//! the public list of what the ward did: matters resolved (or shared) and published, without
//! anything personal. Anything else is "not found", as if it did not exist. Every change is
//! in the matter's own history and in the audit log.

mod changes;
mod departments;
mod export;
mod meetings;
mod photos;
mod sources;
pub(crate) mod store;

pub use export::MatterExport;
pub use photos::{MAX_PHOTO_SIDE, jpeg_from_upload};
pub use sources::{Logged, Origin};

use crate::Core;
use crate::access::{require_staff, works_in};
use crate::error::{Result, not_found};
use chrono::{NaiveDate, Utc};
use shared::ApiError;
use shared::account::Role;
use shared::answer::FormValues;
use shared::matters::{
    DepartmentOption, DoneList, DoneMatter, EventKind, MatterEvent, MatterFields, MatterFilter,
    MatterKind, MatterList, MatterRow, MatterSource, MatterStatus, MatterView, OwnReport,
    ReportForm,
};
use shared::network::DistrictOption;
use shared::views::CurrentUser;
use store::{MatterRecord, NewMatter};

/// How many matters a list shows at most.
const LIST_LIMIT: i64 = 200;
/// How many matters one resident may report in an hour.
const REPORTS_PER_HOUR: i64 = 10;
/// How many matters the public list shows at most.
const DONE_LIMIT: i64 = 100;

/// Today in Japan.
pub(crate) fn today() -> NaiveDate {
    store::events::jst_date(Utc::now())
}

fn kind_of(m: &MatterRecord) -> Result<MatterKind> {
    MatterKind::parse(&m.kind).ok_or_else(|| crate::db::corrupt("matter kind", &m.kind))
}

fn status_of(m: &MatterRecord) -> Result<MatterStatus> {
    MatterStatus::parse(&m.status).ok_or_else(|| crate::db::corrupt("matter status", &m.status))
}

fn source_of(m: &MatterRecord) -> Result<MatterSource> {
    MatterSource::parse(&m.source).ok_or_else(|| crate::db::corrupt("matter source", &m.source))
}

fn overdue(m: &MatterRecord, status: MatterStatus, today: NaiveDate) -> bool {
    status.is_open() && m.follow_up_on.is_some_and(|d| d < today)
}

/// How a person may see a matter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Sight {
    /// Staff of its ward: everything, and change it.
    Staff,
    /// A council member or centre director of one of its districts, shared with them.
    District,
    /// Its reporter: its status and what the ward did.
    Reporter,
}

impl Core {
    /// The districts `user` speaks for as a council member or centre director.
    async fn own_districts(&self, user: &CurrentUser) -> Result<Vec<i64>> {
        let mut districts = self.store.directed_districts(user.id).await?;
        if user.role == Role::Council
            && let Some(d) = user.district_id
        {
            districts.push(d);
        }
        Ok(districts)
    }

    /// A matter and how `user` may see it; not found for anyone who may not.
    pub(crate) async fn matter_sight(
        &self,
        user: &CurrentUser,
        id: i64,
    ) -> Result<(MatterRecord, Sight)> {
        let Some(m) = self.store.matter(id).await? else {
            return not_found();
        };
        if user.role.is_staff() && works_in(user, m.ward_id) {
            return Ok((m, Sight::Staff));
        }
        if m.shared_with_district && works_in(user, m.ward_id) {
            let mine = self.own_districts(user).await?;
            let its = self.store.matters_districts(&[m.id]).await?;
            if its.iter().any(|(_, d)| mine.contains(d)) {
                return Ok((m, Sight::District));
            }
        }
        if m.reported_by == Some(user.id) {
            return Ok((m, Sight::Reporter));
        }
        not_found()
    }

    /// The districts of the ward `user` belongs to (their ward, else their home district's;
    /// an account with neither: every ward's), as `(ward, district)`.
    async fn districts_for(&self, user: &CurrentUser) -> Result<Vec<(i64, DistrictOption)>> {
        let all = self.store.all_districts().await?;
        let ward = user.ward_id.or_else(|| {
            let home = user.district_id?;
            all.iter().find(|(_, d)| d.id == home).map(|(w, _)| *w)
        });
        Ok(all
            .into_iter()
            .filter(|(w, _)| ward.is_none_or(|ward| ward == *w))
            .map(|(ward, d)| {
                (
                    ward,
                    DistrictOption {
                        id: d.id,
                        name: crate::surveys::builder::district_name(&d),
                    },
                )
            })
            .collect())
    }

    /// The report form for a signed-in person of a ward.
    pub async fn report_form(&self, user: &CurrentUser) -> Result<ReportForm> {
        let districts = self.districts_for(user).await?;
        if districts.is_empty() {
            return Err(ApiError::Forbidden.into());
        }
        // Their home district; a centre director without one: their centre's.
        let home = match user.district_id {
            Some(d) => Some(d),
            None => self
                .store
                .directed_districts(user.id)
                .await?
                .first()
                .copied(),
        };
        Ok(ReportForm {
            districts: districts.into_iter().map(|(_, d)| d).collect(),
            home,
            form_key: crate::accounts::new_form_key(),
        })
    }

    /// Reports (or, for staff, logs) a matter, with a photo if one came: the photo is made
    /// smaller and stripped of its metadata first, and a photo that is not one refuses the
    /// whole report, storing nothing. The same form sent twice reports once. Audited.
    pub async fn report_matter(
        &self,
        user: &CurrentUser,
        form: &FormValues,
        photo: Option<Vec<u8>>,
    ) -> Result<i64> {
        let districts = self.districts_for(user).await?;
        if districts.is_empty() {
            return Err(ApiError::Forbidden.into());
        }
        let ids: Vec<i64> = districts.iter().map(|(_, d)| d.id).collect();
        let staff = user.role.is_staff();
        let fields = MatterFields::from_form(form, &ids, staff).map_err(ApiError::Validation)?;
        let wards: Vec<i64> = districts
            .iter()
            .filter(|(_, d)| fields.districts.contains(&d.id))
            .map(|(w, _)| *w)
            .collect();
        let ward = match wards.first() {
            Some(w) if wards.iter().all(|x| x == w) => *w,
            _ => {
                let mut errors = shared::FieldErrors::default();
                errors.push("district", shared::FieldError::UnknownOption);
                return Err(ApiError::Validation(errors).into());
            }
        };
        let now = Utc::now();
        if !staff
            && self
                .store
                .matters_created_since(user.id, now - chrono::TimeDelta::hours(1))
                .await?
                >= REPORTS_PER_HOUR
        {
            return Err(ApiError::RateLimited.into());
        }
        let jpeg = match photo {
            Some(bytes) => Some(photos::checked_photo(bytes).await?),
            None => None,
        };
        let source = if staff {
            MatterSource::Staff
        } else if !self.store.directed_districts(user.id).await?.is_empty() {
            MatterSource::Director
        } else {
            match user.role {
                Role::Organiser => MatterSource::Organiser,
                Role::Council => MatterSource::CouncilComment,
                _ => MatterSource::Resident,
            }
        };
        let key = form.first("form_key").filter(|k| !k.is_empty());
        let id = self
            .store
            .insert_matter(
                &NewMatter {
                    ward,
                    fields: &fields,
                    source,
                    source_ref: None,
                    source_excerpt: None,
                    reported_by: (!staff).then_some(user.id),
                    created_by: user.id,
                    form_key: key,
                },
                now,
            )
            .await?;
        if let Some(jpeg) = jpeg
            && self.store.matters_photos(&[id]).await?.is_empty()
        {
            self.store
                .insert_matter_photo(id, &jpeg, user.id, now)
                .await?;
        }
        self.store
            .audit(
                Some(user.id),
                "report_matter",
                &format!("matter {id}: {} ({})", fields.title, source.as_str()),
                now,
            )
            .await?;
        Ok(id)
    }

    /// Rows for a list, with their districts' and departments' names.
    pub(crate) async fn matter_rows(
        &self,
        ward: i64,
        records: &[MatterRecord],
    ) -> Result<Vec<MatterRow>> {
        let ids: Vec<i64> = records.iter().map(|m| m.id).collect();
        let names = self.district_names_of(ward).await?;
        let districts = self.store.matters_districts(&ids).await?;
        let departments = self.store.matters_departments(&ids).await?;
        let today = today();
        records
            .iter()
            .map(|m| {
                let status = status_of(m)?;
                Ok(MatterRow {
                    id: m.id,
                    title: m.title.clone(),
                    kind: kind_of(m)?,
                    status,
                    source: source_of(m)?,
                    districts: districts
                        .iter()
                        .filter(|(matter, _)| *matter == m.id)
                        .filter_map(|(_, d)| names.iter().find(|n| n.id == *d))
                        .map(|n| n.name.ja.clone())
                        .collect(),
                    departments: departments
                        .iter()
                        .filter(|(matter, _, _)| *matter == m.id)
                        .map(|(_, _, name)| name.clone())
                        .collect(),
                    follow_up_on: m.follow_up_on,
                    overdue: overdue(m, status, today),
                    created_at: m.created_at,
                    updated_at: m.updated_at,
                })
            })
            .collect()
    }

    /// A ward's districts with their names.
    async fn district_names_of(&self, ward: i64) -> Result<Vec<DistrictOption>> {
        Ok(self
            .store
            .districts(ward)
            .await?
            .iter()
            .map(|d| DistrictOption {
                id: d.id,
                name: crate::surveys::builder::district_name(d),
            })
            .collect())
    }

    /// The ward whose matters a staff member works on: their own, or (an account without a
    /// ward) the first.
    pub(crate) async fn matters_ward(&self, user: &CurrentUser) -> Result<i64> {
        require_staff(user)?;
        match user.ward_id {
            Some(w) => Ok(w),
            None => self
                .store
                .all_districts()
                .await?
                .first()
                .map(|(w, _)| *w)
                .ok_or_else(|| ApiError::NotFound.into()),
        }
    }

    /// The staff list of a ward's matters, as `filter` shows it.
    pub async fn matter_list(
        &self,
        user: &CurrentUser,
        filter: MatterFilter,
    ) -> Result<MatterList> {
        let ward = self.matters_ward(user).await?;
        let (records, total) = self
            .store
            .list_matters(ward, &filter, today(), LIST_LIMIT)
            .await?;
        Ok(MatterList {
            rows: self.matter_rows(ward, &records).await?,
            total,
            filter,
            departments: self.department_options(ward).await?,
            districts: self.district_names_of(ward).await?,
            mine: self.store.departments_of(user.id).await?,
        })
    }

    /// A ward's departments, to choose from.
    pub(crate) async fn department_options(&self, ward: i64) -> Result<Vec<DepartmentOption>> {
        Ok(self
            .store
            .departments(ward)
            .await?
            .into_iter()
            .map(|(id, name, _)| DepartmentOption { id, name })
            .collect())
    }

    /// A matter's page, for staff of its ward and (read-only, when shared) the council members
    /// and centre directors of its districts. Its reporter gets [`Core::own_report`] instead.
    pub async fn matter_view(&self, user: &CurrentUser, id: i64) -> Result<MatterView> {
        let (m, sight) = self.matter_sight(user, id).await?;
        if sight == Sight::Reporter {
            return not_found();
        }
        let staff = sight == Sight::Staff;
        let status = status_of(&m)?;
        let names = self.district_names_of(m.ward_id).await?;
        let districts = self.store.matters_districts(&[m.id]).await?;
        let departments = self.store.matters_departments(&[m.id]).await?;
        let reporter = match (staff, m.reported_by) {
            (true, Some(u)) => self.store.person_name(u).await?,
            _ => None,
        };
        let meeting = match staff {
            true => self.current_meeting(m.ward_id).await?,
            false => None,
        };
        Ok(MatterView {
            id: m.id,
            title: m.title.clone(),
            description: m.description.clone(),
            kind: kind_of(&m)?,
            status,
            source: source_of(&m)?,
            source_excerpt: m.source_excerpt.clone(),
            source_link: staff
                .then(|| source_link(m.source_ref.as_deref()))
                .flatten(),
            reported_by: reporter,
            place: m.place.clone(),
            point: m.latitude.zip(m.longitude),
            districts: names
                .iter()
                .filter(|n| districts.iter().any(|(_, d)| *d == n.id))
                .cloned()
                .collect(),
            all_districts: match staff {
                true => names,
                false => Vec::new(),
            },
            departments: departments
                .into_iter()
                .map(|(_, id, name)| DepartmentOption { id, name })
                .collect(),
            follow_up_on: m.follow_up_on,
            overdue: overdue(&m, status, today()),
            shared_with_district: m.shared_with_district,
            published: m.published,
            public_note: m.public_note.clone(),
            photos: self
                .store
                .matters_photos(&[m.id])
                .await?
                .into_iter()
                .map(|(_, p)| p)
                .collect(),
            events: self
                .store
                .matter_events(m.id)
                .await?
                .into_iter()
                .filter_map(|e| seen_by(e, staff))
                .collect(),
            created_at: m.created_at,
            can_edit: staff,
            all_departments: match staff {
                true => self.department_options(m.ward_id).await?,
                false => Vec::new(),
            },
            meeting,
        })
    }

    /// A reporter's own reports, the newest first.
    pub async fn own_reports(&self, user: &CurrentUser) -> Result<Vec<OwnReport>> {
        let records = self.store.reported_by(user.id).await?;
        let mut wards: Vec<i64> = records.iter().map(|m| m.ward_id).collect();
        wards.sort_unstable();
        wards.dedup();
        let mut rows = Vec::new();
        for ward in wards {
            let of_ward: Vec<MatterRecord> = records
                .iter()
                .filter(|m| m.ward_id == ward)
                .cloned()
                .collect();
            let shown = self.matter_rows(ward, &of_ward).await?;
            rows.extend(of_ward.into_iter().zip(shown));
        }
        // Newest first, as the store gave them.
        rows.sort_by(|(a, _), (b, _)| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
        Ok(rows
            .into_iter()
            .map(|(m, row)| own_report(m, row))
            .collect())
    }

    /// The matters staff shared with the districts `user` speaks for (as a council member or
    /// a centre director), the most recently changed first; nothing for anyone else. Each is
    /// read on its page ([`Core::matter_view`]).
    pub async fn shared_with_me(&self, user: &CurrentUser) -> Result<Vec<OwnReport>> {
        let districts = self.own_districts(user).await?;
        if districts.is_empty() {
            return Ok(Vec::new());
        }
        let all = self.store.all_districts().await?;
        let mut seen: Vec<i64> = Vec::new();
        let mut shared = Vec::new();
        for district in districts {
            let Some(ward) = all
                .iter()
                .find(|(_, d)| d.id == district)
                .map(|(w, _)| *w)
                .filter(|w| works_in(user, *w))
            else {
                continue;
            };
            let filter = MatterFilter {
                district: Some(district),
                ..MatterFilter::default()
            };
            let (records, _) = self
                .store
                .list_matters(ward, &filter, today(), LIST_LIMIT)
                .await?;
            let records: Vec<MatterRecord> = records
                .into_iter()
                .filter(|m| m.shared_with_district && !seen.contains(&m.id))
                .collect();
            seen.extend(records.iter().map(|m| m.id));
            let rows = self.matter_rows(ward, &records).await?;
            shared.extend(
                records
                    .into_iter()
                    .zip(rows)
                    .map(|(m, row)| own_report(m, row)),
            );
        }
        shared.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(b.id.cmp(&a.id)));
        Ok(shared)
    }

    /// The public list of what a ward did in its districts, or in one of them: nothing
    /// personal. The ward is the chosen district's, else the person's (by their ward or home
    /// district), else the first.
    pub async fn done_list(
        &self,
        user: Option<&CurrentUser>,
        district: Option<i64>,
    ) -> Result<DoneList> {
        let all = self.store.all_districts().await?;
        let ward_of =
            |d: Option<i64>| d.and_then(|d| all.iter().find(|(_, x)| x.id == d).map(|(w, _)| *w));
        let Some(ward) = ward_of(district)
            .or_else(|| user.and_then(|u| u.ward_id))
            .or_else(|| ward_of(user.and_then(|u| u.district_id)))
            .or_else(|| all.first().map(|(w, _)| *w))
        else {
            return not_found();
        };
        let districts = self.district_names_of(ward).await?;
        let district = district.filter(|d| districts.iter().any(|x| x.id == *d));
        let records = self.store.done_matters(ward, district, DONE_LIMIT).await?;
        let rows = self.matter_rows(ward, &records).await?;
        let matters = records
            .iter()
            .zip(rows)
            .map(|(m, row)| DoneMatter {
                title: m.title.clone(),
                kind: row.kind,
                public_note: m.public_note.clone(),
                districts: row.districts,
                done_on: store::events::jst_date(m.done_at.unwrap_or(m.updated_at)),
            })
            .collect();
        Ok(DoneList {
            districts,
            district,
            matters,
        })
    }
}

/// A matter as a list of one's own (or one's district's) shows it.
fn own_report(m: MatterRecord, row: MatterRow) -> OwnReport {
    OwnReport {
        id: m.id,
        title: m.title,
        kind: row.kind,
        status: row.status,
        districts: row.districts,
        created_at: m.created_at,
        updated_at: m.updated_at,
        public_note: m.public_note,
    }
}

/// A step of a matter's history as its viewer sees it: staff, everything; a council member
/// or centre director of its district, neither the comments between departments nor who did
/// what (the reporter's name would otherwise stand on the report's first step).
fn seen_by(mut event: MatterEvent, staff: bool) -> Option<MatterEvent> {
    if staff {
        return Some(event);
    }
    if event.kind == EventKind::Comment {
        return None;
    }
    event.actor = None;
    Some(event)
}

/// Where staff read what a matter came from.
fn source_link(source_ref: Option<&str>) -> Option<String> {
    let (what, rest) = source_ref?.split_once(':')?;
    let mut parts = rest.split(':');
    let first = parts.next()?;
    match what {
        // "text:{survey}:{key}:{text}": the survey's texts page for that question, at the
        // answer.
        "text" => {
            let key = parts.next()?;
            match parts.next() {
                Some(text) => Some(format!(
                    "/staff/surveys/{first}/texts/{key}?at={text}#t-{text}"
                )),
                None => Some(format!("/staff/surveys/{first}/texts/{key}")),
            }
        }
        // "comment:{survey}:{comment}": the comment on the survey's draft.
        "comment" => Some(format!("/review/{first}#c-{}", parts.next()?)),
        // "post:{group}:{post}": the post on its group's page.
        "post" => Some(format!("/groups/{first}#post-{}", parts.next()?)),
        // "report:{group}[:{post}]": the moderation queue, where the reports are decided.
        "report" => Some("/groups/reports".to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sources_link_to_their_pages() {
        assert_eq!(
            super::source_link(Some("text:3:q7:41")).as_deref(),
            Some("/staff/surveys/3/texts/q7?at=41#t-41")
        );
        assert_eq!(
            super::source_link(Some("post:5:12")).as_deref(),
            Some("/groups/5#post-12")
        );
        assert_eq!(
            super::source_link(Some("comment:3:8")).as_deref(),
            Some("/review/3#c-8")
        );
        assert_eq!(
            super::source_link(Some("report:5")).as_deref(),
            Some("/groups/reports")
        );
        assert_eq!(super::source_link(Some("nonsense")), None);
        assert_eq!(super::source_link(None), None);
    }
}
