//! The HTML document around every page, and the routes.

use crate::components::layout::Layout;
use crate::i18n::{Msg, t, use_lang};
use crate::pages;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The whole HTML document. Note that it loads no script: only pages that contain an island add
/// the loader (see [`crate::components::islands::IslandScripts`]), so pages without one ship no
/// JavaScript or WebAssembly at all.
pub fn shell(_options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let lang = crate::api::request::request_lang();
    #[cfg(not(feature = "ssr"))]
    let lang = shared::Lang::default();
    provide_context(lang);
    #[cfg(feature = "ssr")]
    crate::api::request::set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=lang.html_lang()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="stylesheet" href="/pkg/yoriai.css"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The application: layout and routes. Every route renders fully on the server before the first
/// byte is sent (`SsrMode::Async`), so pages work without JavaScript and carry the right status.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = use_lang();
    view! {
        <Title formatter=move |page: String| page_title(&page, lang)/>
        <Router>
            <Layout>
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::home::HomePage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/s/:slug")
                        view=pages::survey::start::SurveyStartPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/s/:slug/p/:n")
                        view=pages::survey::section::SurveySectionPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/s/:slug/paper")
                        view=pages::survey::paper::PaperPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/s/:slug/review")
                        view=pages::survey::review::SurveyReviewPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/s/:slug/results")
                        view=pages::survey::results::PublicResultsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/s/:slug/thanks")
                        view=pages::survey::thanks::ThanksPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/sign-in")
                        view=pages::auth::sign_in::SignInPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/account")
                        view=pages::auth::account::AccountPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/forgot")
                        view=pages::auth::forgot::ForgotPasswordPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/reset/:token")
                        view=pages::auth::reset::ResetPasswordPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/sign-up")
                        view=pages::auth::sign_up::SignUpPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/groups")
                        view=pages::network::directory::DirectoryPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/notices")
                        view=pages::network::notices::NoticesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/report")
                        view=pages::matters::report::ReportPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/my/reports")
                        view=pages::matters::report::OwnReportsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/done")
                        view=pages::matters::done::DonePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/matters")
                        view=pages::matters::list::MattersPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/matters/new")
                        view=pages::matters::log::LogMatterPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/matters/agenda")
                        view=pages::matters::agenda::AgendaPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/matters/departments")
                        view=pages::matters::departments::DepartmentsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/matters/:id")
                        view=pages::matters::matter::MatterPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/feed")
                        view=pages::network::feed::FeedPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/groups/new")
                        view=pages::network::propose::ProposeGroupPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/groups/reports")
                        view=pages::network::reports::ReportsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/groups/review")
                        view=pages::network::queue::GroupQueuePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/groups/:id")
                        view=pages::network::group::GroupPageView
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/groups/:id/edit")
                        view=pages::network::propose::EditGroupPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/staff")
                        view=pages::staff::surveys::StaffSurveysPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/staff/surveys/new")
                        view=pages::staff::builder::NewSurveyPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/staff/surveys/:id")
                        view=pages::staff::responses::SurveyResponsesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/staff/surveys/:id/results")
                        view=pages::staff::results::ResultsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/staff/surveys/:id/texts/:key")
                        view=pages::staff::texts::TextsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/review/:id/results")
                        view=pages::staff::results::ResultsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/staff/surveys/:id/edit")
                        view=pages::staff::builder::BuilderPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/staff/surveys/:id/q/:qid")
                        view=pages::staff::question_editor::QuestionEditorPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/staff/surveys/:id/preview/:n")
                        view=pages::staff::preview::PreviewPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/staff/surveys/:id/codes")
                        view=pages::staff::preview::CodesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/staff/surveys/:id/cards")
                        view=pages::staff::print::CodeCardsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/staff/surveys/:id/entry")
                        view=pages::staff::entry::PaperEntryPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/staff/surveys/:id/entry/:sheet")
                        view=pages::staff::entry::PaperDifferencesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/staff/surveys/:id/flyer")
                        view=pages::staff::print::FlyerPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/review")
                        view=pages::review::ReviewListPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/review/:id")
                        view=pages::review::draft::DraftPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/review/:id/q/:qid/suggest")
                        view=pages::review::suggest::SuggestPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/review/:id/invitations/:token")
                        view=pages::review::invitation::InvitationLinkPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/review/:id/revisions")
                        view=pages::review::history::RevisionsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/invite/:token")
                        view=pages::review::invitation::AcceptInvitationPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/notifications")
                        view=pages::review::NotificationsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/people")
                        view=pages::admin::people::PeoplePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/people/:id")
                        view=pages::admin::person::PersonPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/account/email/:token")
                        view=pages::auth::email_change::ConfirmEmailPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/sign-up/confirm/:token")
                        view=pages::auth::sign_up::ConfirmSignUpPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/places")
                        view=pages::admin::places::PlacesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/setup/:token")
                        view=pages::admin::setup::SetupPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/privacy")
                        view=pages::privacy::PrivacyPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/privacy")
                        view=pages::admin::privacy::PrivacySettingsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/mail")
                        view=pages::admin::mail::MailLogPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/join/:token")
                        view=pages::auth::join::JoinPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/audit")
                        view=pages::review::AuditPage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </Layout>
        </Router>
    }
}

/// The document title: the page's own, then the site's name. leptos_meta writes the title into
/// the page as it is, so on the server it is escaped here: a title comes from people (a survey's
/// or a group's name), and `</title>` in one must stay text, not end the element.
fn page_title(page: &str, lang: shared::Lang) -> String {
    let title = format!("{page} | {}", t(lang, Msg::SiteName));
    #[cfg(feature = "ssr")]
    let title = html_escape::encode_text(&title).into_owned();
    title
}
