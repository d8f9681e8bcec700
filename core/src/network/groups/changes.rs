//! Proposing, editing and deciding on groups; joining and leaving them.

use super::*;

impl Core {
    /// The proposal form's choices (anyone signed in may propose).
    pub async fn propose_view(&self, _user: &CurrentUser) -> Result<ProposeView> {
        let (_, districts) = self.district_table().await?;
        Ok(ProposeView { districts })
    }

    /// Reads a proposal or edit form against the installation's districts; returns the fields
    /// and the ward they belong to (every district must be in one ward).
    pub(super) async fn group_fields(&self, form: &FormValues) -> Result<(GroupFields, i64)> {
        let districts = self.store.all_districts().await?;
        let ids: Vec<i64> = districts.iter().map(|(_, d)| d.id).collect();
        let fields = GroupFields::from_form(form, &ids).map_err(ApiError::Validation)?;
        let wards: Vec<i64> = fields
            .districts
            .iter()
            .filter_map(|id| districts.iter().find(|(_, d)| d.id == *id).map(|(w, _)| *w))
            .collect();
        match wards.first() {
            Some(ward) if wards.iter().all(|w| w == ward) => Ok((fields, *ward)),
            _ => {
                let mut errors = FieldErrors::default();
                errors.push("district", FieldError::Invalid);
                Err(ApiError::Validation(errors).into())
            }
        }
    }

    /// Proposes a group; it waits for staff or a centre director. The proposer becomes its
    /// organiser. At most [`MAX_PENDING_PROPOSALS`] may wait per person.
    pub async fn propose_group(&self, user: &CurrentUser, form: &FormValues) -> Result<i64> {
        let (fields, ward) = self.group_fields(form).await?;
        if self.store.pending_proposals_of(user.id).await? >= MAX_PENDING_PROPOSALS {
            return Err(ApiError::RateLimited.into());
        }
        let now = Utc::now();
        let id = self.store.create_group(ward, &fields, user.id, now).await?;
        self.store
            .audit(
                Some(user.id),
                "propose_group",
                &format!("group {id}: {}", fields.name),
                now,
            )
            .await?;
        Ok(id)
    }

    /// Changes a group's details (its organisers, or staff).
    pub async fn edit_group(&self, user: &CurrentUser, id: i64, form: &FormValues) -> Result<()> {
        let (group, standing) = self.visible_group(Some(user), id).await?;
        if !(standing.organiser() || standing.staff) {
            return Err(ApiError::Forbidden.into());
        }
        let (fields, ward) = self.group_fields(form).await?;
        if ward != group.ward_id {
            let mut errors = FieldErrors::default();
            errors.push("district", FieldError::Invalid);
            return Err(ApiError::Validation(errors).into());
        }
        let now = Utc::now();
        self.store.update_group(id, &fields, now).await?;
        self.store
            .audit(
                Some(user.id),
                "edit_group",
                &format!("group {id}: {}", fields.name),
                now,
            )
            .await
    }

    /// Approves (with the verified badge) or declines (with a reason) a pending group. Staff
    /// of its ward and directors of its districts may.
    pub async fn decide_group(
        &self,
        user: &CurrentUser,
        id: i64,
        approve: bool,
        reason: &str,
    ) -> Result<()> {
        let (group, standing) = self.visible_group(Some(user), id).await?;
        if !standing.decider() {
            return Err(ApiError::Forbidden.into());
        }
        let reason = reason.trim();
        if reason.chars().count() > 500 {
            let mut errors = FieldErrors::default();
            errors.push("reason", FieldError::TooLong { max: 500 });
            return Err(ApiError::Validation(errors).into());
        }
        if !approve && reason.is_empty() {
            let mut errors = FieldErrors::default();
            errors.push("reason", FieldError::Required);
            return Err(ApiError::Validation(errors).into());
        }
        let now = Utc::now();
        if !self
            .store
            .decide_group(id, approve, user.id, reason, now)
            .await?
        {
            // Decided by someone else meanwhile.
            return Err(ApiError::Conflict.into());
        }
        let action = if approve {
            "approve_group"
        } else {
            "decline_group"
        };
        self.store
            .audit(
                Some(user.id),
                action,
                &format!("group {id}: {} {reason}", group.fields.name),
                now,
            )
            .await
    }

    /// The proposals a user may decide: staff see their ward's (admins every ward's),
    /// directors those active in their districts; anyone else is refused.
    pub async fn pending_groups(&self, user: &CurrentUser) -> Result<Vec<PendingGroup>> {
        let pending = if user.role.is_staff() {
            self.store.pending_groups(user.ward_id, None).await?
        } else {
            let districts = self.store.directed_districts(user.id).await?;
            if districts.is_empty() {
                return Err(ApiError::Forbidden.into());
            }
            self.store.pending_groups(None, Some(&districts)).await?
        };
        let (names, _) = self.district_table().await?;
        Ok(pending
            .into_iter()
            .map(|(g, proposed_by)| PendingGroup {
                card: card(&g, &names),
                description: g.fields.description.clone(),
                proposed_by,
                created_at: g.created_at,
            })
            .collect())
    }

    /// Whether a user may open the decision queue (staff, or a centre director).
    pub async fn decides_groups(&self, user: &CurrentUser) -> Result<bool> {
        Ok(user.role.is_staff() || !self.store.directed_districts(user.id).await?.is_empty())
    }

    /// Joins (`Member`) or follows (`Follower`) an approved group, or changes whether the
    /// organisers may see the name. An organiser stays an organiser.
    pub async fn join_group(
        &self,
        user: &CurrentUser,
        id: i64,
        membership: Membership,
        show_name: bool,
    ) -> Result<Membership> {
        let (group, _) = self.visible_group(Some(user), id).await?;
        if group.status != GroupStatus::Approved {
            return Err(ApiError::Conflict.into());
        }
        if membership == Membership::Organiser {
            return Err(ApiError::BadRequest.into());
        }
        self.store
            .set_membership(id, user.id, membership, show_name, Utc::now())
            .await
    }

    /// Leaves a group. The last organiser cannot leave (`Conflict`); leaving a group one is not
    /// in changes nothing.
    pub async fn leave_group(&self, user: &CurrentUser, id: i64) -> Result<()> {
        self.visible_group(Some(user), id).await?;
        self.store.leave_group(id, user.id).await.map(drop)
    }
}
