//! The server's side of `app::ports::Backend`: server functions call these.

use super::Services;
use app::ports::Backend;
use async_trait::async_trait;
use shared::ApiError;
use shared::views::{
    Channel, CurrentUser, Receipt, Submission, SurveyForm, SurveyResponses, SurveySummary,
};

#[async_trait]
impl Backend for Services {
    async fn survey_form(&self, slug: &str) -> Result<SurveyForm, ApiError> {
        Ok(Services::survey_form(self, slug).await?)
    }

    async fn open_surveys(&self) -> Result<Vec<SurveySummary>, ApiError> {
        Ok(Services::open_surveys(self).await?)
    }

    async fn submit(&self, submission: Submission, channel: Channel) -> Result<Receipt, ApiError> {
        Ok(Services::submit(self, submission, channel).await?)
    }

    async fn session_user(&self, token: &str) -> Result<Option<CurrentUser>, ApiError> {
        Ok(self.user_for_token(token).await?)
    }

    async fn staff_surveys(&self, user: &CurrentUser) -> Result<Vec<SurveySummary>, ApiError> {
        Ok(Services::staff_surveys(self, user).await?)
    }

    async fn response_count(&self, user: &CurrentUser, survey_id: i64) -> Result<i64, ApiError> {
        Ok(Services::response_count(self, user, survey_id).await?)
    }

    async fn survey_responses(
        &self,
        user: &CurrentUser,
        survey_id: i64,
    ) -> Result<SurveyResponses, ApiError> {
        Ok(Services::survey_responses(self, user, survey_id).await?)
    }
}
