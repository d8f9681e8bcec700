//! Administration form posts (`/admin/…`: inviting, withdrawing an invitation, a person's
//! role and scope, deactivation) and accepting an invitation (`/join/{token}`). Each goes on
//! with 303, except a new invitation, whose link is shown once on the answer itself (never in
//! an address); a refusal renders the page again with the reason and what was typed.

use super::AppState;
use super::accounts::{refused_sign_in, signed_in_at};
use super::cookies::lang_of;
use super::forms::{SignedInForm, done, form_or_413, render_rejected, render_with, see_other};
use axum::Router;
use axum::extract::{Path, Request, State};
use axum::response::Response;
use axum::routing;
use shared::answer::FormValues;
use yoriai_core::admin::{InvitationForm, ScopeForm};
use yoriai_core::installation::PrivacyForm;

fn scope_of(values: &FormValues) -> ScopeForm<'_> {
    ScopeForm {
        kind: values.first("kind").unwrap_or_default(),
        ward: values.first("ward").unwrap_or_default(),
        district: values.first("district").unwrap_or_default(),
        centre: values.first("centre").unwrap_or_default(),
    }
}

/// `POST /admin/people/invite` (`email`, `display_name`, `kind`, `ward`, `district`,
/// `centre`): mails a single-use link and shows it once, to print.
pub async fn invite(
    State(state): State<AppState>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let form = InvitationForm {
        email: values.first("email").unwrap_or_default(),
        display_name: values.first("display_name").unwrap_or_default(),
        scope: scope_of(&values),
        form_key: values.first("form_key").unwrap_or_default(),
    };
    let result = state
        .core
        .invite_person(&user, &form, lang_of(&parts.headers))
        .await;
    match result {
        Ok(made) => render_with(&state, parts, Some("/admin/people"), made).await,
        Err(e) => render_rejected(&state, parts, Some("/admin/people"), values, e.into()).await,
    }
}

/// `POST /admin/invitations/{id}/withdraw` (`confirmed=1`): the link stops working. Without
/// `confirmed` the people page asks first (`?withdraw={id}`).
pub async fn withdraw(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let result = if values.first("confirmed") == Some("1") {
        state.core.revoke_account_invitation(&user, id).await
    } else {
        // Asked first: the invitation must be one this administrator may withdraw.
        match state.core.may_withdraw_invitation(&user, id).await {
            Ok(()) => return see_other(&format!("/admin/people?withdraw={id}#invitations")),
            Err(e) => Err(e),
        }
    };
    done(
        &state,
        parts,
        values,
        "/admin/people",
        "/admin/people?done=withdrawn",
        result,
    )
    .await
}

/// `POST /admin/people/{id}` (`kind`, `ward`, `district`, `centre`): role and scope.
pub async fn set_scope(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let result = state
        .core
        .set_person_scope(&user, id, &scope_of(&values))
        .await;
    let page = format!("/admin/people/{id}");
    let to = format!("/admin/people/{id}?done=scope");
    done(&state, parts, values, &page, &to, result).await
}

/// `POST /admin/people/{id}/active` (`active`: `0` or `1`; `confirmed=1` to deactivate):
/// without `confirmed`, deactivating asks first (`?confirm=deactivate`).
pub async fn set_active(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let active = values.first("active") == Some("1");
    let result = if active || values.first("confirmed") == Some("1") {
        state.core.set_person_active(&user, id, active).await
    } else {
        // Asked first: the person must be one this administrator manages.
        match state.core.may_manage_person(&user, id).await {
            Ok(()) => return see_other(&format!("/admin/people/{id}?confirm=deactivate#confirm")),
            Err(e) => Err(e),
        }
    };
    let page = format!("/admin/people/{id}");
    let to = format!(
        "/admin/people/{id}?done={}",
        if active { "reactivated" } else { "deactivated" }
    );
    done(&state, parts, values, &page, &to, result).await
}

/// `POST /join/{token}` (`display_name`, `password`): makes the invited account, signs in and
/// welcomes them on their account page (which leads on to where their work is).
pub async fn join(
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
        .accept_account_invitation(
            &token,
            values.first("display_name").unwrap_or_default(),
            values.first("password").unwrap_or_default(),
        )
        .await;
    match result {
        Ok(signed_in) => {
            signed_in_at(
                &state,
                &parts.headers,
                "/account?saved=joined",
                &signed_in.token,
            )
            .await
        }
        Err(e) => refused_sign_in(&state, parts, values, e.into()).await,
    }
}

/// `POST /admin/privacy` (`notice_ja`, `notice_en`, `draft_days`, `address_days`,
/// `mail_days`): the privacy notice and the retention periods.
pub async fn set_privacy(
    State(state): State<AppState>,
    SignedInForm {
        parts,
        values,
        user,
    }: SignedInForm,
) -> Response {
    let form = PrivacyForm {
        notice_ja: values.first("notice_ja").unwrap_or_default(),
        notice_en: values.first("notice_en").unwrap_or_default(),
        draft_days: values.first("draft_days").unwrap_or_default(),
        address_days: values.first("address_days").unwrap_or_default(),
        mail_days: values.first("mail_days").unwrap_or_default(),
    };
    let result = state.core.set_privacy(&user, &form).await;
    done(
        &state,
        parts,
        values,
        "/admin/privacy",
        "/admin/privacy?saved=1",
        result,
    )
    .await
}

/// This area's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/admin",
            routing::get(|| async { see_other("/admin/people") }),
        )
        .route("/admin/people/invite", routing::post(invite))
        .route("/admin/invitations/{id}/withdraw", routing::post(withdraw))
        .route("/admin/people/{id}", routing::post(set_scope))
        .route("/admin/people/{id}/active", routing::post(set_active))
        .route("/join/{token}", routing::post(join))
        .route("/admin/privacy", routing::post(set_privacy))
}
