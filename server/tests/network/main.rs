//! Loose local networks on a real database (SQLite and PostgreSQL): signing up with only an
//! e-mail, a name and a password; the directory's filters and Japanese substring search;
//! proposals decided by staff or the district's centre director; joining, following and leaving
//! with the counts kept on write (also under concurrency); what organisers may see of their
//! members; and every network server function and form for every role.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

#[path = "../common/mod.rs"]
mod common;
mod directory;
mod meeting_times;
mod memberships;
mod moderation;
mod notices;
mod post_edits;
mod posts;
mod proposals;
mod referrals;
mod roles;
mod signing_up;

use directory::directory;
use meeting_times::meeting_times;
use memberships::memberships;
use moderation::moderation;
use notices::notices_and_calendars;
use post_edits::editing_and_deleting_posts;
use posts::{next_sunday, posts_and_rsvps};
use proposals::proposals;
use referrals::referrals;
use roles::server_functions_by_role;
use signing_up::signing_up;

use common::{PASSWORD, TestApp, cookie, form, mail_to, scalar, user};
use shared::account::Role;
use shared::network::GroupPage;
use shared::network::posts::PostView;
use shared::network::{DirectoryQuery, GroupKind, GroupStatus, Membership};
use shared::views::CurrentUser;
use shared::{ApiError, FieldError};
use yoriai_core::demo::{DEMO_DIRECTOR_EMAIL, DEMO_ORGANISER_EMAIL, DEMO_STAFF_PASSWORD};

async fn demo_user(app: &TestApp, email: &str) -> CurrentUser {
    let s = &app.core;
    let signed = s
        .sign_in(email, DEMO_STAFF_PASSWORD, "127.0.0.1")
        .await
        .unwrap();
    s.user_for_token(&signed.token).await.unwrap().unwrap()
}

async fn district(app: &TestApp, code: &str) -> i64 {
    let ward = app.core.store.ward_ids().await.unwrap()[0];
    app.core
        .store
        .district_by_code(ward, code)
        .await
        .unwrap()
        .unwrap()
}

async fn names(app: &TestApp, query: DirectoryQuery) -> Vec<String> {
    let mut names: Vec<String> = app
        .core
        .directory(None, &query)
        .await
        .unwrap()
        .groups
        .into_iter()
        .map(|g| g.name)
        .collect();
    names.sort();
    names
}

async fn group_id(app: &TestApp, name: &str) -> i64 {
    let (all, _) = (
        app.core
            .store
            .directory(&DirectoryQuery::default())
            .await
            .unwrap(),
        (),
    );
    if let Some(g) = all.iter().find(|g| g.fields.name == name) {
        return g.id;
    }
    // Not approved: find it among the pending ones.
    app.core
        .store
        .pending_groups(None, None)
        .await
        .unwrap()
        .into_iter()
        .find(|(g, _)| g.fields.name == name)
        .map(|(g, _)| g.id)
        .unwrap()
}

fn err(result: yoriai_core::error::Result<impl std::fmt::Debug>) -> ApiError {
    ApiError::from(result.expect_err("should be refused"))
}

async fn story(app: &TestApp) {
    signing_up(app).await;
    directory(app).await;
    proposals(app).await;
    memberships(app).await;
    posts_and_rsvps(app).await;
    notices_and_calendars(app).await;
    referrals(app).await;
    moderation(app).await;
    server_functions_by_role(app).await;
    meeting_times(app).await;
}

app_on_both_databases!(story, networks_on_sqlite, networks_on_postgres);
