//! Administration: inviting people by a link mailed through a real SMTP server (`common::smtp`)
//! and joining with it, on SQLite and PostgreSQL; deactivation that ends a session at once;
//! what administrators may not do (to themselves, to another ward, to the last administrator);
//! bad input on every form; withdrawn, reused and expired links.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use chrono::{Duration, Utc};
use common::smtp::SmtpServer;
use common::{Browser, PASSWORD, TestApp, TestDb, cookie, scalar};
use shared::ApiError;
use shared::account::Role;
use shared::views::CurrentUser;
use yoriai_core::admin::{InvitationForm, PeopleFilter, ScopeForm};
use yoriai_core::demo::{
    DEMO_ADMIN_EMAIL, DEMO_OPERATOR_EMAIL, DEMO_RESIDENT_EMAIL, DEMO_STAFF_EMAIL,
    DEMO_STAFF_PASSWORD,
};

const JOIN_PASSWORD: &str = "my own new passphrase";

/// A browser signed in as the demo ward's administrator.
async fn admin_browser(app: &TestApp) -> Browser<'_> {
    let cookie = cookie(app, DEMO_ADMIN_EMAIL, DEMO_STAFF_PASSWORD).await;
    let (name, value) = cookie.split_once('=').unwrap();
    Browser::new(app).with_cookie(name, value)
}

async fn signed_in(app: &TestApp, email: &str) -> CurrentUser {
    let signed = app
        .core
        .sign_in(email, DEMO_STAFF_PASSWORD, "10.0.0.1")
        .await
        .unwrap();
    app.core
        .user_for_token(&signed.token)
        .await
        .unwrap()
        .unwrap()
}

fn api_error<T: std::fmt::Debug>(result: yoriai_core::Result<T>) -> ApiError {
    ApiError::from(result.expect_err("refused"))
}

async fn invite_and_join(app: TestApp, smtp: &SmtpServer) {
    app.spawn_mail_sender();
    let mut admin = admin_browser(&app).await;
    let people = admin.get("/admin/people").await;
    assert_eq!(people.status(), 200);
    let people = people.text().await.unwrap();
    assert!(people.contains(DEMO_STAFF_EMAIL), "{people}");
    assert!(people.contains("action=\"/admin/people/invite#invite\""));
    // The residents are not in the default list.
    assert!(!people.contains(DEMO_RESIDENT_EMAIL));

    // Invite a member of staff: the answer shows the link once, and the mail carries it.
    let email = "new-staff@example.jp";
    let answer = admin
        .post(
            "/admin/people/invite",
            &[
                ("email", "New-Staff@Example.jp"),
                ("display_name", "新任 職員"),
                ("kind", "staff"),
                ("ward", ""),
                ("district", ""),
                ("centre", ""),
            ],
        )
        .await;
    assert_eq!(answer.status(), 200);
    let answer = answer.text().await.unwrap();
    assert!(answer.contains("data-state=\"invited\""), "{answer}");
    let origin = format!("http://{}", app.addr);
    let shown = answer
        .split(&format!("value=\"{origin}/join/"))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(|token| format!("/join/{token}"))
        .expect("the link on the page");
    let mail = smtp.wait_for(email, 1).await;
    assert_eq!(mail.subject, "【Yoriai】アカウントへのご招待");
    assert!(mail.body.starts_with("新任 職員 様"), "{}", mail.body);
    assert!(mail.body.contains("区役所職員"), "{}", mail.body);
    let link = mail.link(&format!("{origin}/join/")).expect("a link");
    assert_eq!(link.trim_start_matches(&origin), shown);
    // Only the hash of the link's token is stored.
    assert_eq!(
        scalar(
            &app,
            &format!(
                "SELECT COUNT(*) FROM account_invitations WHERE token_hash = '{}'",
                shown.trim_start_matches("/join/")
            )
        )
        .await,
        0
    );
    let listed = admin.get("/admin/people").await.text().await.unwrap();
    assert!(listed.contains("data-invitation="), "{listed}");

    // The link opens the form; a refused password keeps it usable and is not sent back.
    let form = app.html(&shown).await;
    assert!(
        form.contains(email) && form.contains("data-invitee=\"staff\""),
        "{form}"
    );
    let mut newcomer = Browser::new(&app);
    let short = newcomer
        .post(
            &shown,
            &[("display_name", "新任 職員"), ("password", "short")],
        )
        .await;
    assert_eq!(short.status(), 422);
    assert!(!short.text().await.unwrap().contains("value=\"short\""));
    let to = newcomer
        .post_to(
            &shown,
            &[("display_name", "新任 職員"), ("password", JOIN_PASSWORD)],
        )
        .await;
    assert_eq!(to, "/account?saved=joined");
    let welcome = newcomer.get(&to).await.text().await.unwrap();
    assert!(welcome.contains("href=\"/staff\""), "{welcome}");
    assert_eq!(newcomer.get("/staff").await.status(), 200);
    let joined = app
        .core
        .sign_in(email, JOIN_PASSWORD, "10.0.0.2")
        .await
        .unwrap();
    let user = app
        .core
        .user_for_token(&joined.token)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.role, Role::Staff);
    let demo_admin = signed_in(&app, DEMO_ADMIN_EMAIL).await;
    assert_eq!(user.ward_id, demo_admin.ward_id);

    // Used up; the list shows the person with a last sign-in and no open invitation.
    assert_eq!(app.get(&shown).await.status(), 410);
    let again = Browser::new(&app)
        .post(
            &shown,
            &[("display_name", "x"), ("password", JOIN_PASSWORD)],
        )
        .await;
    assert_eq!(again.status(), 410);
    let listed = admin.get("/admin/people").await.text().await.unwrap();
    assert!(listed.contains("新任 職員"), "{listed}");
    assert!(!listed.contains("data-invitation="), "{listed}");
    let audit = app.core.store.audit_entries(30).await.unwrap();
    for action in ["person_invited", "invitation_accepted"] {
        assert!(audit.iter().any(|e| e.action == action), "{action}");
    }
    app.stop().await;
}

#[tokio::test]
async fn an_admin_invites_staff_by_mail_and_they_join_sqlite() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let app = TestApp::mailing_to(TestDb::sqlite(), &smtp).await;
    invite_and_join(app, &smtp).await;
}

#[tokio::test]
async fn an_admin_invites_staff_by_mail_and_they_join_postgres() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let app = TestApp::mailing_to(db, &smtp).await;
    invite_and_join(app, &smtp).await;
}

async fn deactivation(app: TestApp) {
    let mut admin = admin_browser(&app).await;
    let operator = signed_in(&app, DEMO_OPERATOR_EMAIL).await;
    let operator_cookie = cookie(&app, DEMO_OPERATOR_EMAIL, DEMO_STAFF_PASSWORD).await;
    assert_eq!(
        app.get_with_cookie("/staff", &operator_cookie)
            .await
            .status(),
        200
    );
    let page = format!("/admin/people/{}", operator.id);
    let action = format!("{page}/active");

    // Without confirmation it asks first; nothing changes.
    let asked = admin
        .post_to(&action, &[("form", "active"), ("active", "0")])
        .await;
    assert_eq!(asked, format!("{page}?confirm=deactivate#confirm"));
    let confirm = admin.get(&asked).await.text().await.unwrap();
    assert!(confirm.contains("data-state=\"confirm\""), "{confirm}");
    assert!(confirm.contains("name=\"confirmed\""));
    assert_eq!(
        app.get_with_cookie("/staff", &operator_cookie)
            .await
            .status(),
        200
    );

    // Confirmed: the operator's open session ends at once, and they cannot sign in.
    let to = admin
        .post_to(
            &action,
            &[("form", "active"), ("active", "0"), ("confirmed", "1")],
        )
        .await;
    assert_eq!(to, format!("{page}?done=deactivated"));
    let after = app.get_with_cookie("/staff", &operator_cookie).await;
    assert_eq!(after.status(), 302);
    assert!(
        after.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/sign-in")
    );
    let refused = app
        .post_form(
            "/sign-in",
            &[
                ("email", DEMO_OPERATOR_EMAIL),
                ("password", DEMO_STAFF_PASSWORD),
            ],
        )
        .await;
    assert_eq!(refused.status(), 403);
    let refused = refused.text().await.unwrap();
    assert!(refused.contains("管理者によって停止"), "{refused}");
    // A wrong password still says only "wrong": deactivation is told only to the owner.
    let wrong = app
        .post_form(
            "/sign-in",
            &[
                ("email", DEMO_OPERATOR_EMAIL),
                ("password", "not the password"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), 401);
    // No reset link for a deactivated account.
    let before = app.core.store.mail_log(50).await.unwrap().len();
    app.post_form("/forgot", &[("email", DEMO_OPERATOR_EMAIL)])
        .await;
    assert_eq!(app.core.store.mail_log(50).await.unwrap().len(), before);
    let shown = admin.get(&page).await.text().await.unwrap();
    assert!(shown.contains("data-state=\"deactivated\""), "{shown}");
    assert!(shown.contains("data-sessions=\"0\""), "{shown}");

    // Reactivated (no question asked): they sign in again.
    let to = admin
        .post_to(&action, &[("form", "active"), ("active", "1")])
        .await;
    assert_eq!(to, format!("{page}?done=reactivated"));
    app.core
        .sign_in(DEMO_OPERATOR_EMAIL, DEMO_STAFF_PASSWORD, "10.0.0.3")
        .await
        .unwrap();
    let audit = app.core.store.audit_entries(30).await.unwrap();
    for action in [
        "person_deactivated",
        "person_reactivated",
        "sign_in_deactivated",
    ] {
        assert!(audit.iter().any(|e| e.action == action), "{action}");
    }
    app.stop().await;
}

#[tokio::test]
async fn deactivation_ends_a_session_at_once_and_reactivation_restores_it_sqlite() {
    deactivation(TestApp::sqlite().await).await;
}

#[tokio::test]
async fn deactivation_ends_a_session_at_once_and_reactivation_restores_it_postgres() {
    let Some(app) = TestApp::postgres().await else {
        return;
    };
    deactivation(app).await;
}

#[tokio::test]
async fn roles_and_scope_change_and_admins_are_kept() {
    let app = TestApp::sqlite().await;
    let core = &app.core;
    let admin = signed_in(&app, DEMO_ADMIN_EMAIL).await;
    let ward = admin.ward_id.unwrap();
    let districts = core.store.districts(ward).await.unwrap();
    let centre = scalar(&app, "SELECT MIN(id) FROM centres")
        .await
        .to_string();
    let operator = signed_in(&app, DEMO_OPERATOR_EMAIL).await;
    let district = districts[2].id.to_string();

    // Staff limited to one district; then a centre director (a resident who directs it).
    let mut browser = admin_browser(&app).await;
    let page = format!("/admin/people/{}", operator.id);
    let to = browser
        .post_to(
            &page,
            &[
                ("form", "scope"),
                ("kind", "staff"),
                ("district", &district),
                ("centre", ""),
            ],
        )
        .await;
    assert_eq!(to, format!("{page}?done=scope"));
    let person = core.person_view(&admin, operator.id).await.unwrap();
    assert_eq!(person.district_id, Some(districts[2].id));
    assert_eq!(person.person.role, Role::Staff);
    browser
        .post_to(
            &page,
            &[
                ("form", "scope"),
                ("kind", "director"),
                ("district", ""),
                ("centre", &centre),
            ],
        )
        .await;
    let person = core.person_view(&admin, operator.id).await.unwrap();
    assert_eq!(person.person.role, Role::Resident);
    assert_eq!(
        person.centre_id.map(|c| c.to_string()),
        Some(centre.clone())
    );
    assert_eq!(person.person.centres.len(), 1);
    // Signing in from a staff page they can no longer open, they start at their home.
    let to = Browser::new(&app)
        .post_to(
            "/sign-in",
            &[
                ("email", DEMO_OPERATOR_EMAIL),
                ("password", DEMO_STAFF_PASSWORD),
                ("next", "/staff"),
            ],
        )
        .await;
    assert_eq!(to, "/");
    let directors = core
        .people_view(&admin, PeopleFilter::Workers, "門司")
        .await
        .unwrap();
    assert_eq!(
        directors.people.len(),
        1,
        "a director is listed among workers"
    );

    // A council member needs a district; the refused form keeps what was chosen.
    let refused = browser
        .post(
            &page,
            &[
                ("form", "scope"),
                ("kind", "council"),
                ("district", ""),
                ("centre", &centre),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let refused = refused.text().await.unwrap();
    assert!(
        refused.contains("id=\"district-error\" class=\"field-error\">選んでください。"),
        "{refused}"
    );
    assert!(
        refused.contains("<option value=\"council\" selected"),
        "{refused}"
    );

    // Nobody changes or deactivates themselves.
    let own = ScopeForm {
        kind: "staff",
        ..Default::default()
    };
    assert_eq!(
        api_error(core.set_person_scope(&admin, admin.id, &own).await),
        ApiError::Forbidden
    );
    assert_eq!(
        api_error(core.set_person_active(&admin, admin.id, false).await),
        ApiError::Forbidden
    );
    let self_page = browser.get(&format!("/admin/people/{}", admin.id)).await;
    let self_page = self_page.text().await.unwrap();
    assert!(self_page.contains("data-state=\"self\""), "{self_page}");
    assert!(!self_page.contains("/active\""), "{self_page}");

    // Two administrators of every ward: one deactivates the other. A request of the
    // deactivated one still in flight cannot then remove the last.
    let first = common::user(&app, "city-1@example.jp", Role::Admin).await;
    let second = common::user(&app, "city-2@example.jp", Role::Admin).await;
    core.set_person_active(&first, second.id, false)
        .await
        .unwrap();
    assert_eq!(
        api_error(core.set_person_active(&second, first.id, false).await),
        ApiError::LastAdmin
    );
    let demote = ScopeForm {
        kind: "staff",
        ward: &ward.to_string(),
        ..Default::default()
    };
    assert_eq!(
        api_error(core.set_person_scope(&second, first.id, &demote).await),
        ApiError::LastAdmin
    );
    // A ward administrator cannot reach an administrator of every ward.
    assert_eq!(
        api_error(core.set_person_active(&admin, first.id, false).await),
        ApiError::NotFound
    );
    app.stop().await;
}

#[tokio::test]
async fn another_ward_is_out_of_reach_and_the_mail_log_is_city_wide() {
    let app = TestApp::sqlite().await;
    let core = &app.core;
    let admin = signed_in(&app, DEMO_ADMIN_EMAIL).await;
    let moji = core
        .store
        .upsert_ward("moji", "門司区", "Moji")
        .await
        .unwrap();
    let moji_staff = core
        .create_user(
            "moji@example.jp",
            "門司 職員",
            PASSWORD,
            Role::Staff,
            Some(moji),
        )
        .await
        .unwrap();
    assert_eq!(
        api_error(core.person_view(&admin, moji_staff).await),
        ApiError::NotFound
    );
    let listed = core
        .people_view(&admin, PeopleFilter::All, "")
        .await
        .unwrap();
    assert!(
        listed
            .people
            .iter()
            .all(|p| p.ward.as_deref() == Some("小倉南区"))
    );
    assert_eq!(listed.wards.len(), 1);
    // A ward administrator's invitation is of their ward, whatever the form says.
    let made = core
        .invite_person(
            &admin,
            &InvitationForm {
                form_key: "",
                email: "x@example.jp",
                display_name: "X",
                scope: ScopeForm {
                    kind: "staff",
                    ward: &moji.to_string(),
                    ..Default::default()
                },
            },
            shared::Lang::En,
        )
        .await
        .unwrap();
    let info = core
        .account_invitation_info(made.link.as_deref().unwrap().rsplit('/').next().unwrap())
        .await
        .unwrap();
    assert!(info.place.starts_with("小倉南区"), "{}", info.place);
    // Mail in the administrator's language.
    let log = core.store.mail_log(5).await.unwrap();
    assert_eq!(log[0].subject, "[Yoriai] You are invited to an account");

    // The mail log: administrators of every ward only.
    let mut browser = admin_browser(&app).await;
    assert_eq!(browser.get("/admin/mail").await.status(), 403);
    let city = common::user(&app, "city@example.jp", Role::Admin).await;
    let log = core.mail_log_view(&city).await.unwrap();
    assert!(log.file_dir.is_some(), "no SMTP server: mail goes to files");
    assert_eq!(log.mails[0].recipient, "x@example.jp");
    let city_cookie = cookie(&app, "city@example.jp", PASSWORD).await;
    let page = app.get_with_cookie("/admin/mail", &city_cookie).await;
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(
        page.contains("data-state=\"queued\"") || page.contains("data-state=\"sent\""),
        "{page}"
    );
    assert!(!page.contains("/join/"), "bodies are never shown: {page}");
    app.stop().await;
}

#[tokio::test]
async fn bad_invitations_are_refused_with_every_reason_and_links_end() {
    let app = TestApp::sqlite().await;
    let core = &app.core;
    let admin = signed_in(&app, DEMO_ADMIN_EMAIL).await;
    let mut browser = admin_browser(&app).await;

    // Every problem at once, with what was typed kept.
    let refused = browser
        .post(
            "/admin/people/invite",
            &[
                ("email", "not an address"),
                ("display_name", ""),
                ("kind", "council"),
                ("district", "999999"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.unwrap();
    for field in ["email", "display_name", "district"] {
        assert!(
            !page.contains(&format!("id=\"{field}-error\" class=\"field-error\"><!>")),
            "{field}: {page}"
        );
    }
    assert!(page.contains("value=\"not an address\""), "{page}");
    // An address with an account already: change that account's role instead.
    let taken = core
        .invite_person(
            &admin,
            &InvitationForm {
                form_key: "",
                email: DEMO_RESIDENT_EMAIL,
                display_name: "住民",
                scope: ScopeForm {
                    kind: "staff",
                    ..Default::default()
                },
            },
            shared::Lang::Ja,
        )
        .await;
    assert!(matches!(api_error(taken), ApiError::Validation(e) if e.get("email").is_some()));
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM account_invitations").await,
        0
    );

    // A second invitation to one address withdraws the first; a withdrawn link is 410.
    let form = InvitationForm {
        form_key: "",
        email: "twice@example.jp",
        display_name: "二度 招待",
        scope: ScopeForm {
            kind: "staff",
            ..Default::default()
        },
    };
    let first = core
        .invite_person(&admin, &form, shared::Lang::Ja)
        .await
        .unwrap();
    let second = core
        .invite_person(&admin, &form, shared::Lang::Ja)
        .await
        .unwrap();
    let path = |link: &Option<String>| {
        link.as_deref()
            .unwrap()
            .trim_start_matches(&format!("http://{}", app.addr))
            .to_string()
    };
    assert!(!first.replaced && second.replaced);
    assert_eq!(app.get(&path(&first.link)).await.status(), 410);
    assert_eq!(app.get(&path(&second.link)).await.status(), 200);
    let id = scalar(&app, "SELECT MAX(id) FROM account_invitations").await;
    // Withdrawing asks first; nothing changes until confirmed.
    let withdraw = format!("/admin/invitations/{id}/withdraw");
    let asked = browser.post_to(&withdraw, &[]).await;
    assert_eq!(asked, format!("/admin/people?withdraw={id}#invitations"));
    let page = browser.get(&asked).await.text().await.unwrap();
    assert!(page.contains("data-state=\"confirm\""), "{page}");
    assert_eq!(app.get(&path(&second.link)).await.status(), 200);
    let to = browser.post_to(&withdraw, &[("confirmed", "1")]).await;
    assert_eq!(to, "/admin/people?done=withdrawn");
    let gone = app.get(&path(&second.link)).await;
    assert_eq!(gone.status(), 410);
    assert!(
        gone.text()
            .await
            .unwrap()
            .contains("data-error=\"InvitationUsed\"")
    );
    assert_eq!(
        browser
            .post(&withdraw, &[("confirmed", "1")])
            .await
            .status(),
        410
    );

    // The same form sent twice (a reload of the answer): one invitation, and its link works.
    let key = "0123456789abcdef0123456789abcdef";
    let keyed = InvitationForm {
        form_key: key,
        email: "reload@example.jp",
        ..form
    };
    let once = core
        .invite_person(&admin, &keyed, shared::Lang::Ja)
        .await
        .unwrap();
    let again = core
        .invite_person(&admin, &keyed, shared::Lang::Ja)
        .await
        .unwrap();
    assert!(once.link.is_some() && once.qr_svg.is_some());
    assert_eq!(again.link, None);
    assert_eq!(again.email, "reload@example.jp");
    assert_eq!(app.get(&path(&once.link)).await.status(), 200);
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM account_invitations WHERE email = 'reload@example.jp'"
        )
        .await,
        1
    );
    let reloaded = browser
        .post(
            "/admin/people/invite",
            &[
                ("form_key", key),
                ("email", "reload@example.jp"),
                ("display_name", "x"),
                ("kind", "staff"),
            ],
        )
        .await;
    assert_eq!(reloaded.status(), 200);
    let reloaded = reloaded.text().await.unwrap();
    assert!(reloaded.contains("data-state=\"invited\""), "{reloaded}");
    assert!(!reloaded.contains("/join/"), "{reloaded}");

    // An expired link: the page and the form both refuse, and nothing is made.
    let third = core
        .invite_person(&admin, &form, shared::Lang::Ja)
        .await
        .unwrap();
    let expired = (Utc::now() - Duration::minutes(1)).to_rfc3339();
    let sql = format!("UPDATE account_invitations SET expires_at = '{expired}'");
    match core.store.db() {
        yoriai_core::db::Db::Sqlite(p) => sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(p)
            .await
            .map(drop),
        yoriai_core::db::Db::Postgres(p) => sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(p)
            .await
            .map(drop),
    }
    .unwrap();
    assert_eq!(app.get(&path(&third.link)).await.status(), 410);
    let post = app
        .post_form(
            &path(&third.link),
            &[("display_name", "遅い"), ("password", JOIN_PASSWORD)],
        )
        .await;
    assert_eq!(post.status(), 410);
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM users WHERE email = 'twice@example.jp'"
        )
        .await,
        0
    );
    app.stop().await;
}

/// The mail server is down when an administrator invites someone: the invitation is made and
/// its mail waits in the outbox (the page still shows the link to hand over); when the server
/// is back the mail goes, once, and its link works.
#[tokio::test]
async fn an_invitation_made_while_the_mail_server_is_down_is_mailed_when_it_is_back() {
    let Some(mut smtp) = SmtpServer::stopped() else {
        return;
    };
    let app = TestApp::mailing_to(TestDb::sqlite(), &smtp).await;
    let mailer = yoriai_core::mail::Mailer::from_config(&app.core.config).unwrap();
    let mut admin = admin_browser(&app).await;
    let email = "while-down@example.jp";
    let answer = admin
        .post(
            "/admin/people/invite",
            &[
                ("email", email),
                ("display_name", "停電中 招待"),
                ("kind", "staff"),
                ("ward", ""),
                ("district", ""),
                ("centre", ""),
            ],
        )
        .await;
    assert_eq!(answer.status(), 200);
    assert!(
        answer
            .text()
            .await
            .unwrap()
            .contains("data-state=\"invited\"")
    );
    let now = Utc::now();
    let down = app.core.send_due_mail(&mailer, now).await.unwrap();
    assert_eq!((down.sent, down.retrying), (0, 1));
    assert_eq!(
        scalar(
            &app,
            &format!("SELECT COUNT(*) FROM account_invitations WHERE email = '{email}'")
        )
        .await,
        1
    );
    let log = app.core.store.mail_log(5).await.unwrap();
    assert!(log[0].last_error.is_some() && log[0].sent_at.is_none());

    smtp.resume();
    let back = app
        .core
        .send_due_mail(&mailer, now + Duration::minutes(2))
        .await
        .unwrap();
    assert_eq!((back.sent, back.retrying), (1, 0));
    let mail = smtp.wait_for(email, 1).await;
    let origin = format!("http://{}", app.addr);
    let link = mail.link(&format!("{origin}/join/")).expect("a link");
    let form = app.html(link.trim_start_matches(&origin)).await;
    assert!(form.contains("data-invitee=\"staff\""), "{form}");
    let again = app
        .core
        .send_due_mail(&mailer, now + Duration::hours(3))
        .await
        .unwrap();
    assert_eq!(again.sent, 0);
    assert_eq!(smtp.received().len(), 1);
}
