//! Signing in and out, and forgotten passwords (sign-up is a network form: `network`).

use super::AppState;
use super::cookies::{clear_session_cookie, lang_of, local_path, read_cookie, session_cookie};
use super::forms::{client_address, form_or_413, render_rejected, see_other};
use app::api::SESSION_COOKIE;
use axum::Router;
use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing;
use http::header::SET_COOKIE;
use shared::ApiError;
use shared::answer::FormValues;

/// `POST /sign-in`: checks the password, sets the session cookie, goes to `next`.
pub async fn sign_in(State(state): State<AppState>, req: Request) -> Response {
    let (parts, values) = match form_or_413(req).await {
        Ok(form) => form,
        Err(response) => return response,
    };
    let address = client_address(&state, &parts);
    let email = values.first("email").unwrap_or_default();
    let password = values.first("password").unwrap_or_default();
    match state.core.sign_in(email, password, &address).await {
        Ok(signed_in) => {
            // Without a page to go back to, each role starts where its work is.
            let to = match values.first("next").filter(|n| !n.is_empty()) {
                Some(next) => local_path(Some(next)),
                None => home_of(&state, &signed_in.token).await,
            };
            signed_in_at(&state, &to, &signed_in.token)
        }
        Err(e) => refused_sign_in(&state, parts, values, e.into()).await,
    }
}

/// Where a person starts after signing in: staff at their surveys, council members at the
/// drafts to review, everyone else on the home page.
async fn home_of(state: &AppState, token: &str) -> String {
    match state.core.user_for_token(token).await {
        Ok(Some(user)) if user.role.is_staff() => "/staff".to_string(),
        Ok(Some(user)) if user.role == shared::account::Role::Council => "/review".to_string(),
        _ => "/".to_string(),
    }
}

/// `POST /forgot` (`email`): mails a reset link if the address has an account, and answers
/// the same either way (`/forgot?sent=1`).
pub async fn forgot(State(state): State<AppState>, req: Request) -> Response {
    let (parts, values) = match form_or_413(req).await {
        Ok(form) => form,
        Err(response) => return response,
    };
    let address = client_address(&state, &parts);
    let email = values.first("email").unwrap_or_default();
    let lang = lang_of(&parts.headers);
    match state
        .core
        .request_password_reset(email, lang, &address)
        .await
    {
        Ok(()) => see_other("/forgot?sent=1"),
        Err(e) => render_rejected(&state, parts, None, values, e.into()).await,
    }
}

/// `POST /reset/{token}` (`password`): sets the new password, ends every other session and
/// signs in here.
pub async fn reset(
    State(state): State<AppState>,
    Path(token): Path<String>,
    req: Request,
) -> Response {
    let (parts, values) = match form_or_413(req).await {
        Ok(form) => form,
        Err(response) => return response,
    };
    let password = values.first("password").unwrap_or_default();
    let lang = lang_of(&parts.headers);
    match state.core.reset_password(&token, password, lang).await {
        Ok(signed_in) => {
            let to = home_of(&state, &signed_in.token).await;
            signed_in_at(&state, &to, &signed_in.token)
        }
        Err(e) => refused_sign_in(&state, parts, values, e.into()).await,
    }
}

/// Goes to `to` with the new session's cookie.
pub(super) fn signed_in_at(state: &AppState, to: &str, token: &str) -> Response {
    let mut response = Redirect::to(to).into_response();
    response
        .headers_mut()
        .append(SET_COOKIE, session_cookie(state, token));
    response
}

/// Renders a refused sign-in form again, without the password: it is never sent back, not
/// even into its own field.
pub(super) async fn refused_sign_in(
    state: &AppState,
    parts: http::request::Parts,
    values: FormValues,
    error: ApiError,
) -> Response {
    let kept = FormValues(
        values
            .0
            .into_iter()
            .filter(|(name, _)| name != "password")
            .collect(),
    );
    render_rejected(state, parts, None, kept, error).await
}

/// `POST /sign-out`: ends the session and clears the cookie.
pub async fn sign_out(State(state): State<AppState>, req: Request) -> Response {
    if let Some(token) = read_cookie(req.headers(), SESSION_COOKIE)
        && let Err(e) = state.core.sign_out(&token).await
    {
        tracing::error!(error = %e, "sign-out failed");
    }
    let mut response = Redirect::to("/").into_response();
    response
        .headers_mut()
        .append(SET_COOKIE, clear_session_cookie(&state));
    response
}

/// This area's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/sign-in", routing::post(sign_in))
        .route("/sign-out", routing::post(sign_out))
        .route("/forgot", routing::post(forgot))
        .route("/reset/{token}", routing::post(reset))
}
