//! Forgotten passwords and the mail that carries the link, with a real SMTP server
//! (`common::smtp`): the whole round trip on SQLite and PostgreSQL, the same answer for an
//! unknown address, expired, reused and double-submitted links, the limits, a mail server
//! that is down and comes back, and mail written to files when none is configured.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use chrono::{Duration, Utc};
use common::smtp::{SmtpServer, parse};
use common::{Browser, PASSWORD, TestApp, TestDb, scalar};
use shared::Lang;
use shared::account::Role;
use yoriai_core::accounts::{recovery, token_hash};
use yoriai_core::mail::{Delivery, Mailer};

const NEW_PASSWORD: &str = "a brand new passphrase";

fn token_of(link: &str) -> String {
    link.rsplit('/').next().unwrap().to_string()
}

async fn round_trip(app: TestApp, smtp: &SmtpServer) {
    let email = "forgetful@example.jp";
    app.core
        .create_user(email, "忘れ 花子", PASSWORD, Role::Resident, None)
        .await
        .unwrap();
    app.spawn_mail_sender();
    // A session open on another device, which the reset must end.
    let other_device = app.core.sign_in(email, PASSWORD, "10.0.0.9").await.unwrap();

    // The sign-in page leads to the form; asking answers with the same page for everyone.
    assert!(app.html("/sign-in").await.contains("href=\"/forgot\""));
    let mut browser = Browser::new(&app);
    let sent = browser.post_to("/forgot", &[("email", email)]).await;
    assert_eq!(sent, "/forgot?sent=1");
    let page = app.html(&sent).await;
    assert!(page.contains("data-state=\"reset-sent\""), "{page}");

    // The mail, through the SMTP server, in Japanese (no language chosen).
    let mail = smtp.wait_for(email, 1).await;
    assert_eq!(mail.from, "noreply@localhost");
    assert_eq!(mail.subject, "【Yoriai】パスワードの再設定");
    assert!(mail.body.starts_with("忘れ 花子 様"), "{}", mail.body);
    let link = mail
        .link(&format!("http://{}/reset/", app.addr))
        .expect("a reset link in the mail");
    let path = link
        .trim_start_matches(&format!("http://{}", app.addr))
        .to_string();

    // The link opens the form; a password the policy refuses keeps the link usable.
    let form = app.html(&path).await;
    assert!(form.contains(&format!("action=\"{path}\"")), "{form}");
    let short = browser.post(&path, &[("password", "short")]).await;
    assert_eq!(short.status(), 422);
    assert!(!short.text().await.unwrap().contains("value=\"short\""));
    assert_eq!(app.get(&path).await.status(), 200);

    // The new password: signed in here, the other device signed out.
    let to = browser.post_to(&path, &[("password", NEW_PASSWORD)]).await;
    assert_eq!(to, "/");
    assert!(browser.cookie_header().contains(app::api::SESSION_COOKIE));
    assert!(
        app.core
            .user_for_token(&other_device.token)
            .await
            .unwrap()
            .is_none()
    );
    assert!(app.core.sign_in(email, PASSWORD, "10.0.0.1").await.is_err());
    app.core
        .sign_in(email, NEW_PASSWORD, "10.0.0.1")
        .await
        .unwrap();

    // Used up: the page and the form both say so, with the way to a new link.
    let again = app.get(&path).await;
    assert_eq!(again.status(), 410);
    let again = again.text().await.unwrap();
    assert!(again.contains("data-error=\"LinkExpired\""), "{again}");
    assert!(again.contains("href=\"/forgot\""));
    let reuse = Browser::new(&app)
        .post(&path, &[("password", "yet another passphrase")])
        .await;
    assert_eq!(reuse.status(), 410);
    app.core
        .sign_in(email, NEW_PASSWORD, "10.0.0.1")
        .await
        .unwrap();

    // The owner is told, and the log keeps who and when but no body (the link is gone).
    let notice = smtp.wait_for(email, 2).await;
    assert_eq!(notice.subject, "【Yoriai】パスワードが変更されました");
    assert!(notice.body.contains(&format!("http://{}/forgot", app.addr)));
    let log = app.core.store.mail_log(10).await.unwrap();
    assert_eq!(log.len(), 2);
    assert!(
        log.iter()
            .all(|m| m.sent_at.is_some() && m.recipient == email)
    );
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM mail_outbox WHERE body <> ''").await,
        0
    );
    let audit = app.core.store.audit_entries(20).await.unwrap();
    for action in ["password_reset_requested", "password_reset"] {
        assert!(audit.iter().any(|e| e.action == action), "{action}");
    }
}

#[tokio::test]
async fn a_forgotten_password_is_reset_with_a_link_sent_through_a_mail_server_sqlite() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let app = TestApp::mailing_to(TestDb::sqlite(), &smtp).await;
    round_trip(app, &smtp).await;
}

#[tokio::test]
async fn a_forgotten_password_is_reset_with_a_link_sent_through_a_mail_server_postgres() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let app = TestApp::mailing_to(db, &smtp).await;
    round_trip(app, &smtp).await;
}

#[tokio::test]
async fn an_unknown_address_gets_the_same_answer_and_no_mail() {
    let app = TestApp::sqlite().await;
    let mut browser = Browser::new(&app);
    let known = browser
        .post_to(
            "/forgot",
            &[("email", yoriai_core::demo::DEMO_RESIDENT_EMAIL)],
        )
        .await;
    let unknown = browser
        .post_to("/forgot", &[("email", "nobody@example.jp")])
        .await;
    assert_eq!(known, unknown);
    let log = app.core.store.mail_log(10).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].recipient, yoriai_core::demo::DEMO_RESIDENT_EMAIL);

    // A malformed address is refused on the form, with what was typed kept.
    let bad = browser
        .post("/forgot", &[("email", "not an address")])
        .await;
    assert_eq!(bad.status(), 422);
    let page = bad.text().await.unwrap();
    assert!(page.contains("value=\"not an address\""), "{page}");
    assert!(
        page.contains("class=\"field-error\">形式が正しくありません。</p>"),
        "{page}"
    );
    assert_eq!(app.core.store.mail_log(10).await.unwrap().len(), 1);
}

#[tokio::test]
async fn requests_are_limited_per_address_and_mails_per_account() {
    let app = TestApp::sqlite().await;
    let resident = yoriai_core::demo::DEMO_RESIDENT_EMAIL;
    let per_address = usize::try_from(recovery::MAX_RESET_REQUESTS_PER_ADDRESS).unwrap();
    for _ in 0..per_address {
        app.core
            .request_password_reset(resident, Lang::Ja, "10.1.1.1")
            .await
            .unwrap();
    }
    // The account got its few mails; the address's next request is refused.
    let mails = app.core.store.mail_log(50).await.unwrap().len();
    assert_eq!(
        i64::try_from(mails).unwrap(),
        recovery::MAX_RESET_MAILS_PER_ACCOUNT
    );
    let refused = app
        .core
        .request_password_reset(resident, Lang::Ja, "10.1.1.1")
        .await;
    assert!(matches!(
        refused.map_err(shared::ApiError::from),
        Err(shared::ApiError::RateLimited)
    ));
    let res = app
        .post_form("/forgot", &[("email", "someone@example.jp")])
        .await;
    // (The HTTP client is 127.0.0.1, a different address: still answered.)
    assert_eq!(res.status(), 303);
}

#[tokio::test]
async fn an_expired_link_and_a_double_submit_are_refused_and_change_nothing() {
    let app = TestApp::sqlite().await;
    let email = "late@example.jp";
    let id = app
        .core
        .create_user(email, "遅刻", PASSWORD, Role::Resident, None)
        .await
        .unwrap();
    let mail = yoriai_core::mail::templates::password_reset(Lang::Ja, email, "遅刻", "x", 30);
    let now = Utc::now();
    app.core
        .store
        .create_password_reset(
            &token_hash("old"),
            id,
            now - Duration::minutes(31),
            now - Duration::minutes(1),
            &mail,
        )
        .await
        .unwrap();
    let page = app.get("/reset/old").await;
    assert_eq!(page.status(), 410);
    let post = app
        .post_form("/reset/old", &[("password", NEW_PASSWORD)])
        .await;
    assert_eq!(post.status(), 410);
    app.core.sign_in(email, PASSWORD, "10.0.0.1").await.unwrap();

    // Unknown tokens are refused the same way.
    assert_eq!(app.get("/reset/never-issued").await.status(), 410);

    // Two submits of one link at once: one sets the password, the other is refused.
    app.core
        .store
        .create_password_reset(
            &token_hash("fresh"),
            id,
            now,
            now + Duration::minutes(30),
            &mail,
        )
        .await
        .unwrap();
    let (a, b) = tokio::join!(
        app.post_form("/reset/fresh", &[("password", NEW_PASSWORD)]),
        app.post_form("/reset/fresh", &[("password", "the other passphrase")]),
    );
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [303, 410]);
    let winner = if a.status() == 303 {
        NEW_PASSWORD
    } else {
        "the other passphrase"
    };
    app.core.sign_in(email, winner, "10.0.0.1").await.unwrap();
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM password_resets WHERE used_at IS NOT NULL"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn mail_waits_while_the_mail_server_is_down_and_goes_when_it_is_back() {
    let Some(mut smtp) = SmtpServer::stopped() else {
        return;
    };
    let app = TestApp::mailing_to(TestDb::sqlite(), &smtp).await;
    let mailer = Mailer::from_config(&app.core.config).unwrap();
    let resident = yoriai_core::demo::DEMO_RESIDENT_EMAIL;
    app.core
        .request_password_reset(resident, Lang::En, "10.2.2.2")
        .await
        .unwrap();

    // Down: the mail stays queued with the reason, and waits its turn.
    let now = Utc::now();
    let first = app.core.send_due_mail(&mailer, now).await.unwrap();
    assert_eq!(
        first,
        Delivery {
            sent: 0,
            retrying: 1,
            failed: 0
        }
    );
    let log = app.core.store.mail_log(5).await.unwrap();
    assert_eq!((log[0].attempts, log[0].sent_at), (1, None));
    assert!(log[0].last_error.is_some());
    let soon = app
        .core
        .send_due_mail(&mailer, now + Duration::seconds(30))
        .await
        .unwrap();
    assert_eq!(soon, Delivery::default());

    // Back: the next try delivers it, once.
    smtp.resume();
    let later = now + Duration::minutes(2);
    let second = app.core.send_due_mail(&mailer, later).await.unwrap();
    assert_eq!(
        second,
        Delivery {
            sent: 1,
            retrying: 0,
            failed: 0
        }
    );
    let mail = smtp.wait_for(resident, 1).await;
    assert_eq!(mail.subject, "[Yoriai] Choose a new password");
    assert!(mail.link(&format!("http://{}/reset/", app.addr)).is_some());
    let third = app
        .core
        .send_due_mail(&mailer, later + Duration::hours(2))
        .await
        .unwrap();
    assert_eq!(third, Delivery::default());
    assert_eq!(smtp.received().len(), 1);
}

#[tokio::test]
async fn a_mail_failing_for_two_days_is_given_up_and_shown_as_failed() {
    let Some(smtp) = SmtpServer::stopped() else {
        return;
    };
    let app = TestApp::mailing_to(TestDb::sqlite(), &smtp).await;
    let mailer = Mailer::from_config(&app.core.config).unwrap();
    app.core
        .request_password_reset(yoriai_core::demo::DEMO_RESIDENT_EMAIL, Lang::Ja, "10.3.3.3")
        .await
        .unwrap();
    let late = Utc::now() + yoriai_core::mail::GIVE_UP_AFTER + Duration::minutes(1);
    let round = app.core.send_due_mail(&mailer, late).await.unwrap();
    assert_eq!(round.failed, 1);
    let log = app.core.store.mail_log(5).await.unwrap();
    assert!(log[0].failed_at.is_some() && log[0].sent_at.is_none());
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM mail_outbox WHERE body <> ''").await,
        0
    );
}

#[tokio::test]
async fn without_a_mail_server_mail_is_written_to_files() {
    let dir = tempfile::tempdir().unwrap();
    let mail_dir = dir.path().join("mail");
    let kept = mail_dir.clone();
    let app = TestApp::start_with(TestDb::sqlite(), |c| c.mail_dir = kept).await;
    let mailer = Mailer::from_config(&app.core.config).unwrap();
    app.core
        .request_password_reset(
            yoriai_core::demo::DEMO_RESIDENT_EMAIL,
            Lang::EasyJa,
            "10.4.4.4",
        )
        .await
        .unwrap();
    let round = app.core.send_due_mail(&mailer, Utc::now()).await.unwrap();
    assert_eq!(round.sent, 1);
    let files: Vec<_> = std::fs::read_dir(&mail_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].extension().and_then(|e| e.to_str()), Some("eml"));
    let mail = parse(&std::fs::read(&files[0]).unwrap());
    assert_eq!(mail.to, yoriai_core::demo::DEMO_RESIDENT_EMAIL);
    assert_eq!(mail.subject, "【Yoriai】パスワードを あたらしく する");
    let link = mail.link(&format!("http://{}/reset/", app.addr)).unwrap();
    assert_eq!(
        app.get(&format!("/reset/{}", token_of(&link)))
            .await
            .status(),
        200
    );
}

#[test]
fn a_bad_smtp_url_or_sender_stops_the_start() {
    let mut config = yoriai_core::Config::for_database("sqlite::memory:");
    config.smtp_url = Some("ftp://nowhere".into());
    assert!(Mailer::from_config(&config).is_err());
    config.smtp_url = None;
    config.mail_from = "not an address".into();
    assert!(Mailer::from_config(&config).is_err());
}
