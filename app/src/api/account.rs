//! Server functions about one's own account: the account page, and whether a password reset
//! link works.

use leptos::prelude::*;
use shared::ApiError;
use shared::views::AccountView;

/// The signed-in person's own account and sessions.
#[server(prefix = "/api", endpoint = "account")]
pub async fn get_account() -> Result<AccountView, ApiError> {
    let user = crate::api::request::require_user().await?;
    let token = crate::api::request::cookie(crate::api::SESSION_COOKIE).unwrap_or_default();
    Ok(crate::api::core()?.account_view(&user, &token).await?)
}

/// The new address a change-of-address link confirms (`LinkExpired` if it no longer works).
/// No sign-in: the link is the key.
#[server(prefix = "/api", endpoint = "email_link")]
pub async fn check_email_change_link(token: String) -> Result<String, ApiError> {
    Ok(crate::api::core()?.email_change_link(&token).await?)
}

/// Whether a sign-up confirmation link can still be used (`LinkExpired` if not). No sign-in:
/// the link is the key.
#[server(prefix = "/api", endpoint = "sign_up_link")]
pub async fn check_sign_up_link(token: String) -> Result<(), ApiError> {
    Ok(crate::api::core()?.sign_up_link(&token).await?)
}

/// Whether a password reset link can still be used (`LinkExpired` if not). No sign-in: the
/// link is the key.
#[server(prefix = "/api", endpoint = "reset_link")]
pub async fn check_reset_link(token: String) -> Result<(), ApiError> {
    Ok(crate::api::core()?.password_reset_link(&token).await?)
}
