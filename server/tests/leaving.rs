//! Deleting one's own account, as a browser without JavaScript posts it, on SQLite and
//! PostgreSQL: every refusal first (no choice, no "I understand", a wrong password, a group
//! run alone), then the deletion: nothing personal stays, the session ends at once, sign-in
//! fails, the events they were coming to count one fewer, their posts stay under
//! 「退会したメンバー」 or are removed as they chose, and the goodbye mail is queued.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use common::{Browser, PASSWORD, TestApp, cookie, scalar};
use shared::account::Role;
use shared::answer::FormValues;
use shared::network::Membership;
use yoriai_core::demo::{DEMO_ORGANISER_EMAIL, DEMO_STAFF_PASSWORD};

const EMAIL: &str = "leaving@example.jp";

fn browser_with<'a>(app: &'a TestApp, cookie: &str) -> Browser<'a> {
    let (name, value) = cookie.split_once('=').unwrap();
    Browser::new(app).with_cookie(name, value)
}

async fn leaving(app: TestApp, remove_posts: bool) {
    let core = &app.core;
    let id = core
        .create_user(EMAIL, "退会 予定", PASSWORD, Role::Resident, None)
        .await
        .unwrap();
    let me = core
        .user_for_token(
            &core
                .sign_in(EMAIL, PASSWORD, "10.0.0.1")
                .await
                .unwrap()
                .token,
        )
        .await
        .unwrap()
        .unwrap();
    // They join an approved group, say they will come to its event, and run a group of their
    // own that someone else joined.
    let group = scalar(
        &app,
        "SELECT MIN(id) FROM network_groups WHERE status = 'approved'",
    )
    .await;
    core.join_group(&me, group, Membership::Member, true)
        .await
        .unwrap();
    let event = scalar(&app, "SELECT MIN(id) FROM group_posts WHERE kind = 'event'").await;
    core.rsvp(&me, event, true).await.unwrap();
    let going = format!("SELECT going_count FROM group_posts WHERE id = {event}");
    let coming_before = scalar(&app, &going).await;
    let own = core
        .propose_group(
            &me,
            &FormValues::of(&[
                ("name", "退会前の会"),
                ("kind", "circle"),
                ("description", "しばらく続けた会です。"),
                (
                    "district",
                    &scalar(&app, "SELECT MIN(id) FROM districts")
                        .await
                        .to_string(),
                ),
            ]),
        )
        .await
        .unwrap();
    let staff = common::user(&app, "decider@example.jp", Role::Admin).await;
    core.decide_group(&staff, own, true, "").await.unwrap();
    let organiser = core
        .user_for_token(
            &core
                .sign_in(DEMO_ORGANISER_EMAIL, DEMO_STAFF_PASSWORD, "10.0.0.1")
                .await
                .unwrap()
                .token,
        )
        .await
        .unwrap()
        .unwrap();
    core.join_group(&organiser, own, Membership::Member, true)
        .await
        .unwrap();
    let post = core
        .create_post(
            &me,
            own,
            &FormValues::of(&[
                ("kind", "news"),
                ("title", "お知らせ"),
                ("body", "来月はお休みです。"),
            ]),
        )
        .await
        .unwrap();

    let session = cookie(&app, EMAIL, PASSWORD).await;
    let mut browser = browser_with(&app, &session);
    let page = browser.get("/account").await.text().await.unwrap();
    assert!(page.contains("data-state=\"hand-over\""), "{page}");
    assert!(page.contains("退会前の会"), "{page}");

    // Refusals: nothing chosen, then a group run alone.
    let refused = browser.post("/account/delete", &[("form", "delete")]).await;
    assert_eq!(refused.status(), 422);
    let refused = refused.text().await.unwrap();
    for field in ["posts", "confirmed", "password"] {
        assert!(
            !refused.contains(&format!("id=\"{field}-error\" class=\"field-error\"><!>")),
            "{field}: {refused}"
        );
    }
    let choice = if remove_posts { "remove" } else { "keep" };
    let form = [
        ("form", "delete"),
        ("posts", choice),
        ("password", PASSWORD),
        ("confirmed", "1"),
    ];
    let alone = browser.post("/account/delete", &form).await;
    assert_eq!(alone.status(), 422);
    let alone = alone.text().await.unwrap();
    assert!(
        alone.contains("id=\"groups-error\" class=\"field-error\">ひとりで"),
        "{alone}"
    );
    assert!(!alone.contains(PASSWORD), "the password is never sent back");
    let wrong = browser
        .post(
            "/account/delete",
            &[
                ("form", "delete"),
                ("posts", choice),
                ("password", "not my password"),
                ("confirmed", "1"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), 422);

    // Handed over: now it goes.
    core.store
        .set_membership(
            own,
            organiser.id,
            Membership::Organiser,
            true,
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    let gone = browser.post("/account/delete", &form).await;
    assert_eq!(gone.status(), 303);
    assert_eq!(gone.headers()["location"], "/?left=1");
    let home = app.html("/?left=1").await;
    assert!(home.contains("data-state=\"account-deleted\""), "{home}");

    // Nothing personal stays; the session ended; sign-in fails as for any unknown address.
    assert_eq!(
        scalar(
            &app,
            &format!("SELECT COUNT(*) FROM users WHERE email = '{EMAIL}'")
        )
        .await,
        0
    );
    assert_eq!(
        scalar(
            &app,
            &format!(
                "SELECT COUNT(*) FROM users WHERE id = {id} AND display_name = '退会したメンバー' \
                 AND email = 'deleted-{id}@deleted.invalid' AND deleted_at IS NOT NULL"
            )
        )
        .await,
        1
    );
    for table in ["sessions", "group_members", "event_rsvps", "notifications"] {
        assert_eq!(
            scalar(
                &app,
                &format!("SELECT COUNT(*) FROM {table} WHERE user_id = {id}")
            )
            .await,
            0,
            "{table}"
        );
    }
    assert_eq!(scalar(&app, &going).await, coming_before - 1);
    let after = app.get_with_cookie("/account", &session).await;
    assert_eq!(after.status(), 302);
    let again = app
        .post_form("/sign-in", &[("email", EMAIL), ("password", PASSWORD)])
        .await;
    assert_eq!(again.status(), 401);

    // Their post: kept under the new name, or removed with its text emptied.
    let kept = scalar(
        &app,
        &format!("SELECT COUNT(*) FROM group_posts WHERE id = {post} AND status = 'visible' AND body <> ''"),
    )
    .await;
    assert_eq!(kept, i64::from(!remove_posts));
    if !remove_posts {
        let page = app.html(&format!("/groups/{own}")).await;
        assert!(page.contains("来月はお休みです。"), "{page}");
    }

    // The goodbye mail to the old address; an administrator no longer lists them.
    let log = core.store.mail_log(10).await.unwrap();
    assert!(
        log.iter()
            .any(|m| m.recipient == EMAIL && m.kind == "account_deleted"),
        "{log:?}"
    );
    let audit = core.store.audit_entries(20).await.unwrap();
    assert!(audit.iter().any(|e| e.action == "account_deleted"));
    app.stop().await;
}

#[tokio::test]
async fn a_resident_deletes_their_account_keeping_their_posts_sqlite() {
    leaving(TestApp::sqlite().await, false).await;
}

#[tokio::test]
async fn a_resident_deletes_their_account_removing_their_posts_postgres() {
    let Some(app) = TestApp::postgres().await else {
        return;
    };
    leaving(app, true).await;
}

#[tokio::test]
async fn the_last_administrator_cannot_delete_their_account() {
    let app = TestApp::sqlite().await;
    let admin = common::user(&app, "only-city@example.jp", Role::Admin).await;
    let refused = app
        .core
        .delete_own_account(
            &admin,
            PASSWORD,
            Some(yoriai_core::accounts::leave::Posts::Keep),
            true,
            shared::Lang::Ja,
        )
        .await;
    assert_eq!(
        shared::ApiError::from(refused.expect_err("refused")),
        shared::ApiError::LastAdmin
    );
    app.stop().await;
}
