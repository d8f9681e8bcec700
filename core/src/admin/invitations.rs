//! Inviting people by a single-use link (mailed, and shown once to print), withdrawing an
//! invitation, and accepting one, which makes the account.

use super::*;
use crate::accounts::{SignedIn, hash_password, new_token, token_hash};
use crate::mail::templates;
use chrono::Duration;
use shared::Lang;
use shared::account::{DisplayName, Email, NewPassword};
use shared::admin::INVITATION_DAYS;

/// What an invitation makes its person, in `lang` (for the mail).
fn invitee_name(lang: Lang, invitee: Invitee) -> &'static str {
    match (invitee, lang) {
        (Invitee::Staff, Lang::En) => "ward-office staff",
        (Invitee::Staff, _) => "区役所職員",
        (Invitee::Council, Lang::En) => "a neighbourhood-council member",
        (Invitee::Council, _) => "まちづくり協議会委員",
        (Invitee::Director, Lang::En) => "a community-centre director",
        (Invitee::Director, _) => "市民センター館長",
        (Invitee::Admin, Lang::En) => "an administrator",
        (Invitee::Admin, _) => "管理者",
    }
}

/// The fields of the invitation form.
#[derive(Debug, Clone, Copy, Default)]
pub struct InvitationForm<'a> {
    /// The address to invite.
    pub email: &'a str,
    /// The name to make it out to.
    pub display_name: &'a str,
    /// What they become and where.
    pub scope: ScopeForm<'a>,
    /// The form's key (from the page): the same form sent again makes no second invitation.
    pub form_key: &'a str,
}

impl Core {
    /// Invites a person: stores the link's hash and queues its mail (in `lang`) in one
    /// transaction. The whole link is returned to be shown once. An address that has an
    /// account already is refused (`Taken`): change that account's role on its page instead.
    pub async fn invite_person(
        &self,
        admin: &CurrentUser,
        form: &InvitationForm<'_>,
        lang: Lang,
    ) -> Result<InvitationMade> {
        require_admin(admin)?;
        // The same form again (a reload of the answer, a second press): nothing new is made.
        let again = |email: String| InvitationMade {
            link: None,
            email,
            replaced: false,
            qr_svg: None,
        };
        if !form.form_key.is_empty()
            && let Some(email) = self
                .store
                .invitation_of_form(admin.id, form.form_key)
                .await?
        {
            return Ok(again(email));
        }
        let wards = self.managed_wards(admin).await?;
        let mut errors = FieldErrors::default();
        let email = Email::parse(form.email)
            .map_err(|e| errors.push("email", e))
            .ok();
        let name = DisplayName::parse(form.display_name)
            .map_err(|e| errors.push("display_name", e))
            .ok();
        let placement = placement(admin, &form.scope, &wards, false, &mut errors);
        if let Some(email) = &email
            && self.store.addressee_any(email.as_str()).await?.is_some()
        {
            errors.push("email", FieldError::HasAccount);
        }
        let (Some(email), Some(name), Some(placement)) = (email, name, placement) else {
            return Err(ApiError::Validation(errors).into());
        };
        if !errors.is_empty() {
            return Err(ApiError::Validation(errors).into());
        }
        let invitee =
            Invitee::of(placement.role, placement.centre.is_some()).ok_or(ApiError::BadRequest)?;
        let token = new_token();
        let link = format!("{}/join/{token}", self.config.mail_origin());
        let now = Utc::now();
        let mail = templates::invitation(
            lang,
            email.as_str(),
            name.as_str(),
            invitee_name(lang, invitee),
            &admin.display_name,
            &link,
            INVITATION_DAYS,
        );
        let invitation = NewInvitation {
            token_hash: token_hash(&token),
            email: email.as_str().to_string(),
            display_name: name.as_str().to_string(),
            role: placement.role,
            ward_id: placement.ward,
            district_id: placement.district,
            centre_id: placement.centre,
            invited_by: admin.id,
            form_key: form.form_key.trim().to_string(),
        };
        let created = self
            .store
            .create_account_invitation(
                &invitation,
                now,
                now + Duration::days(INVITATION_DAYS),
                &mail,
            )
            .await;
        let (id, replaced) = match created {
            Ok(made) => made,
            Err(crate::Error::Api(ApiError::Conflict)) => return Ok(again(invitation.email)),
            Err(e) => return Err(e),
        };
        let detail = format!(
            "invitation {id}: {} as {} · {}",
            email.as_str(),
            invitee.as_str(),
            place_name(&wards, placement.ward, placement.district, placement.centre)
        );
        self.store
            .audit(Some(admin.id), "person_invited", &detail, now)
            .await?;
        self.mail_queued();
        Ok(InvitationMade {
            qr_svg: Some(crate::paper::print::qr_svg(&link)?),
            link: Some(link),
            email: invitation.email,
            replaced: replaced > 0,
        })
    }

    /// Whether `admin` may withdraw invitation `id` (of a ward they manage; not found
    /// otherwise), before asking them to confirm.
    pub async fn may_withdraw_invitation(&self, admin: &CurrentUser, id: i64) -> Result<()> {
        require_admin(admin)?;
        match self.store.account_invitation(id).await? {
            Some(i) if manages(admin, i.ward_id) => Ok(()),
            _ => not_found(),
        }
    }

    /// Withdraws an open invitation of a ward `admin` manages (not found otherwise).
    pub async fn revoke_account_invitation(&self, admin: &CurrentUser, id: i64) -> Result<()> {
        self.may_withdraw_invitation(admin, id).await?;
        let now = Utc::now();
        if !self.store.revoke_invitation(id, now).await? {
            return Err(ApiError::InvitationUsed.into());
        }
        self.store
            .audit(
                Some(admin.id),
                "invitation_withdrawn",
                &format!("invitation {id}"),
                now,
            )
            .await
    }

    /// What an invitation link offers, while it can be used (`InvitationUsed`, 410, once it
    /// is used, withdrawn, expired or unknown). No sign-in: the link is the key.
    pub async fn account_invitation_info(&self, token: &str) -> Result<InvitationInfo> {
        let Some(i) = self
            .store
            .usable_invitation(&token_hash(token), Utc::now())
            .await?
        else {
            return Err(ApiError::InvitationUsed.into());
        };
        let wards = self.store.ward_choices(i.ward_id).await?;
        let invitee = i.invitee()?;
        Ok(InvitationInfo {
            place: place_name(&wards, i.ward_id, i.district_id, i.centre_id),
            email: i.email,
            display_name: i.display_name,
            invitee,
        })
    }

    /// Accepts an invitation: makes the account with the chosen name and password (the
    /// address is the invitation's) and signs in. The link works once.
    pub async fn accept_account_invitation(
        &self,
        token: &str,
        display_name: &str,
        password: &str,
    ) -> Result<SignedIn> {
        let hash = token_hash(token);
        let now = Utc::now();
        let Some(invitation) = self.store.usable_invitation(&hash, now).await? else {
            return Err(ApiError::InvitationUsed.into());
        };
        let mut errors = FieldErrors::default();
        let name = if invitation.role()?.is_staff() {
            DisplayName::parse(display_name)
        } else {
            DisplayName::parse_own(display_name)
        }
        .map_err(|e| errors.push("display_name", e))
        .ok();
        let password = NewPassword::parse(password)
            .map_err(|e| errors.push("password", e))
            .ok();
        let (Some(name), Some(password)) = (name, password) else {
            return Err(ApiError::Validation(errors).into());
        };
        let password_hash = hash_password(&password).await?;
        let user_id = match self
            .store
            .accept_account_invitation(&hash, name.as_str(), &password_hash, now)
            .await
        {
            Ok(Some(id)) => id,
            Ok(None) => return Err(ApiError::InvitationUsed.into()),
            Err(crate::Error::Api(ApiError::Conflict)) => {
                let mut errors = FieldErrors::default();
                errors.push("email", FieldError::Taken);
                return Err(ApiError::Validation(errors).into());
            }
            Err(e) => return Err(e),
        };
        self.store
            .audit(
                Some(user_id),
                "invitation_accepted",
                &format!("invitation {} (user {user_id})", invitation.id),
                now,
            )
            .await?;
        self.open_session(user_id, now).await
    }
}
