//! The server's side of `app::ports::Backend`: server functions call these.

use super::Services;
use app::ports::{Backend, Respondent};
use async_trait::async_trait;
use shared::ApiError;
use shared::analytics::{PublicResults, ResultsQuery, ResultsView, TextsView};
use shared::network::notices::NoticesView;
use shared::network::posts::FeedView;
use shared::network::reports::ReportsView;
use shared::network::{
    DirectoryQuery, DirectoryView, GroupCard, GroupPage, PendingGroup, ProposeView,
};
use shared::views::{
    BuilderView, CodeCardsView, CurrentUser, DifferencesView, EntryView, FlyerView, PaperView,
    ReviewView, SectionPage, SurveyResponses, SurveyStart, SurveySummary,
};

use shared::codesign::views::{
    AuditLine, DraftView, InvitationLink, InvitationPage, NotificationLine, RevisionsView,
    SuggestView,
};

#[async_trait]
impl Backend for Services {
    async fn survey_start(
        &self,
        slug: &str,
        who: &Respondent,
        code: Option<&str>,
    ) -> Result<SurveyStart, ApiError> {
        Ok(Services::survey_start(self, slug, who, code).await?)
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

    async fn staff_surveys(
        &self,
        user: &CurrentUser,
        archived: bool,
    ) -> Result<Vec<SurveySummary>, ApiError> {
        Ok(if archived {
            Services::archived_surveys(self, user).await?
        } else {
            Services::staff_surveys(self, user).await?
        })
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

    async fn flyer(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        origin: &str,
    ) -> Result<FlyerView, ApiError> {
        Ok(Services::flyer(self, user, survey_id, origin).await?)
    }

    async fn code_cards(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        origin: &str,
        page: usize,
        district_id: Option<i64>,
    ) -> Result<CodeCardsView, ApiError> {
        Ok(Services::code_cards(self, user, survey_id, origin, page, district_id).await?)
    }

    async fn paper_entry(&self, user: &CurrentUser, survey_id: i64) -> Result<EntryView, ApiError> {
        Ok(Services::paper_entry(self, user, survey_id).await?)
    }

    async fn paper_differences(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        sheet: &str,
    ) -> Result<DifferencesView, ApiError> {
        Ok(Services::paper_differences(self, user, survey_id, sheet).await?)
    }

    async fn reviewed_surveys(&self, user: &CurrentUser) -> Result<Vec<SurveySummary>, ApiError> {
        Ok(Services::reviewed_surveys(self, user).await?)
    }

    async fn results(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        query: &ResultsQuery,
    ) -> Result<ResultsView, ApiError> {
        Ok(Services::results_view(self, user, survey_id, query).await?)
    }

    async fn public_results(&self, slug: &str) -> Result<PublicResults, ApiError> {
        Ok(Services::public_results(self, slug).await?)
    }

    async fn texts(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        key: &str,
        search: &str,
        tag: Option<i64>,
        page: i64,
    ) -> Result<TextsView, ApiError> {
        Ok(Services::texts_view(self, user, survey_id, key, search, tag, page).await?)
    }

    async fn draft_view(&self, user: &CurrentUser, survey_id: i64) -> Result<DraftView, ApiError> {
        Ok(Services::draft_view(self, user, survey_id).await?)
    }

    async fn suggest_view(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        question_id: &str,
    ) -> Result<SuggestView, ApiError> {
        Ok(Services::suggest_view(self, user, survey_id, question_id).await?)
    }

    async fn invitation_link(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        token: &str,
        origin: &str,
    ) -> Result<InvitationLink, ApiError> {
        Ok(Services::invitation_link(self, user, survey_id, token, origin).await?)
    }

    async fn invitation_page(&self, token: &str) -> Result<InvitationPage, ApiError> {
        Ok(Services::invitation_page(self, token).await?)
    }

    async fn revisions_view(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        compare: Option<(i64, i64)>,
    ) -> Result<RevisionsView, ApiError> {
        Ok(Services::revisions_view(self, user, survey_id, compare).await?)
    }

    async fn notifications(&self, user: &CurrentUser) -> Result<Vec<NotificationLine>, ApiError> {
        Ok(Services::notifications(self, user).await?)
    }

    async fn unread_notifications(&self, user: &CurrentUser) -> Result<i64, ApiError> {
        Ok(Services::unread_notifications(self, user).await?)
    }

    async fn audit_view(
        &self,
        user: &CurrentUser,
        survey_id: Option<i64>,
    ) -> Result<Vec<AuditLine>, ApiError> {
        Ok(Services::audit_view(self, user, survey_id).await?)
    }

    async fn directory(
        &self,
        user: Option<&CurrentUser>,
        query: &DirectoryQuery,
    ) -> Result<DirectoryView, ApiError> {
        Ok(Services::directory(self, user, query).await?)
    }

    async fn group_page(&self, user: Option<&CurrentUser>, id: i64) -> Result<GroupPage, ApiError> {
        Ok(Services::group_page(self, user, id).await?)
    }

    async fn propose_view(&self, user: &CurrentUser) -> Result<ProposeView, ApiError> {
        Ok(Services::propose_view(self, user).await?)
    }

    async fn pending_groups(&self, user: &CurrentUser) -> Result<Vec<PendingGroup>, ApiError> {
        Ok(Services::pending_groups(self, user).await?)
    }

    async fn suggested_groups(
        &self,
        user: Option<&CurrentUser>,
        slug: &str,
    ) -> Result<Vec<GroupCard>, ApiError> {
        Ok(Services::suggested_groups(self, user, slug).await?)
    }

    async fn feed(&self, user: &CurrentUser) -> Result<FeedView, ApiError> {
        Ok(Services::feed(self, user).await?)
    }

    async fn notices(&self, user: &CurrentUser) -> Result<NoticesView, ApiError> {
        Ok(Services::notices_view(self, user).await?)
    }

    async fn moderation_queue(&self, user: &CurrentUser) -> Result<ReportsView, ApiError> {
        Ok(Services::moderation_queue(self, user).await?)
    }
}
