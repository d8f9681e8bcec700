//! Plain HTML form posts, for browsers without JavaScript (and for signing in, which sets a
//! cookie). On success they redirect (303, so a reload does not post again); on refusal they
//! render the same page again with the messages next to the fields, what was typed kept, and
//! the status of the refusal.

use super::cookies::{clear_session_cookie, local_path, read_cookie, session_cookie};
use super::{AppState, MAX_BODY_BYTES};
use app::api::request::RejectedForm;
use app::api::{LANG_COOKIE, SESSION_COOKIE};
use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::header::SET_COOKIE;
use http::{Method, StatusCode};
use leptos::prelude::provide_context;
use shared::answer::FormValues;
use shared::views::{Channel, Submission};
use shared::{ApiError, Lang};
use std::net::SocketAddr;

/// Reads a URL-encoded body into name/value pairs; `None` when it is too large.
async fn read_form(req: Request) -> (http::request::Parts, Option<FormValues>) {
    let (parts, body) = req.into_parts();
    let values = to_bytes(body, MAX_BODY_BYTES).await.ok().map(|bytes| {
        FormValues(
            form_urlencoded::parse(&bytes)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    });
    (parts, values)
}

/// Renders the page at the request's path again, with the rejected form in context.
async fn render_rejected(
    state: &AppState,
    parts: http::request::Parts,
    values: FormValues,
    error: ApiError,
) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
    let rejected = RejectedForm { values, error };
    let base = state.context();
    let context = move || {
        base();
        provide_context(rejected.clone());
    };
    let options = state.leptos.clone();
    let handler =
        leptos_axum::render_app_async_with_context(context, move || app::shell(options.clone()));
    let mut request = Request::new(Body::empty());
    *request.method_mut() = Method::GET;
    *request.uri_mut() = parts.uri;
    *request.headers_mut() = parts.headers;
    let mut response = handler(request).await;
    *response.status_mut() = status;
    response
}

/// The client's address, for sign-in rate limits.
fn client_address(state: &AppState, parts: &http::request::Parts) -> String {
    if state.services.config.trust_proxy
        && let Some(forwarded) = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
    {
        return forwarded.trim().to_string();
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// `POST /s/{slug}`: a survey answered without JavaScript.
pub async fn submit_survey(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    req: Request,
) -> Response {
    let (parts, values) = read_form(req).await;
    let Some(values) = values else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "too large").into_response();
    };
    let lang = values
        .first("lang")
        .and_then(Lang::parse)
        .or_else(|| read_cookie(&parts.headers, LANG_COOKIE).and_then(|c| Lang::parse(&c)))
        .unwrap_or_default();
    let submission = Submission {
        slug: slug.clone(),
        idempotency_key: values
            .first("idempotency_key")
            .unwrap_or_default()
            .to_string(),
        fields: values.clone(),
        lang,
    };
    match state.services.submit(submission, Channel::Web).await {
        Ok(_) => Redirect::to(&format!("/s/{slug}/thanks")).into_response(),
        Err(e) => render_rejected(&state, parts, values, e.into()).await,
    }
}

/// `POST /sign-in`: checks the password, sets the session cookie, goes to `next`.
pub async fn sign_in(State(state): State<AppState>, req: Request) -> Response {
    let (parts, values) = read_form(req).await;
    let Some(values) = values else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "too large").into_response();
    };
    let address = client_address(&state, &parts);
    let email = values.first("email").unwrap_or_default();
    let password = values.first("password").unwrap_or_default();
    match state.services.sign_in(email, password, &address).await {
        Ok(signed_in) => {
            let mut response = Redirect::to(&local_path(values.first("next"))).into_response();
            response
                .headers_mut()
                .append(SET_COOKIE, session_cookie(&state, &signed_in.token));
            response
        }
        Err(e) => {
            // Never send a password back, not even into its own field.
            let kept = FormValues(
                values
                    .0
                    .into_iter()
                    .filter(|(name, _)| name != "password")
                    .collect(),
            );
            render_rejected(&state, parts, kept, e.into()).await
        }
    }
}

/// `POST /sign-out`: ends the session and clears the cookie.
pub async fn sign_out(State(state): State<AppState>, req: Request) -> Response {
    if let Some(token) = read_cookie(req.headers(), SESSION_COOKIE)
        && let Err(e) = state.services.sign_out(&token).await
    {
        tracing::error!(error = %e, "sign-out failed");
    }
    let mut response = Redirect::to("/").into_response();
    response
        .headers_mut()
        .append(SET_COOKIE, clear_session_cookie(&state));
    response
}
