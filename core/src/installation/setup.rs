//! Setting up a new installation from the browser: `yoriai serve` on a database without any
//! account prints a single-use link (`/setup/{token}`; only its hash is stored, and each start
//! replaces it); the page it opens takes the installation's name, the places file (wards,
//! districts, centres) and the first administrator, of every ward. Once an account exists the
//! link is dead (410), whatever token it holds.

use super::*;
use crate::accounts::{NewUser, SignedIn, hash_password, new_token, token_hash};
use crate::places::Problem;
use chrono::Utc;
use shared::account::{DisplayName, Email, NewPassword, Role};
use shared::{ApiError, FieldError, FieldErrors};

/// The key the set-up link's hash is kept under.
const SETUP_KEY: &str = "setup_token";
/// The key of the installation's name.
const NAME_KEY: &str = "name";

/// What the set-up form sends.
#[derive(Debug, Clone, Copy, Default)]
pub struct SetupForm<'a> {
    /// The installation's name (the city, say: 北九州市).
    pub installation_name: &'a str,
    /// The places file (CSV); may be empty when wards exist already (imported by `yoriai
    /// import-places`).
    pub places: &'a [u8],
    /// The first administrator's address.
    pub email: &'a str,
    /// Their name.
    pub display_name: &'a str,
    /// Their password.
    pub password: &'a str,
}

/// What the set-up page needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SetupState {
    /// Whether wards exist already (the places file is then optional).
    pub has_wards: bool,
}

/// The places problems as the form shows them.
fn places_refused(problems: &[Problem]) -> ApiError {
    ApiError::PlacesFile(problems.iter().map(Problem::to_string).collect())
}

impl Store {
    /// An installation value.
    pub async fn installation_value(&self, key: &str) -> Result<Option<String>> {
        let sql = "SELECT value FROM installation WHERE key = $1";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(key)
            .fetch_optional(pool)
            .await?))
    }

    /// Sets an installation value.
    pub async fn set_installation_value(&self, key: &str, value: &str) -> Result<()> {
        let sql = "INSERT INTO installation (key, value) VALUES ($1, $2) \
                   ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(key)
            .bind(value)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// Removes an installation value if it is `value`; whether it was (of two submits of
    /// one link, one wins).
    pub async fn take_installation_value(&self, key: &str, value: &str) -> Result<bool> {
        let sql = "DELETE FROM installation WHERE key = $1 AND value = $2";
        Ok(on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(key)
            .bind(value)
            .execute(pool)
            .await?
            .rows_affected())
            > 0)
    }
}

impl Core {
    /// For an installation without any account: a new set-up link's token (its hash stored,
    /// replacing any earlier link). `None` once an account exists.
    pub async fn prepare_setup(&self) -> Result<Option<String>> {
        if self.store.has_accounts().await? {
            return Ok(None);
        }
        let token = new_token();
        self.store
            .set_installation_value(SETUP_KEY, &token_hash(&token))
            .await?;
        Ok(Some(token))
    }

    /// Whether `token` opens the set-up page: `LinkExpired` (410) once an account exists or
    /// for any other token.
    pub async fn setup_state(&self, token: &str) -> Result<SetupState> {
        let stored = self.store.installation_value(SETUP_KEY).await?;
        if self.store.has_accounts().await? || stored.as_deref() != Some(&token_hash(token)) {
            return Err(ApiError::LinkExpired.into());
        }
        Ok(SetupState {
            has_wards: !self.store.is_empty().await?,
        })
    }

    /// The installation's name, if it was set up with one.
    pub async fn installation_name(&self) -> Result<Option<String>> {
        self.store.installation_value(NAME_KEY).await
    }

    /// Sets up the installation: checks every field and the whole places file first, then
    /// uses the link (once), imports the places, makes the first administrator (of every
    /// ward) and signs them in.
    pub async fn set_up(&self, token: &str, form: &SetupForm<'_>) -> Result<SignedIn> {
        let state = self.setup_state(token).await?;
        let mut errors = FieldErrors::default();
        let name = form.installation_name.trim();
        if name.is_empty() {
            errors.push("installation_name", FieldError::Required);
        } else if name.chars().count() > 100 {
            errors.push("installation_name", FieldError::TooLong { max: 100 });
        }
        let email = Email::parse(form.email)
            .map_err(|e| errors.push("email", e))
            .ok();
        let display_name = DisplayName::parse(form.display_name)
            .map_err(|e| errors.push("display_name", e))
            .ok();
        let password = NewPassword::parse(form.password)
            .map_err(|e| errors.push("password", e))
            .ok();
        if form.places.is_empty() && !state.has_wards {
            errors.push("places", FieldError::Required);
        }
        let (Some(email), Some(display_name), Some(password)) = (email, display_name, password)
        else {
            return Err(ApiError::Validation(errors).into());
        };
        if !errors.is_empty() {
            return Err(ApiError::Validation(errors).into());
        }
        if !form.places.is_empty()
            && let Err(problems) = self.check_places(form.places).await?
        {
            return Err(places_refused(&problems).into());
        }
        let password_hash = hash_password(&password).await?;
        if !self
            .store
            .take_installation_value(SETUP_KEY, &token_hash(token))
            .await?
        {
            return Err(ApiError::LinkExpired.into());
        }
        if !form.places.is_empty()
            && let Err(problems) = self.import_places(form.places).await?
        {
            return Err(places_refused(&problems).into());
        }
        self.store.set_installation_value(NAME_KEY, name).await?;
        let now = Utc::now();
        let user = NewUser {
            email: email.as_str().to_string(),
            display_name: display_name.as_str().to_string(),
            password_hash,
            role: Role::Admin,
            ward_id: None,
            district_id: None,
        };
        let id = self.store.create_user(&user, now).await?;
        self.store
            .audit(Some(id), "installation_set_up", name, now)
            .await?;
        self.open_session(id, now).await
    }
}
