//! Answering a survey without JavaScript: start, each screen, send.

use super::AppState;
use super::cookies::{answer_cookie, device_cookie, lang_of, read_cookie};
use super::forms::{client_address, form_or_413, render_rejected, see_other, session_user};
use app::api::{ANSWER_COOKIE, DEVICE_COOKIE};
use axum::Router;
use axum::extract::{Path, Request, State};
use axum::response::Response;
use axum::routing;
use http::header::SET_COOKIE;
use shared::ApiError;
use yoriai_core::respond::Respondent;

/// Who is answering, from the request's cookies and session.
async fn respondent(state: &AppState, parts: &http::request::Parts) -> Respondent {
    Respondent {
        draft_token: read_cookie(&parts.headers, ANSWER_COOKIE),
        device_token: read_cookie(&parts.headers, DEVICE_COOKIE),
        user: session_user(state, parts).await,
    }
}

/// `POST /s/{slug}/start`: checks the policy (and the invitation code), starts saving answers,
/// goes to the first screen (or back to where the respondent left off).
pub async fn start_survey(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    req: Request,
) -> Response {
    let (parts, values) = match form_or_413(req).await {
        Ok(form) => form,
        Err(response) => return response,
    };
    let who = respondent(&state, &parts).await;
    let address = client_address(&state, &parts);
    match state
        .core
        .start(
            &slug,
            &who,
            values.first("code"),
            values.first("via"),
            &address,
        )
        .await
    {
        Ok(started) => {
            let mut response = see_other(&started.go_to);
            if let Some(token) = started.new_token {
                response
                    .headers_mut()
                    .append(SET_COOKIE, answer_cookie(&state, &slug, &token));
            }
            if let Some(token) = started.new_device {
                response
                    .headers_mut()
                    .append(SET_COOKIE, device_cookie(&state, &token));
            }
            response
        }
        Err(e) => match ApiError::from(e) {
            ApiError::Unauthorized => see_other(&format!("/sign-in?next=/s/{slug}")),
            error => {
                let at = format!("/s/{slug}");
                render_rejected(&state, parts, Some(&at), values, error).await
            }
        },
    }
}

/// `POST /s/{slug}/p/{n}`: saves a screen of answers and moves on (or back).
pub async fn save_section(
    State(state): State<AppState>,
    Path((slug, number)): Path<(String, usize)>,
    req: Request,
) -> Response {
    let (parts, values) = match form_or_413(req).await {
        Ok(form) => form,
        Err(response) => return response,
    };
    let who = respondent(&state, &parts).await;
    let back = values.first("nav") == Some("back");
    match state
        .core
        .save_section(&slug, number, &who, &values, back)
        .await
    {
        Ok(to) => see_other(&to),
        Err(e) => render_rejected(&state, parts, None, values, e.into()).await,
    }
}

/// `POST /s/{slug}/submit`: sends the saved answers as one response. Repeating it stores
/// nothing new and lands on the same thank-you page.
pub async fn submit_survey(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    req: Request,
) -> Response {
    let (parts, values) = match form_or_413(req).await {
        Ok(form) => form,
        Err(response) => return response,
    };
    let who = respondent(&state, &parts).await;
    let lang = lang_of(&parts.headers);
    match state.core.submit_answers(&slug, &who, lang).await {
        Ok(to) => see_other(&to),
        Err(e) => match ApiError::from(e) {
            ApiError::Unauthorized => see_other(&format!("/sign-in?next=/s/{slug}")),
            error => {
                let at = format!("/s/{slug}/review");
                render_rejected(&state, parts, Some(&at), values, error).await
            }
        },
    }
}

/// This area's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/s/{slug}/start", routing::post(start_survey))
        .route("/s/{slug}/p/{n}", routing::post(save_section))
        .route("/s/{slug}/submit", routing::post(submit_survey))
}
