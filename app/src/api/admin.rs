//! Server functions of the administration pages, and of the page an invitation link opens.

use leptos::prelude::*;
use shared::ApiError;
use shared::admin::{InvitationInfo, MailLogView, PeopleView, PersonView, PlacesView, PrivacyView};

/// The people an administrator manages (`filter`: `workers`, `residents` or `all`; `q`: a part
/// of a name or address), the open invitations and the wards for the forms.
#[server(prefix = "/api", endpoint = "admin_people")]
pub async fn get_people(filter: String, q: String) -> Result<PeopleView, ApiError> {
    use yoriai_core::admin::PeopleFilter;
    let user = crate::api::request::require_user().await?;
    let filter = match filter.as_str() {
        "residents" => PeopleFilter::Residents,
        "all" => PeopleFilter::All,
        _ => PeopleFilter::Workers,
    };
    Ok(crate::api::core()?.people_view(&user, filter, &q).await?)
}

/// One person, for their administration page.
#[server(prefix = "/api", endpoint = "admin_person")]
pub async fn get_person(id: i64) -> Result<PersonView, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?.person_view(&user, id).await?)
}

/// The mail log (administrators of every ward).
#[server(prefix = "/api", endpoint = "admin_mail")]
pub async fn get_mail_log() -> Result<MailLogView, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?.mail_log_view(&user).await?)
}

/// The wards, districts and centres an administrator manages.
#[server(prefix = "/api", endpoint = "admin_places")]
pub async fn get_places() -> Result<PlacesView, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?.places_view(&user).await?)
}

/// Whether a set-up link works (`LinkExpired` if not), and whether wards exist already. No
/// sign-in: the link is the key.
#[server(prefix = "/api", endpoint = "setup")]
pub async fn check_setup(token: String) -> Result<bool, ApiError> {
    Ok(crate::api::core()?.setup_state(&token).await?.has_wards)
}

/// The privacy notice and the retention periods (public).
#[server(prefix = "/api", endpoint = "privacy")]
pub async fn get_privacy() -> Result<PrivacyView, ApiError> {
    Ok(crate::api::core()?.privacy_view().await?)
}

/// What an invitation link offers (`InvitationUsed` once it cannot be used). No sign-in: the
/// link is the key.
#[server(prefix = "/api", endpoint = "join")]
pub async fn get_invitation(token: String) -> Result<InvitationInfo, ApiError> {
    Ok(crate::api::core()?.account_invitation_info(&token).await?)
}
