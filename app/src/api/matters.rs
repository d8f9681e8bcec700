//! Server functions of the liaison log (地域情報連絡会議): what its pages show. Changes are
//! plain form posts (`server/src/web/matters.rs`), so every page works without JavaScript.

use leptos::prelude::*;
use shared::ApiError;
use shared::matters::{
    Agenda, DepartmentsView, DoneList, MatterList, MatterView, OwnReport, ReportForm,
};

/// The report form for a signed-in person of a ward.
#[server(prefix = "/api", endpoint = "report_form")]
pub async fn get_report_form() -> Result<ReportForm, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?.report_form(&user).await?)
}

/// The signed-in person's own reports.
#[server(prefix = "/api", endpoint = "own_reports")]
pub async fn get_own_reports() -> Result<Vec<OwnReport>, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?.own_reports(&user).await?)
}

/// The matters shared with the signed-in council member's or centre director's districts.
#[server(prefix = "/api", endpoint = "shared_matters")]
pub async fn get_shared_matters() -> Result<Vec<OwnReport>, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?.shared_with_me(&user).await?)
}

/// The staff list of matters, filtered by `query` (the page's address query).
#[server(prefix = "/api", endpoint = "matters")]
pub async fn get_matters(query: String) -> Result<MatterList, ApiError> {
    let user = crate::api::request::require_user().await?;
    let values = shared::answer::FormValues(
        form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect(),
    );
    Ok(crate::api::core()?
        .matter_list(&user, shared::matters::MatterFilter::from_query(&values))
        .await?)
}

/// A matter's page.
#[server(prefix = "/api", endpoint = "matter")]
pub async fn get_matter(id: i64) -> Result<MatterView, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?.matter_view(&user, id).await?)
}

/// A meeting's agenda, or (`meeting` none) the next meeting's so far.
#[server(prefix = "/api", endpoint = "agenda")]
pub async fn get_agenda(meeting: Option<i64>) -> Result<Agenda, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?.agenda(&user, meeting).await?)
}

/// The ward's departments and their staff.
#[server(prefix = "/api", endpoint = "departments")]
pub async fn get_departments() -> Result<DepartmentsView, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?.departments_view(&user).await?)
}

/// The public list of what the ward did (signed in or not: the ward of the person asking).
#[server(prefix = "/api", endpoint = "done")]
pub async fn get_done(district: Option<i64>) -> Result<DoneList, ApiError> {
    let user = crate::api::request::current_user().await?;
    Ok(crate::api::core()?
        .done_list(user.as_ref(), district)
        .await?)
}
