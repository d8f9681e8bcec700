//! The people list, one person's role and scope, deactivation and reactivation.

use super::*;
use shared::admin::MAX_PEOPLE_LISTED;

impl Core {
    /// The people page: the accounts `filter` and `search` select among those `admin`
    /// manages, the open invitations, and the wards for the invitation form.
    pub async fn people_view(
        &self,
        admin: &CurrentUser,
        filter: PeopleFilter,
        search: &str,
    ) -> Result<PeopleView> {
        require_admin(admin)?;
        let wards = self.managed_wards(admin).await?;
        let limit = MAX_PEOPLE_LISTED as i64;
        let records = self
            .store
            .people(admin.ward_id, filter, search, limit + 1)
            .await?;
        let more = records.len() > MAX_PEOPLE_LISTED;
        let people = self
            .person_rows(records.into_iter().take(MAX_PEOPLE_LISTED).collect())
            .await?;
        let now = Utc::now();
        let invitations = self
            .store
            .open_invitations(admin.ward_id)
            .await?
            .into_iter()
            .map(|i| {
                let invitee = i.invitee()?;
                Ok(InvitationRow {
                    place: place_name(&wards, i.ward_id, i.district_id, i.centre_id),
                    id: i.id,
                    email: i.email,
                    display_name: i.display_name,
                    invitee,
                    created_at: i.created_at,
                    expired: i.expires_at <= now,
                    expires_at: i.expires_at,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(PeopleView {
            form_key: crate::accounts::new_form_key(),
            city_wide: admin.ward_id.is_none(),
            people,
            more,
            invitations,
            wards,
        })
    }

    /// Rows for the pages, with the centres each person directs.
    async fn person_rows(&self, records: Vec<PersonRecord>) -> Result<Vec<PersonRow>> {
        let ids: Vec<i64> = records.iter().map(|r| r.id).collect();
        let centres = self.store.directed_centres(&ids).await?;
        records
            .into_iter()
            .map(|r| {
                let id = r.id;
                let names = centres
                    .iter()
                    .filter(|(user, _, _)| *user == id)
                    .map(|(_, _, name)| name.clone())
                    .collect();
                r.row(names)
            })
            .collect()
    }

    /// A person `admin` manages (not found otherwise, as for an unknown id).
    async fn managed_person(&self, admin: &CurrentUser, id: i64) -> Result<PersonRecord> {
        require_admin(admin)?;
        match self.store.person(id).await? {
            Some(p) if manages(admin, p.ward_id) => Ok(p),
            _ => not_found(),
        }
    }

    /// Whether `admin` manages person `id` (not found otherwise), before asking them to
    /// confirm a change.
    pub async fn may_manage_person(&self, admin: &CurrentUser, id: i64) -> Result<()> {
        self.managed_person(admin, id).await.map(drop)
    }

    /// One person's page.
    pub async fn person_view(&self, admin: &CurrentUser, id: i64) -> Result<PersonView> {
        let record = self.managed_person(admin, id).await?;
        let (ward_id, district_id, created_at) =
            (record.ward_id, record.district_id, record.created_at);
        let sessions = self.store.session_count(id, Utc::now()).await?;
        let person = self
            .person_rows(vec![record])
            .await?
            .pop()
            .ok_or(ApiError::NotFound)?;
        let centre_id = self
            .store
            .directed_centres(&[id])
            .await?
            .first()
            .map(|(_, centre, _)| *centre);
        Ok(PersonView {
            person,
            ward_id,
            district_id,
            centre_id,
            created_at,
            sessions,
            is_self: admin.id == id,
            wards: self.managed_wards(admin).await?,
            city_wide: admin.ward_id.is_none(),
        })
    }

    /// Refuses a change that would leave `person`'s ward (or the city) without an active
    /// administrator.
    async fn keep_an_admin(&self, person: &PersonRecord) -> Result<()> {
        if person.role()? == Role::Admin
            && !person.deactivated()
            && self.store.other_admins(person.id, person.ward_id).await? == 0
        {
            return Err(ApiError::LastAdmin.into());
        }
        Ok(())
    }

    /// Sets a person's role and scope. Nobody changes their own; the last administrator stays
    /// one; a ward administrator's people stay in their ward.
    pub async fn set_person_scope(
        &self,
        admin: &CurrentUser,
        id: i64,
        form: &ScopeForm<'_>,
    ) -> Result<()> {
        let person = self.managed_person(admin, id).await?;
        if admin.id == id {
            return Err(ApiError::Forbidden.into());
        }
        let wards = self.managed_wards(admin).await?;
        let mut errors = FieldErrors::default();
        let placement = placement(admin, form, &wards, true, &mut errors);
        let Some(mut placement) = placement.filter(|_| errors.is_empty()) else {
            return Err(ApiError::Validation(errors).into());
        };
        if placement.role == Role::Resident && placement.ward.is_none() {
            placement.ward = person.ward_id;
        }
        let narrower = placement.role != Role::Admin
            || (placement.ward.is_some() && placement.ward != person.ward_id);
        if narrower {
            self.keep_an_admin(&person).await?;
        }
        self.store
            .set_person_scope(
                id,
                placement.role,
                placement.ward,
                placement.district,
                placement.centre,
            )
            .await?;
        let detail = format!(
            "user {id}: {} · {}",
            placement.role.as_str(),
            place_name(&wards, placement.ward, placement.district, placement.centre)
        );
        self.store
            .audit(Some(admin.id), "person_scope_changed", &detail, Utc::now())
            .await
    }

    /// Deactivates a person (their sessions end at once) or reactivates them. Nobody
    /// deactivates themselves; the last administrator stays active.
    pub async fn set_person_active(
        &self,
        admin: &CurrentUser,
        id: i64,
        active: bool,
    ) -> Result<()> {
        let person = self.managed_person(admin, id).await?;
        if admin.id == id {
            return Err(ApiError::Forbidden.into());
        }
        let now = Utc::now();
        if active != person.deactivated() {
            return Ok(());
        }
        if !active {
            self.keep_an_admin(&person).await?;
        }
        self.store
            .set_deactivated(id, (!active).then_some(now))
            .await?;
        let action = if active {
            "person_reactivated"
        } else {
            "person_deactivated"
        };
        self.store
            .audit(Some(admin.id), action, &format!("user {id}"), now)
            .await
    }
}
