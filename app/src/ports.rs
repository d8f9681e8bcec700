//! What the server functions need from the server, as one trait (a "port").
//!
//! `app` cannot depend on `server` (the server binary renders `app::App`), so the server
//! implements [`Backend`] and hands it to Leptos as context, both for page rendering and for
//! server-function calls. Every method checks authorization itself: a server function is a public
//! HTTP endpoint, whatever page happens to call it.

use async_trait::async_trait;
use shared::ApiError;
use shared::views::{
    Channel, CurrentUser, Receipt, Submission, SurveyForm, SurveyResponses, SurveySummary,
};
use std::sync::Arc;

/// The operations pages and server functions may ask of the server.
#[async_trait]
pub trait Backend: Send + Sync + 'static {
    /// An open survey, ready to answer, with a fresh idempotency key.
    async fn survey_form(&self, slug: &str) -> Result<SurveyForm, ApiError>;
    /// Surveys residents can answer now.
    async fn open_surveys(&self) -> Result<Vec<SurveySummary>, ApiError>;
    /// Validates and stores a response; a repeated idempotency key stores nothing new.
    async fn submit(&self, submission: Submission, channel: Channel) -> Result<Receipt, ApiError>;
    /// The person a session token belongs to, if the session is still valid.
    async fn session_user(&self, token: &str) -> Result<Option<CurrentUser>, ApiError>;
    /// Every survey the user may see, with response counts.
    async fn staff_surveys(&self, user: &CurrentUser) -> Result<Vec<SurveySummary>, ApiError>;
    /// How many responses a survey has now (polled by the staff pages).
    async fn response_count(&self, user: &CurrentUser, survey_id: i64) -> Result<i64, ApiError>;
    /// One survey with its latest responses.
    async fn survey_responses(
        &self,
        user: &CurrentUser,
        survey_id: i64,
    ) -> Result<SurveyResponses, ApiError>;
}

/// The backend as Leptos context carries it.
#[derive(Clone)]
pub struct BackendHandle(pub Arc<dyn Backend>);

/// The backend from context. Server functions call this; a missing context is a wiring bug.
pub fn backend() -> Result<Arc<dyn Backend>, ApiError> {
    leptos::prelude::use_context::<BackendHandle>()
        .map(|h| h.0)
        .ok_or(ApiError::Internal)
}
