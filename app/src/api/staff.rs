//! Server functions for ward staff: the survey list and the answers arriving.

use leptos::prelude::*;
use shared::ApiError;
use shared::views::{
    BuilderView, CodeCardsView, CurrentUser, DifferencesView, EntryView, FlyerView,
    SurveyResponses, SurveySummary,
};

/// The signed-in user, or `None` when nobody is signed in.
#[server(prefix = "/api", endpoint = "me")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, ApiError> {
    crate::api::request::current_user().await
}

/// Every survey of the signed-in staff member's ward, with live response counts: the ones in
/// use, or (`archived`) the archived ones.
#[server(prefix = "/api", endpoint = "staff_surveys")]
pub async fn get_staff_surveys(
    #[server(default)] archived: bool,
) -> Result<Vec<SurveySummary>, ApiError> {
    let user = crate::api::request::require_user().await?;
    let core = crate::api::core()?;
    Ok(if archived {
        core.archived_surveys(&user).await?
    } else {
        core.staff_surveys(&user).await?
    })
}

/// How many responses a survey has now; the live counters poll this.
#[server(prefix = "/api", endpoint = "response_count")]
pub async fn get_response_count(survey_id: i64) -> Result<i64, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?.response_count(&user, survey_id).await?)
}

/// One survey with its latest responses.
#[server(prefix = "/api", endpoint = "survey_responses")]
pub async fn get_survey_responses(survey_id: i64) -> Result<SurveyResponses, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?
        .survey_responses(&user, survey_id)
        .await?)
}

/// A survey's working copy and settings, for the builder.
#[server(prefix = "/api", endpoint = "survey_builder")]
pub async fn get_builder(survey_id: i64) -> Result<BuilderView, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?.builder(&user, survey_id).await?)
}

/// Moves a question to `index` in `section` or, without `question`, the page `section` to
/// `index` among the pages (the studio's drag and drop and keyboard moves; the same checks as
/// every builder change, saved as the next revision).
#[server(prefix = "/api", endpoint = "place_question")]
pub async fn place_question(
    survey_id: i64,
    question: Option<String>,
    section: String,
    index: usize,
) -> Result<shared::edit::Saved, ApiError> {
    let user = crate::api::request::require_user().await?;
    let edit = match question {
        Some(question) => shared::edit::Edit::PlaceQuestion {
            question,
            section,
            index,
        },
        None => shared::edit::Edit::PlaceSection { section, index },
    };
    Ok(crate::api::core()?
        .edit_survey(&user, survey_id, &edit)
        .await?)
}

/// One question of a survey's working copy as saved now (what the studio shows on a conflict).
#[server(prefix = "/api", endpoint = "saved_question")]
pub async fn get_saved_question(
    survey_id: i64,
    question: String,
) -> Result<shared::survey::Question, ApiError> {
    let user = crate::api::request::require_user().await?;
    crate::api::core()?
        .builder(&user, survey_id)
        .await?
        .definition
        .question(&question)
        .cloned()
        .ok_or(ApiError::NotFound)
}

/// Saves the question editor's fields as its form would post them (the studio's autosave):
/// `fields` is the form as JSON name/value pairs, read and checked exactly as
/// `POST /staff/surveys/{id}/q/{qid}` reads them, with the same compare-and-set on `rev`.
#[server(prefix = "/api", endpoint = "save_question")]
pub async fn save_question(
    survey_id: i64,
    question: String,
    fields: String,
) -> Result<shared::edit::Saved, ApiError> {
    let user = crate::api::request::require_user().await?;
    let fields: shared::answer::FormValues =
        serde_json::from_str(&fields).map_err(|_| ApiError::BadRequest)?;
    Ok(crate::api::core()?
        .edit_question(&user, survey_id, &question, &fields)
        .await?)
}

/// A survey's invitation codes.
#[server(prefix = "/api", endpoint = "survey_codes")]
pub async fn get_survey_codes(survey_id: i64) -> Result<Vec<(String, bool)>, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?.survey_codes(&user, survey_id).await?)
}

/// A survey's printable flyer with its QR code.
#[server(prefix = "/api", endpoint = "survey_flyer")]
pub async fn get_flyer(survey_id: i64) -> Result<FlyerView, ApiError> {
    let user = crate::api::request::require_user().await?;
    let origin = crate::api::request::request_origin();
    Ok(crate::api::core()?.flyer(&user, survey_id, &origin).await?)
}

/// A page of printable invitation cards.
#[server(prefix = "/api", endpoint = "code_cards")]
pub async fn get_code_cards(
    survey_id: i64,
    page: usize,
    district_id: Option<i64>,
) -> Result<CodeCardsView, ApiError> {
    let user = crate::api::request::require_user().await?;
    let origin = crate::api::request::request_origin();
    Ok(crate::api::core()?
        .code_cards(&user, survey_id, &origin, page, district_id)
        .await?)
}

/// The paper entry page: the published questions and the sheets in progress.
#[server(prefix = "/api", endpoint = "paper_entry")]
pub async fn get_paper_entry(survey_id: i64) -> Result<EntryView, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?.paper_entry(&user, survey_id).await?)
}

/// Two differing typings of a paper sheet.
#[server(prefix = "/api", endpoint = "paper_differences")]
pub async fn get_paper_differences(
    survey_id: i64,
    sheet: String,
) -> Result<DifferencesView, ApiError> {
    let user = crate::api::request::require_user().await?;
    Ok(crate::api::core()?
        .paper_differences(&user, survey_id, &sheet)
        .await?)
}
