//! Signing in and out, forgotten passwords, and one's own account (`/account`: name,
//! password, sessions, a copy of one's data). Sign-up is a network form: `network`.

use super::AppState;
use super::cookies::{clear_session_cookie, lang_of, local_path, read_cookie, session_cookie};
use super::forms::{
    SignedInForm, client_address, done, form_or_413, render_rejected, see_other, session_user,
    without_passwords,
};
use app::api::SESSION_COOKIE;
use axum::Router;
use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing;
use http::header::{self, SET_COOKIE};
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
            let home = home_of(&state, &signed_in.token).await;
            // A staff page left open by someone who is staff no more (their role changed
            // meanwhile) would only refuse them: they start at their own home instead.
            let to = match values.first("next").filter(|n| !n.is_empty()) {
                Some(next) if !staff_only(next) || home == "/staff" => local_path(Some(next)),
                _ => home,
            };
            signed_in_at(&state, &parts.headers, &to, &signed_in.token).await
        }
        Err(e) => refused_sign_in(&state, parts, values, e.into()).await,
    }
}

/// Whether a path is one only staff (and administrators) may open.
fn staff_only(path: &str) -> bool {
    ["/staff", "/admin"].iter().any(|p| {
        path == *p || path.starts_with(&format!("{p}/")) || path.starts_with(&format!("{p}?"))
    })
}

/// Where a person starts after signing in: staff at their surveys, council members at the
/// drafts to review, everyone else on the home page.
pub(super) async fn home_of(state: &AppState, token: &str) -> String {
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
            signed_in_at(&state, &parts.headers, &to, &signed_in.token).await
        }
        Err(e) => refused_sign_in(&state, parts, values, e.into()).await,
    }
}

/// Goes to `to` with the new session's cookie, having noted which browser it is (for the
/// account page's list of sessions).
pub(super) async fn signed_in_at(
    state: &AppState,
    headers: &http::HeaderMap,
    to: &str,
    token: &str,
) -> Response {
    let agent = headers
        .get(http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    state.core.note_session_device(token, agent).await;
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
    let kept = without_passwords(values);
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

/// This browser's session token (a signed-in form has one).
fn token_of(parts: &http::request::Parts) -> String {
    read_cookie(&parts.headers, SESSION_COOKIE).unwrap_or_default()
}

/// `POST /account/name` (`display_name`).
pub async fn rename(
    State(state): State<AppState>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let name = values.first("display_name").unwrap_or_default();
    let result = state.core.rename_self(&user, name).await;
    done(
        &state,
        parts,
        values,
        "/account",
        "/account?saved=name",
        result,
    )
    .await
}

/// `POST /account/password` (`current_password`, `new_password`): this session stays, every
/// other one ends.
pub async fn change_password(
    State(state): State<AppState>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let current = values.first("current_password").unwrap_or_default();
    let new = values.first("new_password").unwrap_or_default();
    let result = state
        .core
        .change_password(
            &user,
            &token_of(&parts),
            current,
            new,
            lang_of(&parts.headers),
        )
        .await;
    // Passwords are never sent back, not even into their own fields.
    let kept = without_passwords(values);
    done(
        &state,
        parts,
        kept,
        "/account",
        "/account?saved=password",
        result,
    )
    .await
}

/// `POST /account/sessions` (`session`: a key from the account page, or `others`).
pub async fn end_session(
    State(state): State<AppState>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let key = values.first("session").unwrap_or_default();
    let result = state
        .core
        .end_own_session(&user, &token_of(&parts), key)
        .await;
    done(
        &state,
        parts,
        values,
        "/account",
        "/account?ended=1",
        result,
    )
    .await
}

/// `POST /account/digest` (`digest`: `off`, `daily` or `weekly`), in the page's language.
pub async fn set_digest(
    State(state): State<AppState>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let result = state
        .core
        .set_digest(
            &user,
            values.first("digest").unwrap_or_default(),
            lang_of(&parts.headers),
        )
        .await;
    done(
        &state,
        parts,
        values,
        "/account",
        "/account?saved=digest#digest",
        result,
    )
    .await
}

/// `POST /account/email` (`new_email`, `email_password`): mails the new address a link that
/// makes the change.
pub async fn request_email_change(
    State(state): State<AppState>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let result = state
        .core
        .request_email_change(
            &user,
            values.first("new_email").unwrap_or_default(),
            values.first("email_password").unwrap_or_default(),
            lang_of(&parts.headers),
        )
        .await;
    let kept = without_passwords(values);
    done(
        &state,
        parts,
        kept,
        "/account",
        "/account?saved=email-sent#email",
        result,
    )
    .await
}

/// `POST /account/email/{token}`: makes the change the link confirms (no sign-in needed: the
/// link is the key) and tells the old address.
pub async fn confirm_email_change(
    State(state): State<AppState>,
    Path(token): Path<String>,
    req: Request,
) -> Response {
    let (parts, values) = match form_or_413(req).await {
        Ok(form) => form,
        Err(response) => return response,
    };
    let result = state
        .core
        .confirm_email_change(&token, lang_of(&parts.headers))
        .await;
    match result {
        Ok(()) => see_other("/account?saved=email"),
        Err(e) => render_rejected(&state, parts, None, values, e.into()).await,
    }
}

/// `POST /account/delete` (`posts`: `keep` or `remove`, `password`, `confirmed=1`): deletes
/// the account, ends the session and says goodbye on the home page.
pub async fn delete_account(
    State(state): State<AppState>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    use yoriai_core::accounts::leave::Posts;
    let posts = match values.first("posts") {
        Some("keep") => Some(Posts::Keep),
        Some("remove") => Some(Posts::Remove),
        _ => None,
    };
    let result = state
        .core
        .delete_own_account(
            &user,
            values.first("password").unwrap_or_default(),
            posts,
            values.first("confirmed") == Some("1"),
            lang_of(&parts.headers),
        )
        .await;
    match result {
        Ok(()) => {
            let mut response = Redirect::to("/?left=1").into_response();
            response
                .headers_mut()
                .append(SET_COOKIE, clear_session_cookie(&state));
            response
        }
        Err(e) => {
            // The password is never sent back, not even into its own field.
            let kept = without_passwords(values);
            render_rejected(&state, parts, Some("/account"), kept, e.into()).await
        }
    }
}

/// `GET /account/data.json`: a copy of everything stored about the signed-in person, as a
/// download (never cached).
pub async fn own_data(State(state): State<AppState>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    let Some(user) = session_user(&state, &parts).await else {
        return see_other("/sign-in?next=/account");
    };
    match state.core.own_data(&user).await {
        Ok(data) => {
            let body = match serde_json::to_vec_pretty(&data) {
                Ok(body) => body,
                Err(e) => {
                    tracing::error!(error = %e, "own data not serialised");
                    return http::StatusCode::INTERNAL_SERVER_ERROR.into_response();
                }
            };
            (
                [
                    (header::CONTENT_TYPE, "application/json; charset=utf-8"),
                    (
                        header::CONTENT_DISPOSITION,
                        "attachment; filename=\"yoriai-my-data.json\"",
                    ),
                    (header::CACHE_CONTROL, "no-store"),
                ],
                body,
            )
                .into_response()
        }
        Err(e) => {
            let error = ApiError::from(e);
            let status = http::StatusCode::from_u16(error.status())
                .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
            (status, error.to_string()).into_response()
        }
    }
}

/// This area's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/sign-in", routing::post(sign_in))
        .route("/sign-out", routing::post(sign_out))
        .route("/forgot", routing::post(forgot))
        .route("/account/name", routing::post(rename))
        .route("/account/password", routing::post(change_password))
        .route("/account/sessions", routing::post(end_session))
        .route("/account/delete", routing::post(delete_account))
        .route("/account/email", routing::post(request_email_change))
        .route("/account/digest", routing::post(set_digest))
        .route(
            "/account/email/{token}",
            routing::post(confirm_email_change),
        )
        .route("/account/data.json", routing::get(own_data))
        .route("/reset/{token}", routing::post(reset))
}
