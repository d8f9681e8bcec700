//! The server's side of `app::ports::Backend`: server functions call these.

use super::Services;
use app::ports::{Backend, Respondent};
use async_trait::async_trait;
use shared::ApiError;
use shared::views::{
    BuilderView, CurrentUser, PaperView, ReviewView, SectionPage, SurveyResponses, SurveyStart,
    SurveySummary,
};

#[async_trait]
impl Backend for Services {
    async fn survey_start(&self, slug: &str, who: &Respondent) -> Result<SurveyStart, ApiError> {
        Ok(Services::survey_start(self, slug, who).await?)
    }

    async fn section_page(
        &self,
        slug: &str,
        number: usize,
        who: &Respondent,
    ) -> Result<SectionPage, ApiError> {
        Ok(Services::section_page(self, slug, number, who).await?)
    }

    async fn review(&self, slug: &str, who: &Respondent) -> Result<Option<ReviewView>, ApiError> {
        Ok(Services::review(self, slug, who).await?)
    }

    async fn paper(&self, slug: &str) -> Result<PaperView, ApiError> {
        Ok(Services::paper(self, slug).await?)
    }

    async fn open_surveys(&self) -> Result<Vec<SurveySummary>, ApiError> {
        Ok(Services::open_surveys(self).await?)
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

    async fn builder(&self, user: &CurrentUser, survey_id: i64) -> Result<BuilderView, ApiError> {
        Ok(Services::builder(self, user, survey_id).await?)
    }

    async fn survey_codes(
        &self,
        user: &CurrentUser,
        survey_id: i64,
    ) -> Result<Vec<(String, bool)>, ApiError> {
        Ok(Services::survey_codes(self, user, survey_id).await?)
    }
}
