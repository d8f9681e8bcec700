//! Server functions about one's own account: for now, whether a password reset link works.

use leptos::prelude::*;
use shared::ApiError;

/// Whether a password reset link can still be used (`LinkExpired` if not). No sign-in: the
/// link is the key.
#[server(prefix = "/api", endpoint = "reset_link")]
pub async fn check_reset_link(token: String) -> Result<(), ApiError> {
    Ok(crate::api::core()?.password_reset_link(&token).await?)
}
