//! Network form posts: signing up, proposing and editing a group, joining / following / leaving,
//! and approving or declining a proposal. Each goes on with 303; a refusal renders the page
//! again with the reason, what was typed (never a password) and the refusal's status.

use super::AppState;
use super::accounts::{refused_sign_in, signed_in_at};
use super::cookies::{lang_of, local_path};
use super::forms::SignedInForm;
use super::forms::{client_address, done, form_or_413, render_rejected, see_other};
use super::staff::refused;
use axum::Router;
use axum::extract::{Path, Request, State};
use axum::response::Response;
use axum::routing;
use shared::ApiError;
use shared::network::Membership;

/// `POST /sign-up` (`email`, `display_name`, `password`, `district`, `next`): mails a link
/// that confirms the address and makes the account (or, for an address with an account, a
/// note to its owner), and answers the same either way (`/sign-up?sent=1`).
pub async fn sign_up(State(state): State<AppState>, req: Request) -> Response {
    let (parts, values) = match form_or_413(req).await {
        Ok(form) => form,
        Err(response) => return response,
    };
    let address = client_address(&state, &parts);
    let next = match values.first("next").filter(|n| !n.is_empty()) {
        Some(next) => local_path(Some(next)),
        None => "/groups".to_string(),
    };
    let result = state
        .core
        .request_sign_up(
            values.first("email").unwrap_or_default(),
            values.first("display_name").unwrap_or_default(),
            values.first("password").unwrap_or_default(),
            values.first("district"),
            &next,
            &address,
            lang_of(&parts.headers),
        )
        .await;
    match result {
        // The same answer whether the address is new or has an account.
        Ok(()) => see_other("/sign-up?sent=1"),
        Err(e) => refused_sign_in(&state, parts, values, e.into()).await,
    }
}

/// `POST /sign-up/confirm/{token}`: makes the account the link confirms, signs in, and goes
/// where the sign-up was heading.
pub async fn confirm_sign_up(
    State(state): State<AppState>,
    Path(token): Path<String>,
    req: Request,
) -> Response {
    let (parts, values) = match form_or_413(req).await {
        Ok(form) => form,
        Err(response) => return response,
    };
    match state.core.confirm_sign_up(&token).await {
        Ok((signed_in, next)) => {
            let to = local_path(Some(&next));
            signed_in_at(&state, &parts.headers, &to, &signed_in.token).await
        }
        Err(e) => render_rejected(&state, parts, None, values, e.into()).await,
    }
}

/// `POST /groups/new`: proposes a group; goes to its page (waiting for approval).
pub async fn propose(
    State(state): State<AppState>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    match state.core.propose_group(&user, &values).await {
        Ok(id) => see_other(&format!("/groups/{id}")),
        Err(e) => render_rejected(&state, parts, None, values, e.into()).await,
    }
}

/// `POST /groups/{id}/edit`: changes a group's details.
pub async fn edit(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let result = state.core.edit_group(&user, id, &values).await;
    let (page, to) = (format!("/groups/{id}/edit"), format!("/groups/{id}"));
    done(&state, parts, values, &page, &to, result).await
}

/// `POST /groups/{id}/membership` (`action`: `join`, `follow`, `organiser` (an organiser saving
/// whether their name shows) or `leave`; `show_name`).
pub async fn membership(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let show_name = values.first("show_name") == Some("1");
    let core = &state.core;
    let result = match values.first("action") {
        // An organiser stays one whatever they post; `join` keeps the store's rule in one place.
        Some("join" | "organiser") => core
            .join_group(&user, id, Membership::Member, show_name)
            .await
            .map(drop),
        Some("follow") => core
            .join_group(&user, id, Membership::Follower, show_name)
            .await
            .map(drop),
        Some("leave") => core.leave_group(&user, id).await,
        _ => Err(ApiError::BadRequest.into()),
    };
    let page = format!("/groups/{id}");
    done(
        &state,
        parts,
        values,
        &page,
        &format!("{page}#join"),
        result,
    )
    .await
}

/// `POST /groups/{id}/decision` (`action`: `approve` or `decline`; `reason`).
pub async fn decision(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let reason = values.first("reason").unwrap_or_default();
    let result = match values.first("action") {
        Some("approve") => state.core.decide_group(&user, id, true, reason).await,
        Some("decline") => state.core.decide_group(&user, id, false, reason).await,
        _ => Err(ApiError::BadRequest.into()),
    };
    let page = format!("/groups/{id}");
    done(&state, parts, values, &page, &page, result).await
}

/// `POST /groups/{id}/posts` (`kind`, `title`, `body`; events: `date`, `start`, `end`, `place`,
/// `capacity`): an organiser posts news or an event.
pub async fn post(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let page = format!("/groups/{id}");
    match state.core.create_post(&user, id, &values).await {
        Ok(post) => see_other(&format!("{page}#post-{post}")),
        Err(e) => render_rejected(&state, parts, Some(&page), values, e.into()).await,
    }
}

/// `POST /posts/{id}/edit` (the post form's fields; `kind` must stay): its group's organiser
/// rewrites a post, and is back on the group page at the post. A refusal shows the edit form
/// again with what was typed.
pub async fn edit_post(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    match state.core.edit_post(&user, id, &values).await {
        Ok(group) => see_other(&format!(
            "/groups/{group}?done=post-edited&post={id}#post-{id}"
        )),
        Err(e) => {
            // The form lives on its group's page; someone who may not edit it is told so on
            // a plain page instead.
            let page = match state.core.own_post(&user, id).await {
                Ok(post) => Some(format!("/groups/{}?edit={id}", post.group_id)),
                Err(_) => None,
            };
            render_rejected(&state, parts, page.as_deref(), values, e.into()).await
        }
    }
}

/// `POST /posts/{id}/delete` (`confirmed=1`): its group's organiser deletes a post. Without
/// `confirmed` the group page asks first (`?delete={id}#confirm`), with or without JavaScript.
pub async fn delete_post(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let core = &state.core;
    if values.first("confirmed") != Some("1") {
        return match core.own_post(&user, id).await {
            Ok(post) => see_other(&format!("/groups/{}?delete={id}#post-{id}", post.group_id)),
            Err(e) => render_rejected(&state, parts, None, values, e.into()).await,
        };
    }
    match core.delete_post(&user, id).await {
        Ok(group) => see_other(&format!("/groups/{group}?done=post-deleted#group-posts")),
        Err(e) => render_rejected(&state, parts, None, values, e.into()).await,
    }
}

/// `POST /posts/{id}/rsvp` (`action`: `going` or `cancel`; `back`: the page to return to).
pub async fn rsvp(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let back = local_path(values.first("back").or(Some("/feed")));
    // Back where the person was: at the event, not the top of the page.
    let at_post = format!("{back}#post-{id}");
    let result = match values.first("action") {
        Some("going") => state.core.rsvp(&user, id, true).await,
        Some("cancel") => state.core.rsvp(&user, id, false).await,
        _ => Err(ApiError::BadRequest.into()),
    };
    done(&state, parts, values, &back, &at_post, result).await
}

/// An iCalendar file, or the refusal as plain text with its status.
fn calendar_response(result: yoriai_core::error::Result<String>) -> Response {
    use axum::response::IntoResponse;
    match result {
        Ok(ics) => (
            [
                (http::header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (
                    http::header::CONTENT_DISPOSITION,
                    "inline; filename=\"events.ics\"",
                ),
            ],
            ics,
        )
            .into_response(),
        Err(e) => refused(e.into()),
    }
}

/// The origin links in a feed start with: the public one when configured, else the request's.
fn link_origin(state: &AppState, req: Request) -> String {
    let asked = app::api::request::origin_of(&req.into_parts().0);
    state.core.print_origin(&asked).0
}

/// `GET /groups/{id}/events.ics`: an approved group's events, to subscribe to in a calendar.
pub async fn group_calendar(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    req: Request,
) -> Response {
    let origin = link_origin(&state, req);
    calendar_response(state.core.group_calendar(id, &origin).await)
}

/// `GET /districts/{id}/events.ics`: the events of every group active in a district.
pub async fn district_calendar(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    req: Request,
) -> Response {
    let origin = link_origin(&state, req);
    calendar_response(state.core.district_calendar(id, &origin).await)
}

/// `POST /notices` (`title`, `body`, `group`…, `district`…): staff or a centre director send a
/// notice; back to the page with how many received it.
pub async fn send_notice(
    State(state): State<AppState>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    match state.core.send_notice(&user, &values).await {
        Ok(delivered) => see_other(&format!("/notices?sent={delivered}")),
        Err(e) => render_rejected(&state, parts, None, values, e.into()).await,
    }
}

/// `POST /reports` (`group`, `post`, `reason`): a signed-in reader reports a group or a post;
/// back to the group's page, which thanks them.
pub async fn report(
    State(state): State<AppState>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let page = match values.first("group").and_then(|g| g.parse::<i64>().ok()) {
        Some(group) => format!("/groups/{group}"),
        None => "/groups".to_string(),
    };
    match state.core.report(&user, &values).await {
        Ok(target) => see_other(&format!("/groups/{}?reported=1", target.group)),
        Err(e) => render_rejected(&state, parts, Some(&page), values, e.into()).await,
    }
}

/// `POST /groups/reports` (`group`, `post`, `action`: hide, restore, remove or dismiss;
/// `reason`): staff decide on a reported or hidden item.
pub async fn moderate(
    State(state): State<AppState>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let result = state.core.moderate(&user, &values).await.map(drop);
    let page = "/groups/reports";
    done(&state, parts, values, page, page, result).await
}

/// This area's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/sign-up", routing::post(sign_up))
        .route("/sign-up/confirm/{token}", routing::post(confirm_sign_up))
        .route("/groups/new", routing::post(propose))
        .route("/groups/{id}/edit", routing::post(edit))
        .route("/groups/{id}/membership", routing::post(membership))
        .route("/groups/{id}/decision", routing::post(decision))
        .route("/groups/{id}/posts", routing::post(post))
        .route("/posts/{id}/rsvp", routing::post(rsvp))
        .route("/posts/{id}/edit", routing::post(edit_post))
        .route("/posts/{id}/delete", routing::post(delete_post))
        .route("/groups/{id}/events.ics", routing::get(group_calendar))
        .route(
            "/districts/{id}/events.ics",
            routing::get(district_calendar),
        )
        .route("/notices", routing::post(send_notice))
        .route("/reports", routing::post(report))
        .route("/groups/reports", routing::post(moderate))
}
