//! Accounts: passwords (argon2id), sessions, sign-in rate limits, password resets
//! ([`recovery`]), and one's own account (`own`: name, password, sessions, a copy of one's
//! data). The queries are in `store`.

pub mod digest;
pub mod email;
pub mod leave;
mod own;
pub mod recovery;
pub mod signup;
mod store;

pub use own::SESSION_KEY_CHARS;
pub use store::{
    AccountRow, Addressee, Credentials, DigestReader, DigestSent, NewUser, OwnRows, SessionRow,
    UnreadNotice, UnreadNotification,
};

use crate::Core;
use crate::error::{Error, Result};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};
use shared::account::{DisplayName, Email, NewPassword, Role};
use shared::views::CurrentUser;
use shared::{ApiError, FieldErrors};

/// Failed sign-ins allowed per account *from one client address* within
/// [`FAILURE_WINDOW_MINUTES`]. Counting per account alone would let anyone lock a member of
/// staff out by typing five wrong passwords for their address; counted per pair, only the
/// address that failed is refused, and the owner signs in from their own desk.
pub const MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS: i64 = 5;
/// Failed sign-ins allowed per client address within [`FAILURE_WINDOW_MINUTES`].
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
/// The rate-limit window.
pub const FAILURE_WINDOW_MINUTES: i64 = 15;

/// argon2id with the parameters OWASP recommends: 19 MiB, 2 passes, 1 lane.
fn hasher() -> Result<Argon2<'static>> {
    let params = Params::new(19 * 1024, 2, 1, None).map_err(|e| Error::Hash(e.to_string()))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes a password on a blocking thread (argon2 takes tens of milliseconds on purpose).
pub async fn hash_password(password: &NewPassword) -> Result<String> {
    let password = password.expose().to_string();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        hasher()?
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| Error::Hash(e.to_string()))
    })
    .await
    .map_err(|e| Error::Hash(e.to_string()))?
}

/// Checks a password against a stored hash on a blocking thread.
async fn verify_password(password: String, hash: String) -> Result<bool> {
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&hash).map_err(|e| Error::Hash(e.to_string()))?;
        Ok(hasher()?
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
    .map_err(|e| Error::Hash(e.to_string()))?
}

/// A hash of a password nobody has, verified when an e-mail address is unknown so that the
/// answer takes as long as for a known one.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$\
                          yJ0V3MdtzAN0EMGz1GsvBRtP0ltT/3NwWUKX1S7Nm5A";

/// A new random session token (256 bits, URL-safe base64).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What is stored for a token: its SHA-256, so a leaked database opens no session.
pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A fresh random key for a form's idempotency (128 bits, hex).
pub fn new_form_key() -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A signed-in session: the token for the cookie and who it belongs to.
#[derive(Debug)]
pub struct SignedIn {
    /// The token to put in the session cookie.
    pub token: String,
    /// The account.
    pub user_id: i64,
}

impl Core {
    /// Creates an account after checking every field.
    pub async fn create_user(
        &self,
        email: &str,
        display_name: &str,
        password: &str,
        role: Role,
        ward_id: Option<i64>,
    ) -> Result<i64> {
        let mut errors = FieldErrors::default();
        let email = Email::parse(email)
            .map_err(|e| errors.push("email", e))
            .ok();
        let name = DisplayName::parse(display_name)
            .map_err(|e| errors.push("display_name", e))
            .ok();
        let password = NewPassword::parse(password)
            .map_err(|e| errors.push("password", e))
            .ok();
        let (Some(email), Some(name), Some(password)) = (email, name, password) else {
            return Err(ApiError::Validation(errors).into());
        };
        let user = NewUser {
            email: email.as_str().to_string(),
            display_name: name.as_str().to_string(),
            password_hash: hash_password(&password).await?,
            role,
            ward_id,
            district_id: None,
        };
        let now = Utc::now();
        let id = self.store.create_user(&user, now).await?;
        self.store
            .audit(
                None,
                "create_user",
                &format!("user {id} ({})", role.as_str()),
                now,
            )
            .await?;
        Ok(id)
    }

    /// Checks an e-mail and password and opens a session. Refuses with `RateLimited` after too
    /// many failures for the account from this address, or from this address at all, even
    /// when the password is right.
    pub async fn sign_in(&self, email: &str, password: &str, address: &str) -> Result<SignedIn> {
        let mut errors = FieldErrors::default();
        let email = Email::parse(email)
            .map_err(|e| errors.push("email", e))
            .ok();
        if password.is_empty() {
            errors.push("password", shared::FieldError::Required);
        }
        let Some(email) = email.filter(|_| errors.is_empty()) else {
            return Err(ApiError::Validation(errors).into());
        };
        let now = Utc::now();
        let since = now - Duration::minutes(FAILURE_WINDOW_MINUTES);
        let account_key = format!("account:{}|address:{address}", email.as_str());
        let address_key = format!("address:{address}");
        let account_failures = self
            .store
            .sign_in_failures_since(&account_key, since)
            .await?;
        let address_failures = self
            .store
            .sign_in_failures_since(&address_key, since)
            .await?;
        if account_failures >= MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS
            || address_failures >= MAX_FAILURES_PER_ADDRESS
        {
            tracing::warn!(address, "sign-in rate limited");
            return Err(ApiError::RateLimited.into());
        }
        let credentials = self.store.credentials(email.as_str()).await?;
        let (user_id, hash) = match &credentials {
            Some(c) => (Some(c.user_id), c.password_hash.clone()),
            None => (None, DUMMY_HASH.to_string()),
        };
        let valid = verify_password(password.to_string(), hash).await?;
        let Some(user_id) = user_id.filter(|_| valid) else {
            self.store.record_sign_in_failure(&account_key, now).await?;
            self.store.record_sign_in_failure(&address_key, now).await?;
            self.store
                .audit(None, "sign_in_failed", &format!("address {address}"), now)
                .await?;
            return Err(ApiError::BadCredentials.into());
        };
        self.store.clear_sign_in_failures(&account_key).await?;
        if credentials.is_some_and(|c| c.deactivated) {
            self.store
                .audit(
                    Some(user_id),
                    "sign_in_deactivated",
                    &format!("address {address}"),
                    now,
                )
                .await?;
            return Err(ApiError::Deactivated.into());
        }
        let signed_in = self.open_session(user_id, now).await?;
        self.store
            .audit(Some(user_id), "sign_in", &format!("address {address}"), now)
            .await?;
        Ok(signed_in)
    }

    /// Opens a session for an account whose identity was just established.
    pub(crate) async fn open_session(&self, user_id: i64, now: DateTime<Utc>) -> Result<SignedIn> {
        let token = new_token();
        let expires = now + Duration::hours(self.config.session_hours);
        self.store
            .create_session(&token_hash(&token), user_id, now, expires)
            .await?;
        Ok(SignedIn { token, user_id })
    }

    /// Ends the session of this token, if it exists.
    pub async fn sign_out(&self, token: &str) -> Result<()> {
        let hash = token_hash(token);
        if let Some(user) = self.session_of(&hash).await? {
            self.store
                .audit(Some(user.id), "sign_out", "", Utc::now())
                .await?;
        }
        self.store.delete_session(&hash).await
    }

    /// The user of a session token, if the session is valid: not past its lifetime
    /// (`session_hours` from sign-in) nor idle for `session_idle_minutes`.
    pub async fn user_for_token(&self, token: &str) -> Result<Option<CurrentUser>> {
        self.session_of(&token_hash(token)).await
    }

    async fn session_of(&self, hash: &str) -> Result<Option<CurrentUser>> {
        let now = Utc::now();
        let idle_since = now - Duration::minutes(self.config.session_idle_minutes);
        self.store.session_user(hash, now, idle_since).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_with_the_agreed_parameters_and_verify() -> Result<()> {
        let password = NewPassword::parse("とても長いパスワードです")
            .map_err(|_| Error::Hash("policy".into()))?;
        let hash = hash_password(&password).await?;
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_password(password.expose().to_string(), hash.clone()).await?);
        assert!(!verify_password("wrong password!!".into(), hash).await?);
        Ok(())
    }

    #[tokio::test]
    async fn the_dummy_hash_parses_and_matches_nothing_common() -> Result<()> {
        assert!(!verify_password("password1234".into(), DUMMY_HASH.into()).await?);
        Ok(())
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
        assert_eq!(new_form_key().len(), 32);
    }
}
