//! Server functions of co-design: the draft with the council's comments, suggestions and
//! approvals; invitations; revisions; notifications; the audit log. Each one is a public
//! endpoint, so the backend checks who may see what on every call.

use leptos::prelude::*;
use shared::ApiError;
use shared::codesign::views::{
    AuditLine, DraftView, InvitationLink, InvitationPage, NotificationLine, RevisionsView,
    SuggestView,
};
use shared::views::SurveySummary;

/// The surveys the signed-in council member reviews.
#[server(prefix = "/api", endpoint = "reviewed_surveys")]
pub async fn get_reviewed_surveys() -> Result<Vec<SurveySummary>, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?.reviewed_surveys(&user).await?)
}

/// A draft with its comments, suggestions and approvals.
#[server(prefix = "/api", endpoint = "draft")]
pub async fn get_draft(survey_id: i64) -> Result<DraftView, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?.draft_view(&user, survey_id).await?)
}

/// One question, for the suggestion form.
#[server(prefix = "/api", endpoint = "suggest")]
pub async fn get_suggest(survey_id: i64, question_id: String) -> Result<SuggestView, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?
        .suggest_view(&user, survey_id, &question_id)
        .await?)
}

/// A fresh invitation link, for staff to pass on.
#[server(prefix = "/api", endpoint = "invitation_link")]
pub async fn get_invitation_link(
    survey_id: i64,
    token: String,
) -> Result<InvitationLink, ApiError> {
    let user = crate::api::request::require_user().await?;
    let origin = crate::api::request::request_origin();
    Ok(crate::api::core()?
        .invitation_link(&user, survey_id, &token, &origin)
        .await?)
}

/// What an invitation link offers (no sign-in needed: the link is the key).
#[server(prefix = "/api", endpoint = "invitation")]
pub async fn get_invitation(token: String) -> Result<InvitationPage, ApiError> {
    Ok(crate::api::core()?.invitation_page(&token).await?)
}

/// A survey's revisions, and two of them compared.
#[server(prefix = "/api", endpoint = "revisions")]
pub async fn get_revisions(
    survey_id: i64,
    compare: Option<(i64, i64)>,
) -> Result<RevisionsView, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?
        .revisions_view(&user, survey_id, compare)
        .await?)
}

/// The signed-in person's notifications.
#[server(prefix = "/api", endpoint = "notifications")]
pub async fn get_notifications() -> Result<Vec<NotificationLine>, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?.notifications(&user).await?)
}

/// How many notifications are unread.
#[server(prefix = "/api", endpoint = "unread")]
pub async fn get_unread() -> Result<i64, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?.unread_notifications(&user).await?)
}

/// The audit log (admins only).
#[server(prefix = "/api", endpoint = "audit")]
pub async fn get_audit(survey_id: Option<i64>) -> Result<Vec<AuditLine>, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?.audit_view(&user, survey_id).await?)
}
