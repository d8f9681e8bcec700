//! Notices from staff and community-centre directors to chosen groups and districts.
//!
//! Staff reach every approved group and district of their ward (admins: every ward); a director
//! reaches their own districts and the approved groups active in them. Nobody else sends.

mod store;

use crate::Core;
use crate::access::works_in;
use crate::error::Result;
use chrono::Utc;
use shared::answer::FormValues;
use shared::network::notices::{GroupOption, NoticeFields, NoticesView};
use shared::network::{DirectoryQuery, DistrictOption};
use shared::views::CurrentUser;
use shared::{ApiError, FieldError, FieldErrors};

/// How many sent notices the page lists.
const SENT_SHOWN: i64 = 50;

/// Whom a sender may reach.
struct Reach {
    ward: Option<i64>,
    groups: Vec<GroupOption>,
    districts: Vec<DistrictOption>,
    staff: bool,
}

impl Core {
    async fn notice_reach(&self, user: &CurrentUser) -> Result<Reach> {
        let staff = user.role.is_staff();
        let directed = if staff {
            Vec::new()
        } else {
            self.store.directed_districts(user.id).await?
        };
        if !staff && directed.is_empty() {
            return Err(ApiError::Forbidden.into());
        }
        let all = self.store.all_districts().await?;
        let districts: Vec<DistrictOption> = all
            .iter()
            .filter(|(ward, d)| {
                if staff {
                    works_in(user, *ward)
                } else {
                    directed.contains(&d.id)
                }
            })
            .map(|(_, d)| DistrictOption {
                id: d.id,
                name: crate::surveys::builder::district_name(d),
            })
            .collect();
        let ids: Vec<i64> = districts.iter().map(|d| d.id).collect();
        let groups = self
            .store
            .directory(&DirectoryQuery::default())
            .await?
            .into_iter()
            .filter(|g| g.fields.districts.iter().any(|d| ids.contains(d)))
            .map(|g| GroupOption {
                id: g.id,
                name: g.fields.name,
            })
            .collect();
        let ward = match user.ward_id {
            Some(ward) => Some(ward),
            None if !staff => all
                .iter()
                .find(|(_, d)| directed.contains(&d.id))
                .map(|(w, _)| *w),
            None => None,
        };
        Ok(Reach {
            ward,
            groups,
            districts,
            staff,
        })
    }

    /// The notices page for staff and directors.
    pub async fn notices_view(&self, user: &CurrentUser) -> Result<NoticesView> {
        let reach = self.notice_reach(user).await?;
        let sender = (!reach.staff).then_some(user.id);
        Ok(NoticesView {
            sent: self
                .store
                .sent_notices(reach.ward, sender, SENT_SHOWN)
                .await?,
            groups: reach.groups,
            districts: reach.districts,
        })
    }

    /// The ward of a notice's first district, else of its first group.
    async fn notice_ward(&self, notice: &NoticeFields) -> Result<Option<i64>> {
        if let Some(first) = notice.districts.first() {
            return Ok(self
                .store
                .all_districts()
                .await?
                .into_iter()
                .find(|(_, d)| d.id == *first)
                .map(|(w, _)| w));
        }
        match notice.groups.first() {
            Some(group) => Ok(self.store.group(*group).await?.map(|g| g.ward_id)),
            None => Ok(None),
        }
    }

    /// Sends a notice; returns how many received it. Audited.
    pub async fn send_notice(&self, user: &CurrentUser, form: &FormValues) -> Result<u64> {
        let reach = self.notice_reach(user).await?;
        let groups: Vec<i64> = reach.groups.iter().map(|g| g.id).collect();
        let districts: Vec<i64> = reach.districts.iter().map(|d| d.id).collect();
        let notice =
            NoticeFields::from_form(form, &groups, &districts).map_err(ApiError::Validation)?;
        // An admin of every ward: the ward of the first district chosen, else of the first group.
        let ward = match reach.ward {
            Some(ward) => Some(ward),
            None => self.notice_ward(&notice).await?,
        };
        let Some(ward) = ward else {
            let mut errors = FieldErrors::default();
            errors.push("audience", FieldError::Invalid);
            return Err(ApiError::Validation(errors).into());
        };
        let now = Utc::now();
        let (id, delivered) = self.store.send_notice(ward, user.id, &notice, now).await?;
        self.store
            .audit(
                Some(user.id),
                "send_notice",
                &format!(
                    "notice {id}: {} → groups {:?}, districts {:?}, {delivered} people",
                    notice.title, notice.groups, notice.districts
                ),
                now,
            )
            .await?;
        // Sent from a matter's page (good news going out): the matter's history says so.
        if let Some(matter) = form.first("matter").and_then(|m| m.parse::<i64>().ok()) {
            self.matter_noticed(user, matter, id, delivered).await?;
        }
        Ok(delivered)
    }
}
