//! Co-design form posts: comments, suggestions and their decisions, approvals, review state,
//! invitations, restoring a revision, notifications read. Each checks the session, calls the
//! core (which checks who may do it), and goes back to the page with 303; a refusal renders
//! the page again with the reason and its status, keeping what was typed.

use super::AppState;
use super::accounts::{refused_sign_in, signed_in_at};
use super::forms::SignedInForm;
use super::forms::{client_address, done, form_or_413, render_rejected, see_other};
use axum::Router;
use axum::extract::{Path, Request, State};
use axum::response::Response;
use axum::routing;
use shared::ApiError;
use shared::answer::FormValues;

/// `POST /review/{id}/comment` (`target`, `parent`, `body`): a comment or a reply.
pub async fn comment(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let target = values.first("target").unwrap_or_default();
    let parent = values.first("parent").and_then(|p| p.parse().ok());
    let body = values.first("body").unwrap_or_default();
    let page = format!("/review/{id}");
    let result = state
        .core
        .comment(&user, id, target, parent, body)
        .await
        .map(drop);
    let to = format!("{page}#t-{}", anchor(target));
    done(&state, parts, values, &page, &to, result).await
}

/// Which of two actions the form's `action` names: `Some(true)` for `yes`, `Some(false)` for
/// `no`, `None` (a bad request) for anything else.
fn either(values: &FormValues, yes: &str, no: &str) -> Option<bool> {
    match values.first("action") {
        Some(a) if a == yes => Some(true),
        Some(a) if a == no => Some(false),
        _ => None,
    }
}

/// The id of a thread's place on the page ('' is the survey as a whole).
fn anchor(target: &str) -> &str {
    if target.is_empty() { "survey" } else { target }
}

/// `POST /review/{id}/comments/{cid}` (`action`: `resolve` or `reopen`).
pub async fn resolve(
    State(state): State<AppState>,
    Path((id, comment)): Path<(i64, i64)>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let page = format!("/review/{id}");
    let result = match either(&values, "resolve", "reopen") {
        Some(on) => state.core.resolve_thread(&user, id, comment, on).await,
        None => Err(ApiError::BadRequest.into()),
    };
    let to = format!("{page}#c-{comment}");
    done(&state, parts, values, &page, &to, result).await
}

/// `POST /review/{id}/q/{qid}/suggest`: a suggested change to a question.
pub async fn suggest(
    State(state): State<AppState>,
    Path((id, qid)): Path<(i64, String)>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let page = format!("/review/{id}/q/{qid}/suggest");
    let result = state.core.suggest(&user, id, &qid, &values).await.map(drop);
    let to = format!("/review/{id}?suggested=1#t-{qid}");
    done(&state, parts, values, &page, &to, result).await
}

/// `POST /review/{id}/suggestions/{sid}` (`action`: `accept` or `reject`; `reply`).
pub async fn decide(
    State(state): State<AppState>,
    Path((id, suggestion)): Path<(i64, i64)>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let page = format!("/review/{id}");
    let reply = values.first("reply").unwrap_or_default();
    let result = match either(&values, "accept", "reject") {
        Some(accept) => {
            state
                .core
                .decide_suggestion(&user, id, suggestion, accept, reply)
                .await
        }
        None => Err(ApiError::BadRequest.into()),
    };
    let to = format!("{page}#s-{suggestion}");
    done(&state, parts, values, &page, &to, result).await
}

/// `POST /review/{id}/approval` (`action`: `approve` or `withdraw`).
pub async fn approval(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let page = format!("/review/{id}");
    let result = match either(&values, "approve", "withdraw") {
        Some(on) => state.core.set_approval(&user, id, on).await,
        None => Err(ApiError::BadRequest.into()),
    };
    done(
        &state,
        parts,
        values,
        &page,
        &format!("{page}#approval"),
        result,
    )
    .await
}

/// `POST /review/{id}/state` (`action`: `send` or `recall`): the draft in review or not.
pub async fn review_state(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let page = format!("/review/{id}");
    let result = match either(&values, "send", "recall") {
        Some(on) => state.core.set_review(&user, id, on).await,
        None => Err(ApiError::BadRequest.into()),
    };
    done(&state, parts, values, &page, &page, result).await
}

/// `POST /review/{id}/invite` (`email`, `district`): invites a council member and shows the
/// link to pass on.
pub async fn invite(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let email = values.first("email").unwrap_or_default();
    let district = values.first("district").and_then(|d| d.parse().ok());
    match state.core.invite_reviewer(&user, id, email, district).await {
        Ok(token) => see_other(&format!("/review/{id}/invitations/{token}")),
        Err(e) => {
            let page = format!("/review/{id}");
            render_rejected(&state, parts, Some(&page), values, e.into()).await
        }
    }
}

/// `POST /invite/{token}` (`display_name` and `password`, or only `password` for an existing
/// account): joins the review, signs in and opens the draft.
pub async fn accept_invitation(
    State(state): State<AppState>,
    Path(token): Path<String>,
    req: Request,
) -> Response {
    let (parts, values) = match form_or_413(req).await {
        Ok(form) => form,
        Err(response) => return response,
    };
    let address = client_address(&state, &parts);
    let name = values.first("display_name").unwrap_or_default();
    let password = values.first("password").unwrap_or_default();
    match state
        .core
        .accept_invitation(&token, name, password, &address)
        .await
    {
        Ok((signed_in, survey)) => {
            signed_in_at(
                &state,
                &parts.headers,
                &format!("/review/{survey}"),
                &signed_in.token,
            )
            .await
        }
        Err(e) => refused_sign_in(&state, parts, values, e.into()).await,
    }
}

/// `POST /review/{id}/revisions/{n}/restore`: an old revision becomes the working copy again.
pub async fn restore(
    State(state): State<AppState>,
    Path((id, number)): Path<(i64, i64)>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let page = format!("/review/{id}/revisions");
    let result = state
        .core
        .restore_revision(&user, id, number)
        .await
        .map(drop);
    done(
        &state,
        parts,
        values,
        &page,
        &format!("{page}?restored={number}"),
        result,
    )
    .await
}

/// `POST /notifications`: marks every notification read.
pub async fn notifications_read(
    State(state): State<AppState>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let result = state.core.mark_notifications_read(&user).await;
    done(
        &state,
        parts,
        values,
        "/notifications",
        "/notifications",
        result,
    )
    .await
}

/// This area's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/review/{id}/comment", routing::post(comment))
        .route("/review/{id}/comments/{cid}", routing::post(resolve))
        .route("/review/{id}/q/{qid}/suggest", routing::post(suggest))
        .route("/review/{id}/suggestions/{sid}", routing::post(decide))
        .route("/review/{id}/approval", routing::post(approval))
        .route("/review/{id}/state", routing::post(review_state))
        .route("/review/{id}/invite", routing::post(invite))
        .route("/review/{id}/revisions/{n}/restore", routing::post(restore))
        .route("/invite/{token}", routing::post(accept_invitation))
        .route("/notifications", routing::post(notifications_read))
}
