//! What the server functions need from the server, as one trait (a "port").
//!
//! `app` cannot depend on `server` (the server binary renders `app::App`), so the server
//! implements [`Backend`] and hands it to Leptos as context, both for page rendering and for
//! server-function calls. Every method checks authorization itself: a server function is a public
//! HTTP endpoint, whatever page happens to call it.

use async_trait::async_trait;
use shared::ApiError;
use shared::analytics::{PublicResults, ResultsQuery, ResultsView, TextsView};
use shared::codesign::views::{
    AuditLine, DraftView, InvitationLink, InvitationPage, NotificationLine, RevisionsView,
    SuggestView,
};
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
use std::sync::Arc;

/// The operations pages and server functions may ask of the server.
#[async_trait]
pub trait Backend: Send + Sync + 'static {
    /// The first page of an open survey, for this respondent.
    async fn survey_start(
        &self,
        slug: &str,
        who: &Respondent,
        code: Option<&str>,
    ) -> Result<SurveyStart, ApiError>;
    /// One screen of questions with the answers saved so far, or where to go instead.
    async fn section_page(
        &self,
        slug: &str,
        number: usize,
        who: &Respondent,
    ) -> Result<SectionPage, ApiError>;
    /// Everything answered, for checking before sending; `None` when nothing was started.
    async fn review(&self, slug: &str, who: &Respondent) -> Result<Option<ReviewView>, ApiError>;
    /// A published survey laid out for printing (open or closed; never a draft).
    async fn paper(&self, slug: &str) -> Result<PaperView, ApiError>;
    /// Surveys residents can answer now.
    async fn open_surveys(&self) -> Result<Vec<SurveySummary>, ApiError>;
    /// The person a session token belongs to, if the session is still valid.
    async fn session_user(&self, token: &str) -> Result<Option<CurrentUser>, ApiError>;
    /// Every survey of the user's ward in use, or the archived ones, with response counts.
    async fn staff_surveys(
        &self,
        user: &CurrentUser,
        archived: bool,
    ) -> Result<Vec<SurveySummary>, ApiError>;
    /// How many responses a survey has now (polled by the staff pages).
    async fn response_count(&self, user: &CurrentUser, survey_id: i64) -> Result<i64, ApiError>;
    /// One survey with its latest responses.
    async fn survey_responses(
        &self,
        user: &CurrentUser,
        survey_id: i64,
    ) -> Result<SurveyResponses, ApiError>;
    /// A survey's working copy and settings, for the builder (staff only).
    async fn builder(&self, user: &CurrentUser, survey_id: i64) -> Result<BuilderView, ApiError>;
    /// A survey's invitation codes and whether each was used (staff only).
    async fn survey_codes(
        &self,
        user: &CurrentUser,
        survey_id: i64,
    ) -> Result<Vec<(String, bool)>, ApiError>;
    /// A survey's printable flyer (staff only); `origin` is the address the page was asked at.
    async fn flyer(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        origin: &str,
    ) -> Result<FlyerView, ApiError>;
    /// A page of printable invitation cards for a survey's unused codes (staff only).
    async fn code_cards(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        origin: &str,
        page: usize,
        district_id: Option<i64>,
    ) -> Result<CodeCardsView, ApiError>;
    /// The paper entry page (staff only).
    async fn paper_entry(&self, user: &CurrentUser, survey_id: i64) -> Result<EntryView, ApiError>;
    /// Two differing typings of a paper sheet (staff only).
    async fn paper_differences(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        sheet: &str,
    ) -> Result<DifferencesView, ApiError>;
    /// The surveys a council member reviews (staff: every survey).
    async fn reviewed_surveys(&self, user: &CurrentUser) -> Result<Vec<SurveySummary>, ApiError>;
    /// A draft with its comments, suggestions and approvals (staff, invited council members).
    async fn draft_view(&self, user: &CurrentUser, survey_id: i64) -> Result<DraftView, ApiError>;
    /// The suggestion form's data for one question.
    async fn suggest_view(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        question_id: &str,
    ) -> Result<SuggestView, ApiError>;
    /// A fresh invitation link for staff to pass on (staff only).
    async fn invitation_link(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        token: &str,
        origin: &str,
    ) -> Result<InvitationLink, ApiError>;
    /// What the invitation page shows whoever holds the link.
    async fn invitation_page(&self, token: &str) -> Result<InvitationPage, ApiError>;
    /// A survey's revisions, and two of them compared.
    async fn revisions_view(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        compare: Option<(i64, i64)>,
    ) -> Result<RevisionsView, ApiError>;
    /// The signed-in person's notifications.
    async fn notifications(&self, user: &CurrentUser) -> Result<Vec<NotificationLine>, ApiError>;
    /// How many of them are unread.
    async fn unread_notifications(&self, user: &CurrentUser) -> Result<i64, ApiError>;
    /// A survey's results: overview, every question, a cross-tab (staff: raw numbers; council
    /// members of the district: their district, small groups hidden).
    async fn results(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        query: &ResultsQuery,
    ) -> Result<ResultsView, ApiError>;
    /// The results staff published for residents (anyone; small groups hidden).
    async fn public_results(&self, slug: &str) -> Result<PublicResults, ApiError>;
    /// A page of a question's free-text answers, searched and coded into themes (staff only).
    async fn texts(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        key: &str,
        search: &str,
        tag: Option<i64>,
        page: i64,
    ) -> Result<TextsView, ApiError>;
    /// The audit log (admins only), optionally of one survey.
    async fn audit_view(
        &self,
        user: &CurrentUser,
        survey_id: Option<i64>,
    ) -> Result<Vec<AuditLine>, ApiError>;
    /// The group directory (anyone; the reader's own groups when signed in).
    async fn directory(
        &self,
        user: Option<&CurrentUser>,
        query: &DirectoryQuery,
    ) -> Result<DirectoryView, ApiError>;
    /// A group's page (approved: anyone; otherwise its organisers, staff and directors).
    async fn group_page(&self, user: Option<&CurrentUser>, id: i64) -> Result<GroupPage, ApiError>;
    /// The choices of the group proposal form (anyone signed in).
    async fn propose_view(&self, user: &CurrentUser) -> Result<ProposeView, ApiError>;
    /// Proposals the user may decide (staff; centre directors for their districts).
    async fn pending_groups(&self, user: &CurrentUser) -> Result<Vec<PendingGroup>, ApiError>;
    /// Up to three groups to suggest after a survey is answered (anyone).
    async fn suggested_groups(
        &self,
        user: Option<&CurrentUser>,
        slug: &str,
    ) -> Result<Vec<GroupCard>, ApiError>;
    /// The signed-in person's feed: their groups' posts, upcoming events near them.
    async fn feed(&self, user: &CurrentUser) -> Result<FeedView, ApiError>;
    /// The notices page: whom the sender may reach, what was sent (staff, centre directors).
    async fn notices(&self, user: &CurrentUser) -> Result<NoticesView, ApiError>;
    /// The moderation queue: reported and hidden groups and posts (staff).
    async fn moderation_queue(&self, user: &CurrentUser) -> Result<ReportsView, ApiError>;
}

/// What a request says about who is answering a survey.
#[derive(Debug, Clone, Default)]
pub struct Respondent {
    /// The token of the answers saved on this device, from its cookie.
    pub draft_token: Option<String>,
    /// The device's own token, from its cookie (for one-per-device surveys).
    pub device_token: Option<String>,
    /// The signed-in account, if any.
    pub user: Option<CurrentUser>,
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
