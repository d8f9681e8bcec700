//! Server functions residents use: finding and answering surveys. Answers themselves arrive as
//! plain form posts (see the server's `web::answering`), so answering works without JavaScript.

use leptos::prelude::*;
use shared::ApiError;
use shared::views::{PaperView, ReviewView, SectionPage, SurveyStart, SurveySummary};

/// Who is answering, from the request's cookies and session.
#[cfg(feature = "ssr")]
async fn respondent() -> Result<yoriai_core::respond::Respondent, ApiError> {
    use super::request::{cookie, current_user};
    Ok(yoriai_core::respond::Respondent {
        draft_token: cookie(super::ANSWER_COOKIE),
        device_token: cookie(super::DEVICE_COOKIE),
        user: current_user().await?,
    })
}

/// The first page of an open survey.
#[server(prefix = "/api", endpoint = "survey_start")]
pub async fn get_survey_start(slug: String, code: Option<String>) -> Result<SurveyStart, ApiError> {
    let who = respondent().await?;
    Ok(crate::api::core()?
        .survey_start(&slug, &who, code.as_deref())
        .await?)
}

/// One screen of questions (1-based), or where to go instead.
#[server(prefix = "/api", endpoint = "survey_section")]
pub async fn get_survey_section(slug: String, number: usize) -> Result<SectionPage, ApiError> {
    let who = respondent().await?;
    Ok(crate::api::core()?
        .section_page(&slug, number, &who)
        .await?)
}

/// The answers so far, for checking before sending.
#[server(prefix = "/api", endpoint = "survey_review")]
pub async fn get_survey_review(slug: String) -> Result<Option<ReviewView>, ApiError> {
    let who = respondent().await?;
    Ok(crate::api::core()?.review(&slug, &who).await?)
}

/// The surveys residents can answer now.
#[server(prefix = "/api", endpoint = "open_surveys")]
pub async fn get_open_surveys() -> Result<Vec<SurveySummary>, ApiError> {
    Ok(crate::api::core()?.open_surveys().await?)
}

/// A published survey laid out for printing.
#[server(prefix = "/api", endpoint = "survey_paper")]
pub async fn get_survey_paper(slug: String) -> Result<PaperView, ApiError> {
    Ok(crate::api::core()?.paper(&slug).await?)
}
