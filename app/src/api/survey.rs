//! Server functions residents use: finding and answering surveys.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use shared::ApiError;
use shared::views::{Receipt, Submission, SurveyForm, SurveySummary};

/// An open survey, ready to answer.
#[server(prefix = "/api", endpoint = "survey_form")]
pub async fn get_survey_form(slug: String) -> Result<SurveyForm, ApiError> {
    crate::ports::backend()?.survey_form(&slug).await
}

/// The surveys residents can answer now.
#[server(prefix = "/api", endpoint = "open_surveys")]
pub async fn get_open_surveys() -> Result<Vec<SurveySummary>, ApiError> {
    crate::ports::backend()?.open_surveys().await
}

/// Stores a response submitted from the hydrated form. The same rules run here as for the plain
/// form post, in the server's `Backend::submit`.
#[server(prefix = "/api", endpoint = "submit", input = Json)]
pub async fn submit_survey(submission: Submission) -> Result<Receipt, ApiError> {
    crate::ports::backend()?
        .submit(submission, shared::views::Channel::Web)
        .await
}
