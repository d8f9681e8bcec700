//! Who may see what: the gates every area uses, written once.
//!
//! **Wards.** Staff, council members and directors of one ward never see another ward's surveys,
//! answers, groups or people; an account without a ward is an admin of every ward of the city
//! ([`works_in`]).
//!
//! **404 or 403.** Something a person may not see at all is "not found" (404), whatever the id,
//! exactly as if it did not exist, so ids cannot be probed. Something they can see but may not
//! change is "forbidden" (403). A whole kind of page closed to a role (a resident asking for a
//! staff page, say) is 403 before any id is looked up ([`require_staff`]).
//!
//! The gates built on these: [`Core::staff_survey`] (staff pages, builder, paper entry, codes,
//! exports, texts, results settings), `Core::survey_access` (co-design, in `codesign`),
//! `Core::results_audience` (results, in `analytics`) and `Core::visible_group` (the network,
//! in `network::groups`).

use crate::Core;
use crate::db::SurveyRecord;
use crate::error::{Result, not_found};
use shared::ApiError;
use shared::views::CurrentUser;

/// Only admins and staff: `Forbidden` for every other role.
pub(crate) fn require_staff(user: &CurrentUser) -> Result<()> {
    if user.role.is_staff() {
        Ok(())
    } else {
        Err(ApiError::Forbidden.into())
    }
}

/// Whether `user` works in ward `ward_id`: everyone of that ward, and an account without a
/// ward (an admin of every ward of the city).
pub(crate) fn works_in(user: &CurrentUser, ward_id: i64) -> bool {
    user.ward_id.is_none_or(|w| w == ward_id)
}

/// Whether a survey aimed at `targets` (districts; none means the whole ward) is meant for
/// `user`'s district. An account without a district only sees surveys for the whole ward.
pub(crate) fn targets_district_of(user: &CurrentUser, targets: &[i64]) -> bool {
    match user.district_id {
        Some(d) => targets.is_empty() || targets.contains(&d),
        None => targets.is_empty(),
    }
}

impl Core {
    /// The survey with this id, if it is of a ward `user` works in (any role); not found
    /// otherwise, as for an unknown id.
    pub(crate) async fn survey_in_ward(&self, user: &CurrentUser, id: i64) -> Result<SurveyRecord> {
        match self.store.survey_by_id(id).await? {
            Some(s) if works_in(user, s.ward_id) => Ok(s),
            _ => not_found(),
        }
    }

    /// The survey with this id, for staff of its ward (`Forbidden` for other roles, whatever the
    /// id; not found for staff of another ward). Every staff path to a survey goes through here
    /// or `Core::survey_access`.
    pub async fn staff_survey(&self, user: &CurrentUser, id: i64) -> Result<SurveyRecord> {
        require_staff(user)?;
        self.survey_in_ward(user, id).await
    }
}
