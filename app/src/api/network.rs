//! Server functions of the network directory. Each is a public endpoint: the backend decides on
//! every call what the caller may see (approved groups: anyone; the rest: organisers, staff and
//! centre directors).

use leptos::prelude::*;
use shared::ApiError;
use shared::network::notices::NoticesView;
use shared::network::posts::FeedView;
use shared::network::reports::ReportsView;
use shared::network::{DirectoryView, GroupCard, GroupPage, PendingGroup, ProposeView};

/// The directory. `query` is the page's own query string (`district`, `kind`, `tag`, `q`).
#[server(prefix = "/api", endpoint = "directory")]
pub async fn get_directory(query: String) -> Result<DirectoryView, ApiError> {
    let user = crate::api::request::current_user().await?;
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let query = shared::network::DirectoryQuery::from_pairs(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    );
    Ok(crate::api::core()?.directory(user.as_ref(), &query).await?)
}

/// One group's page.
#[server(prefix = "/api", endpoint = "group")]
pub async fn get_group(id: i64) -> Result<GroupPage, ApiError> {
    let user = crate::api::request::current_user().await?;
    let mut page = crate::api::core()?.group_page(user.as_ref(), id).await?;
    page.origin = crate::api::request::request_origin();
    Ok(page)
}

/// The proposal form's choices (sign-in required).
#[server(prefix = "/api", endpoint = "propose_view")]
pub async fn get_propose_view() -> Result<ProposeView, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?.propose_view(&user).await?)
}

/// The proposals waiting for the caller's decision (staff, centre directors).
#[server(prefix = "/api", endpoint = "pending_groups")]
pub async fn get_pending_groups() -> Result<Vec<PendingGroup>, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?.pending_groups(&user).await?)
}

/// The signed-in person's feed (sign-in required).
#[server(prefix = "/api", endpoint = "feed")]
pub async fn get_feed() -> Result<FeedView, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?.feed(&user).await?)
}

/// The notices page (staff, centre directors).
#[server(prefix = "/api", endpoint = "notices")]
pub async fn get_notices() -> Result<NoticesView, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?.notices_view(&user).await?)
}

/// Up to three local groups to suggest on a survey's thank-you page (public).
#[server(prefix = "/api", endpoint = "suggested_groups")]
pub async fn get_suggested_groups(slug: String) -> Result<Vec<GroupCard>, ApiError> {
    let user = crate::api::request::current_user().await?;
    Ok(crate::api::core()?
        .suggested_groups(user.as_ref(), &slug)
        .await?)
}

/// The moderation queue (staff).
#[server(prefix = "/api", endpoint = "reports")]
pub async fn get_reports() -> Result<ReportsView, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?.moderation_queue(&user).await?)
}
