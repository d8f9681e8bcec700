//! Digest mails, chosen on the account page as a browser without JavaScript posts it, made by
//! the hourly round and delivered by a real SMTP server, on SQLite and PostgreSQL: only to
//! those who asked, in the language they asked in, at the morning (or Monday) due, with what
//! they have not read since the last one and nothing else, once even when two rounds run at
//! once, and never to a deactivated account.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use chrono::{DateTime, TimeDelta, Utc};
use common::smtp::SmtpServer;
use common::{Browser, PASSWORD, TestApp, TestDb, cookie, form, scalar, user_in};
use shared::account::{Digest, Role};
use shared::views::CurrentUser;
use yoriai_core::accounts::digest::last_due;
use yoriai_core::db::Db;
use yoriai_core::demo::{DEMO_DIRECTOR_EMAIL, DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD};

/// The person signed in with `email` and `password`, as the core sees them.
async fn signed_in(app: &TestApp, email: &str, password: &str) -> CurrentUser {
    let signed = app
        .core
        .sign_in(email, password, "127.0.0.1")
        .await
        .unwrap();
    app.core
        .user_for_token(&signed.token)
        .await
        .unwrap()
        .unwrap()
}

async fn execute(app: &TestApp, sql: &str, id: i64) {
    let sql = sqlx::AssertSqlSafe(sql.to_string());
    match app.core.store.db() {
        Db::Sqlite(p) => sqlx::query(sql).bind(id).execute(p).await.map(drop),
        Db::Postgres(p) => sqlx::query(sql).bind(id).execute(p).await.map(drop),
    }
    .unwrap();
}

/// Chooses a digest on the account page, in `lang`; returns where the form led.
async fn choose(app: &TestApp, email: &str, choice: &str, lang: &str) -> String {
    let session = cookie(app, email, PASSWORD).await;
    let (name, value) = session.split_once('=').unwrap();
    let mut browser = Browser::new(app)
        .with_cookie(name, value)
        .with_cookie("yoriai_lang", lang);
    browser
        .post_to("/account/digest", &[("form", "digest"), ("digest", choice)])
        .await
}

/// How many digests went to `to` so far (the outbox keeps a line of each).
async fn digests_to(app: &TestApp, to: &str) -> i64 {
    scalar(
        app,
        &format!("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'digest' AND recipient = '{to}'"),
    )
    .await
}

/// Runs the mail sender once at `at` (digests made by a round at a later time than the
/// clock's are queued for then).
async fn deliver(app: &TestApp, at: DateTime<Utc>) {
    let mailer = yoriai_core::mail::Mailer::from_config(&app.core.config).unwrap();
    app.core.send_due_mail(&mailer, at).await.unwrap();
}

/// Half an hour after the first digest time (daily or weekly) after `from`.
fn after_next(how: Digest, from: DateTime<Utc>) -> DateTime<Utc> {
    let days = if how == Digest::Weekly { 7 } else { 1 };
    last_due(how, from + TimeDelta::days(days)).unwrap() + TimeDelta::minutes(30)
}

async fn digests(app: TestApp, smtp: &SmtpServer) {
    let core = &app.core;
    let director = signed_in(&app, DEMO_DIRECTOR_EMAIL, DEMO_STAFF_PASSWORD).await;
    let staff = signed_in(&app, DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
    let ward = core.store.ward_ids().await.unwrap()[0];
    let kitagata = core
        .store
        .district_by_code(ward, "kmn-kitagata")
        .await
        .unwrap()
        .unwrap();
    let daily = "daily-reader@example.jp";
    let weekly = "weekly-reader@example.jp";
    let off = "no-digest@example.jp";
    let gone = "deactivated-reader@example.jp";
    let council = "digest-council@example.jp";
    for email in [daily, weekly, off, gone] {
        user_in(&app, email, Role::Resident, Some(kitagata)).await;
    }
    // (Living elsewhere: the notice does not reach them.)
    let council_user = user_in(&app, council, Role::Council, None).await;

    // Off by default. A choice that is not one is refused and changes nothing.
    let session = cookie(&app, daily, PASSWORD).await;
    let page = app.html_with_cookie("/account", &session).await;
    assert!(
        page.contains("name=\"digest\" value=\"off\" checked"),
        "{page}"
    );
    let (name, value) = session.split_once('=').unwrap();
    let refused = Browser::new(&app)
        .with_cookie(name, value)
        .post(
            "/account/digest",
            &[("form", "digest"), ("digest", "hourly")],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let refused = refused.text().await.unwrap();
    assert!(
        refused.contains("id=\"digest-error\" class=\"field-error\">選択肢の中から選んで"),
        "{refused}"
    );
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM users WHERE digest <> 'off'").await,
        0
    );

    // Chosen: saved, shown chosen, audited.
    assert_eq!(
        choose(&app, daily, "daily", "ja").await,
        "/account?saved=digest#digest"
    );
    let page = app
        .html_with_cookie("/account?saved=digest", &session)
        .await;
    assert!(page.contains("name=\"digest\" value=\"daily\" checked"));
    assert!(page.contains("data-state=\"saved\""));
    choose(&app, weekly, "weekly", "en").await;
    choose(&app, gone, "daily", "ja").await;
    choose(&app, council, "daily", "easy").await;
    let started = Utc::now();
    assert!(
        core.store
            .audit_entries(20)
            .await
            .unwrap()
            .iter()
            .any(|e| e.action == "digest_set" && e.detail == "weekly")
    );

    // Things happen: a notice to Kitagata, a draft sent to the council member for review.
    let title = "年末の開館時間のお知らせ";
    let notice = form(&[
        ("title", title),
        ("body", "12月29日から1月3日までお休みします。"),
        ("district", &kitagata.to_string()),
    ]);
    core.send_notice(&director, &notice).await.unwrap();
    let survey = app.demo_survey_id().await;
    core.store
        .notify(
            &[council_user.id],
            "review",
            survey,
            staff.id,
            "",
            Utc::now(),
        )
        .await
        .unwrap();
    let gone_id = scalar(
        &app,
        &format!("SELECT id FROM users WHERE email = '{gone}'"),
    )
    .await;
    execute(
        &app,
        "UPDATE users SET deactivated_at = CURRENT_TIMESTAMP WHERE id = $1",
        gone_id,
    )
    .await;

    // Before the morning nothing is due.
    assert_eq!(
        core.send_due_digests(started + TimeDelta::minutes(1))
            .await
            .unwrap(),
        0
    );

    // The next morning: two rounds at once make one digest each for the daily readers.
    let morning = after_next(Digest::Daily, started);
    let (a, b) = tokio::join!(
        core.send_due_digests(morning),
        core.send_due_digests(morning)
    );
    let weekly_too = usize::from(after_next(Digest::Weekly, started) == morning);
    assert_eq!(a.unwrap() + b.unwrap(), 2 + weekly_too);
    assert_eq!(digests_to(&app, daily).await, 1);
    assert_eq!(digests_to(&app, council).await, 1);
    assert_eq!(digests_to(&app, off).await, 0);
    assert_eq!(digests_to(&app, gone).await, 0);
    assert_eq!(core.send_due_digests(morning).await.unwrap(), 0);

    // Delivered through SMTP: the notice with its link, and the way to stop.
    deliver(&app, morning).await;
    let origin = format!("http://{}", app.addr);
    let mail = smtp.wait_for(daily, 1).await;
    assert_eq!(mail.subject, "【Yoriai】まだ読んでいないお知らせ 1件");
    assert!(
        mail.body
            .contains(&format!("■ お知らせが届きました：「{title}」")),
        "{}",
        mail.body
    );
    assert!(mail.link(&format!("{origin}/feed")).is_some());
    assert!(mail.link(&format!("{origin}/account#digest")).is_some());
    // The council member's, in easy Japanese, leads to the draft.
    let mail = smtp.wait_for(council, 1).await;
    assert!(mail.subject.contains("1けん"), "{}", mail.subject);
    assert!(mail.body.contains("みて ほしい アンケートが あります"));
    assert!(mail.link(&format!("{origin}/review/{survey}")).is_some());

    // The weekly reader's comes on Monday morning, in English, with the same notice.
    let monday = after_next(Digest::Weekly, started);
    core.send_due_digests(monday).await.unwrap();
    deliver(&app, monday).await;
    assert_eq!(digests_to(&app, weekly).await, 1);
    let mail = smtp.wait_for(weekly, 1).await;
    assert_eq!(mail.subject, "[Yoriai] 1 new for you");
    assert!(mail.body.contains(&format!("A notice for you: “{title}”")));

    // Read on the site, a notice is not mailed again; only what is new and unread is.
    let reader = signed_in(&app, daily, PASSWORD).await;
    core.feed(&reader).await.unwrap();
    let second = form(&[
        ("title", "防災訓練のご案内"),
        ("body", "1月19日に行います。"),
        ("district", &kitagata.to_string()),
    ]);
    core.send_notice(&director, &second).await.unwrap();
    let later = morning.max(monday) + TimeDelta::days(1);
    core.send_due_digests(later).await.unwrap();
    deliver(&app, later).await;
    let before = digests_to(&app, daily).await;
    let n = usize::try_from(before).unwrap();
    let mail = smtp.wait_for(daily, n).await;
    assert!(mail.body.contains("防災訓練のご案内"), "{}", mail.body);
    assert!(!mail.body.contains(title));

    // Nothing new the next morning: no mail. Turned off: none either, whatever comes.
    core.send_due_digests(later + TimeDelta::days(1))
        .await
        .unwrap();
    assert_eq!(digests_to(&app, daily).await, before);
    choose(&app, daily, "off", "ja").await;
    core.send_notice(&director, &notice).await.unwrap();
    core.send_due_digests(later + TimeDelta::days(2))
        .await
        .unwrap();
    assert_eq!(digests_to(&app, daily).await, before);
    assert_eq!(digests_to(&app, gone).await, 0);
    app.stop().await;
}

#[tokio::test]
async fn digests_are_mailed_as_chosen_sqlite() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let app = TestApp::mailing_to(TestDb::sqlite(), &smtp).await;
    digests(app, &smtp).await;
}

#[tokio::test]
async fn digests_are_mailed_as_chosen_postgres() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let app = TestApp::mailing_to(db, &smtp).await;
    digests(app, &smtp).await;
}
