//! A resident's sign-up, confirmed by mail. The form always answers the same ("we sent you a
//! mail"), whether the address is new or has an account, so it tells nobody which addresses
//! have one: a new address gets a single-use link (24 hours; only its hash is stored) that
//! makes the account, an address with an account gets a note saying someone tried, with the
//! ways to sign in or reset the password.

use crate::Core;
use crate::accounts::{NewUser, SignedIn, hash_password, new_token, token_hash};
use crate::error::Result;
use crate::mail::templates;
use chrono::{Duration, Utc};
use shared::account::Role;
use shared::{ApiError, Lang};

/// How long a sign-up link works, in hours.
pub const SIGN_UP_LINK_HOURS: i64 = 24;

/// A sign-up waiting for its address, as stored.
#[derive(Debug, Clone)]
pub struct PendingSignUp {
    /// Normalised address.
    pub email: String,
    /// Display name.
    pub display_name: String,
    /// The password's hash.
    pub password_hash: String,
    /// Home ward, if chosen.
    pub ward_id: Option<i64>,
    /// Home district, if chosen.
    pub district_id: Option<i64>,
    /// Where to go after confirming (a local path).
    pub next_path: String,
}

impl Core {
    /// Checks a sign-up and mails the address: a confirmation link when it is new, a note
    /// when it has an account. The answer is the same either way (and so is the work done:
    /// the password is hashed in both cases).
    #[allow(
        clippy::too_many_arguments,
        reason = "the sign-up form's fields, each named"
    )]
    pub async fn request_sign_up(
        &self,
        email: &str,
        display_name: &str,
        password: &str,
        district: Option<&str>,
        next: &str,
        address: &str,
        lang: Lang,
    ) -> Result<()> {
        let new = self
            .checked_sign_up(email, display_name, password, district, address)
            .await?;
        let password_hash = hash_password(&new.password).await?;
        let now = Utc::now();
        let origin = self.config.mail_origin();
        if let Some(owner) = self.store.addressee_any(new.email.as_str()).await? {
            let mail = templates::sign_up_taken(
                lang,
                &owner.email,
                &owner.display_name,
                &format!("{origin}/sign-in"),
                &format!("{origin}/forgot"),
            );
            self.store.queue_mail(&mail, now).await?;
            self.store
                .audit(None, "sign_up_taken", &format!("address {address}"), now)
                .await?;
        } else {
            let token = new_token();
            let link = format!("{origin}/sign-up/confirm/{token}");
            let mail = templates::sign_up_confirm(
                lang,
                new.email.as_str(),
                new.name.as_str(),
                &link,
                SIGN_UP_LINK_HOURS,
            );
            let pending = PendingSignUp {
                email: new.email.as_str().to_string(),
                display_name: new.name.as_str().to_string(),
                password_hash,
                ward_id: new.home.map(|(ward, _)| ward),
                district_id: new.home.map(|(_, d)| d),
                next_path: next.to_string(),
            };
            self.store
                .create_sign_up_request(
                    &token_hash(&token),
                    &pending,
                    now,
                    now + Duration::hours(SIGN_UP_LINK_HOURS),
                    &mail,
                )
                .await?;
        }
        self.mail_queued();
        Ok(())
    }

    /// Whether a sign-up link still works (`LinkExpired` if not).
    pub async fn sign_up_link(&self, token: &str) -> Result<()> {
        if self
            .store
            .sign_up_request_usable(&token_hash(token), Utc::now())
            .await?
        {
            Ok(())
        } else {
            Err(ApiError::LinkExpired.into())
        }
    }

    /// Confirms a sign-up: makes the account (once) and signs in; returns where to go next.
    pub async fn confirm_sign_up(&self, token: &str) -> Result<(SignedIn, String)> {
        let now = Utc::now();
        let Some(pending) = self
            .store
            .take_sign_up_request(&token_hash(token), now)
            .await?
        else {
            return Err(ApiError::LinkExpired.into());
        };
        let user = NewUser {
            email: pending.email,
            display_name: pending.display_name,
            password_hash: pending.password_hash,
            role: Role::Resident,
            ward_id: pending.ward_id,
            district_id: pending.district_id,
        };
        // Two confirmed sign-ups of one address: the second finds the account made.
        let id = match self.create_resident(&user, now).await {
            Ok(id) => id,
            Err(crate::Error::Api(ApiError::Validation(_))) => {
                return Err(ApiError::LinkExpired.into());
            }
            Err(e) => return Err(e),
        };
        Ok((self.open_session(id, now).await?, pending.next_path))
    }
}
