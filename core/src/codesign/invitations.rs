//! Inviting council members to review a survey: the invitation, its link, and accepting it
//! (which makes an account when the invited address has none).

use super::{INVITATION_DAYS, field_error};
use crate::Core;
use crate::accounts::{NewUser, SignedIn, hash_password, new_token, token_hash};
use crate::codesign::InvitationRecord;
use crate::error::{Result, not_found};
use crate::surveys::builder::district_name as district_name_of;
use chrono::{Duration, Utc};
use shared::account::{DisplayName, Email, NewPassword, Role};
use shared::codesign::views::{InvitationLink, InvitationPage};
use shared::views::CurrentUser;
use shared::{ApiError, FieldError, FieldErrors};

impl Core {
    // --- Invitations -------------------------------------------------------------------------

    /// Invites a council member (staff only) and returns the link's token, shown once.
    pub async fn invite_reviewer(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        email: &str,
        district_id: Option<i64>,
    ) -> Result<String> {
        let survey = self.staff_access(user, survey_id).await?;
        let mut errors = FieldErrors::default();
        let email = Email::parse(email)
            .map_err(|e| errors.push("email", e))
            .ok();
        let districts = self.store.districts(survey.ward_id).await?;
        let targets = self.store.survey_districts(survey_id).await?;
        let district = district_id.filter(|d| {
            districts.iter().any(|x| x.id == *d) && (targets.is_empty() || targets.contains(d))
        });
        if district.is_none() {
            errors.push(
                "district",
                if district_id.is_none() {
                    FieldError::Required
                } else {
                    FieldError::Invalid
                },
            );
        }
        let (Some(email), Some(district)) = (email, district) else {
            return Err(ApiError::Validation(errors).into());
        };
        // An existing account must be a council member of that district.
        if let Some(existing) = self.store.user_by_email(email.as_str()).await?
            && (existing.role != Role::Council || existing.district_id != Some(district))
        {
            return Err(field_error("email", FieldError::Invalid));
        }
        let token = new_token();
        let now = Utc::now();
        self.store
            .create_invitation(
                survey_id,
                email.as_str(),
                district,
                &token_hash(&token),
                user.id,
                now,
                now + Duration::days(INVITATION_DAYS),
            )
            .await?;
        self.store
            .audit_survey(
                user.id,
                "reviewer_invite",
                survey_id,
                &format!("{} (district {district})", email.as_str()),
                None,
                None,
                now,
            )
            .await?;
        Ok(token)
    }

    /// The invitation link for staff to pass on (staff only; the token must belong to the
    /// survey and be unused).
    pub async fn invitation_link(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        token: &str,
        asked_origin: &str,
    ) -> Result<InvitationLink> {
        let survey = self.staff_access(user, survey_id).await?;
        let invitation = self.pending_invitation(token).await?;
        if invitation.survey_id != survey_id {
            return not_found();
        }
        let (origin, public) = self.print_origin(asked_origin);
        let url = format!("{origin}/invite/{token}");
        let district = self
            .store
            .districts(survey.ward_id)
            .await?
            .iter()
            .find(|d| d.id == invitation.district_id)
            .map(district_name_of)
            .unwrap_or_default();
        Ok(InvitationLink {
            survey_id,
            title: survey.title,
            email: invitation.email,
            district,
            qr_svg: crate::paper::print::qr_svg(&url)?,
            url,
            expires_at: invitation.expires_at,
            origin_guessed: !public,
        })
    }

    /// An unused, unexpired invitation; `NotFound` for an unknown token, `InvitationUsed` for a
    /// used or expired one.
    async fn pending_invitation(&self, token: &str) -> Result<InvitationRecord> {
        let Some(invitation) = self.store.invitation_by_token(&token_hash(token)).await? else {
            return not_found();
        };
        if invitation.accepted_at.is_some() || invitation.expires_at <= Utc::now() {
            return Err(ApiError::InvitationUsed.into());
        }
        Ok(invitation)
    }

    /// What the invitation page shows (anyone holding the link).
    pub async fn invitation_page(&self, token: &str) -> Result<InvitationPage> {
        let invitation = self.pending_invitation(token).await?;
        let Some(survey) = self.store.survey_by_id(invitation.survey_id).await? else {
            return not_found();
        };
        let district = self
            .store
            .districts(survey.ward_id)
            .await?
            .iter()
            .find(|d| d.id == invitation.district_id)
            .map(district_name_of)
            .unwrap_or_default();
        let invited_by = self
            .store
            .user_name(invitation.invited_by)
            .await?
            .unwrap_or_default();
        Ok(InvitationPage {
            title: survey.title,
            has_account: self.store.user_by_email(&invitation.email).await?.is_some(),
            email: invitation.email,
            district,
            invited_by,
        })
    }

    /// Uses an invitation: a new council account with the chosen name and password, or the
    /// existing account signed in with its password. Returns the session and the survey id.
    pub async fn accept_invitation(
        &self,
        token: &str,
        display_name: &str,
        password: &str,
        address: &str,
    ) -> Result<(SignedIn, i64)> {
        let invitation = self.pending_invitation(token).await?;
        let Some(survey) = self.store.survey_by_id(invitation.survey_id).await? else {
            return not_found();
        };
        let now = Utc::now();
        let signed_in = match self.store.user_by_email(&invitation.email).await? {
            Some(_) => self.sign_in(&invitation.email, password, address).await?,
            None => {
                let mut errors = FieldErrors::default();
                let name = DisplayName::parse_own(display_name)
                    .map_err(|e| errors.push("display_name", e))
                    .ok();
                let password = NewPassword::parse(password)
                    .map_err(|e| errors.push("password", e))
                    .ok();
                let (Some(name), Some(password)) = (name, password) else {
                    return Err(ApiError::Validation(errors).into());
                };
                let user_id = self
                    .store
                    .create_user(
                        &NewUser {
                            email: invitation.email.clone(),
                            display_name: name.as_str().to_string(),
                            password_hash: hash_password(&password).await?,
                            role: Role::Council,
                            ward_id: Some(survey.ward_id),
                            district_id: Some(invitation.district_id),
                        },
                        now,
                    )
                    .await?;
                self.open_session(user_id, now).await?
            }
        };
        self.store
            .accept_invitation(invitation.id, survey.id, signed_in.user_id, now)
            .await?;
        self.store
            .audit_survey(
                signed_in.user_id,
                "reviewer_join",
                survey.id,
                &invitation.email,
                None,
                None,
                now,
            )
            .await?;
        Ok((signed_in, survey.id))
    }
}
