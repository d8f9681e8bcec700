//! Changing one's e-mail address, as a browser without JavaScript posts it, on SQLite and
//! PostgreSQL: the current password is needed, a taken address is refused, the link mailed to
//! the new address makes the change once, the old address is told, and sign-in follows the
//! new address.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use common::{Browser, PASSWORD, TestApp, cookie, mail_to, scalar};
use shared::account::Role;

async fn change(app: TestApp) {
    let old = "old-address@example.jp";
    let new = "new-address@example.jp";
    app.core
        .create_user(old, "住所 変更", PASSWORD, Role::Resident, None)
        .await
        .unwrap();
    let session = cookie(&app, old, PASSWORD).await;
    let (name, value) = session.split_once('=').unwrap();
    let mut browser = Browser::new(&app).with_cookie(name, value);

    // The password is needed; a taken address is refused; nothing is mailed for either.
    let wrong = browser
        .post(
            "/account/email",
            &[
                ("form", "email"),
                ("new_email", new),
                ("email_password", "not it at all"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), 422);
    let taken = browser
        .post(
            "/account/email",
            &[
                ("form", "email"),
                ("new_email", yoriai_core::demo::DEMO_RESIDENT_EMAIL),
                ("email_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(taken.status(), 422);
    let taken = taken.text().await.unwrap();
    assert!(
        taken.contains("id=\"new_email-error\" class=\"field-error\">このメール"),
        "{taken}"
    );
    assert!(!taken.contains(PASSWORD));
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM email_changes").await, 0);

    // Asked: a link to the new address; the address is unchanged until it is opened.
    let to = browser
        .post_to(
            "/account/email",
            &[
                ("form", "email"),
                ("new_email", new),
                ("email_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(to, "/account?saved=email-sent#email");
    let body = mail_to(&app, new, "email_change_confirm").await;
    let origin = format!("http://{}", app.addr);
    let path = body
        .lines()
        .find_map(|l| l.trim().strip_prefix(&origin))
        .expect("a link")
        .to_string();
    app.core.sign_in(old, PASSWORD, "10.0.0.1").await.unwrap();
    let page = app.html(&path).await;
    assert!(
        page.contains(&format!("data-new-email=\"{new}\"")),
        "{page}"
    );

    // Opened (in any browser: the link is the key): changed once, the old address told.
    let done = app.post_form(&path, &[]).await;
    assert_eq!(done.status(), 303);
    assert_eq!(done.headers()["location"], "/account?saved=email");
    assert_eq!(app.post_form(&path, &[]).await.status(), 410);
    assert_eq!(app.get(&path).await.status(), 410);
    let told = mail_to(&app, old, "email_changed").await;
    assert!(told.contains(new), "{told}");
    assert!(app.core.sign_in(old, PASSWORD, "10.0.0.1").await.is_err());
    app.core.sign_in(new, PASSWORD, "10.0.0.1").await.unwrap();
    let audit = app.core.store.audit_entries(20).await.unwrap();
    for action in ["email_change_requested", "email_changed"] {
        assert!(audit.iter().any(|e| e.action == action), "{action}");
    }
    app.stop().await;
}

#[tokio::test]
async fn an_address_is_changed_by_the_link_mailed_to_it_sqlite() {
    change(TestApp::sqlite().await).await;
}

#[tokio::test]
async fn an_address_is_changed_by_the_link_mailed_to_it_postgres() {
    let Some(app) = TestApp::postgres().await else {
        return;
    };
    change(app).await;
}
