//! One's own account (`/account`), posted as a browser without JavaScript would: the page
//! lists this person's browsers; the name changes (a resident may not pose as the office);
//! the password changes only with the current one, ends every other session and tells the
//! owner by mail; one session or all others can be signed out; and the download of one's data
//! holds what the person did and nobody else's, whole even when the browser asks for
//! compression. On SQLite and PostgreSQL.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use common::{Browser, PASSWORD, TestApp, TestDb};
use shared::account::Role;
use std::io::Read;
use yoriai_core::demo::{DEMO_ORGANISER_EMAIL, DEMO_RESIDENT_EMAIL, DEMO_STAFF_PASSWORD};

const EMAIL: &str = "own@example.jp";

/// Signs in from a browser that calls itself `agent`.
async fn signed_in<'a>(app: &'a TestApp, password: &str, agent: &str) -> Browser<'a> {
    let mut browser = Browser::new(app);
    let res = app
        .post_form_with(
            "/sign-in",
            &[("email", EMAIL), ("password", password)],
            &[("user-agent", agent)],
        )
        .await;
    assert_eq!(res.status(), 303);
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    let (pair, _) = cookie.split_once(';').unwrap();
    let (name, value) = pair.split_once('=').unwrap();
    browser.cookies.push((name.into(), value.into()));
    browser
}

async fn page(browser: &mut Browser<'_>) -> String {
    let res = browser.get("/account").await;
    assert_eq!(res.status(), 200);
    res.text().await.unwrap()
}

fn session_key_of(page: &str, device: &str) -> String {
    let at = page.find(device).expect("the device is listed");
    let rest = &page[at..];
    let start = rest.find("name=\"session\" value=\"").unwrap() + 22;
    rest[start..start + 16].to_string()
}

async fn story(app: TestApp) {
    app.core
        .create_user(EMAIL, "自分 太郎", PASSWORD, Role::Resident, None)
        .await
        .unwrap();
    let mut phone = signed_in(&app, PASSWORD, "PhoneBrowser/1.0").await;
    let office = signed_in(&app, PASSWORD, "OfficePC/2.0").await;
    let office_token = office.cookies[0].1.clone();

    // Both browsers are listed; this one is marked, the other can be signed out.
    let listed = page(&mut phone).await;
    assert!(listed.contains("PhoneBrowser/1.0") && listed.contains("OfficePC/2.0"));
    assert_eq!(listed.matches("data-current=\"true\"").count(), 1);
    assert!(listed.contains(EMAIL));

    // The name: an empty one and an office's are refused with the reason; a good one is kept.
    for (name, reason) in [("", "入力してください。"), ("区役所 太郎", "区役所")] {
        let res = phone
            .post("/account/name", &[("form", "name"), ("display_name", name)])
            .await;
        assert_eq!(res.status(), 422, "{name}");
        let text = res.text().await.unwrap();
        assert!(text.contains(reason), "{name}: {text}");
    }
    let to = phone
        .post_to(
            "/account/name",
            &[("form", "name"), ("display_name", "自分 花子")],
        )
        .await;
    assert_eq!(to, "/account?saved=name");
    let res = phone.get(&to).await;
    let renamed = res.text().await.unwrap();
    assert!(renamed.contains("value=\"自分 花子\"") && renamed.contains("data-state=\"saved\""));

    // The password: the current one is required and checked; nothing changes until it is.
    let wrong = phone
        .post(
            "/account/password",
            &[
                ("form", "password"),
                ("current_password", "not my password"),
                ("new_password", "a new long passphrase"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), 422);
    let text = wrong.text().await.unwrap();
    assert!(!text.contains("not my password") && !text.contains("a new long passphrase"));
    assert!(text.contains("いまのパスワードが違います。"), "{text}");
    assert!(
        app.core
            .user_for_token(&office_token)
            .await
            .unwrap()
            .is_some()
    );
    let to = phone
        .post_to(
            "/account/password",
            &[
                ("form", "password"),
                ("current_password", PASSWORD),
                ("new_password", "a new long passphrase"),
            ],
        )
        .await;
    assert_eq!(to, "/account?saved=password");
    assert!(
        app.core
            .user_for_token(&office_token)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        page(&mut phone).await.matches("class=\"session\"").count(),
        1
    );
    assert!(app.core.sign_in(EMAIL, PASSWORD, "10.0.0.1").await.is_err());
    let log = app.core.store.mail_log(5).await.unwrap();
    assert_eq!(log[0].kind, "password_changed");
    assert_eq!(log[0].recipient, EMAIL);

    // Sessions: one is signed out by its key; an unknown key is 404; "others" ends the rest.
    let office = signed_in(&app, "a new long passphrase", "OfficePC/3.0").await;
    let listed = page(&mut phone).await;
    let key = session_key_of(&listed, "OfficePC/3.0");
    let to = phone
        .post_to(
            "/account/sessions",
            &[("form", "sessions"), ("session", &key)],
        )
        .await;
    assert_eq!(to, "/account?ended=1");
    assert!(
        app.core
            .user_for_token(&office.cookies[0].1)
            .await
            .unwrap()
            .is_none()
    );
    let unknown = phone
        .post(
            "/account/sessions",
            &[("form", "sessions"), ("session", &key)],
        )
        .await;
    assert_eq!(unknown.status(), 404);
    let tablet = signed_in(&app, "a new long passphrase", "Tablet/1.0").await;
    phone
        .post_to("/account/sessions", &[("session", "others")])
        .await;
    assert!(
        app.core
            .user_for_token(&tablet.cookies[0].1)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        page(&mut phone).await.matches("class=\"session\"").count(),
        1
    );

    // Signed out, the page sends to sign in.
    let res = app.get("/account").await;
    assert!(res.status().is_redirection(), "{}", res.status());
    assert!(
        res.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/sign-in")
    );
}

#[tokio::test]
async fn a_person_manages_their_name_password_and_sessions_sqlite() {
    story(TestApp::sqlite().await).await;
}

#[tokio::test]
async fn a_person_manages_their_name_password_and_sessions_postgres() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    story(TestApp::start(db).await).await;
}

#[tokio::test]
async fn the_download_of_ones_data_is_whole_and_only_ones_own() {
    let app = TestApp::sqlite().await;
    let cookie = common::cookie(&app, DEMO_ORGANISER_EMAIL, DEMO_STAFF_PASSWORD).await;
    // As a browser asks: compressed if the server likes.
    let res = app
        .client
        .get(app.url("/account/data.json"))
        .header("cookie", &cookie)
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert_eq!(res.headers()["cache-control"], "no-store");
    let gzipped = res
        .headers()
        .get("content-encoding")
        .is_some_and(|e| e == "gzip");
    let bytes = res.bytes().await.unwrap();
    let mut text = String::new();
    if gzipped {
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut text)
            .unwrap();
    } else {
        text = String::from_utf8(bytes.to_vec()).unwrap();
    }
    let data: serde_json::Value = serde_json::from_str(&text).expect("whole JSON");
    assert_eq!(data["account"]["email"], DEMO_ORGANISER_EMAIL);
    assert!(!data["group_memberships"].as_array().unwrap().is_empty());
    assert!(
        data["group_memberships"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["role"] == "organiser")
    );
    for key in ["posts", "event_replies", "notifications", "sessions"] {
        assert!(data[key].is_array(), "{key}");
    }
    assert!(!text.contains(DEMO_RESIDENT_EMAIL), "nobody else's data");
    assert!(data.get("responses").is_none() && data.get("answers").is_none());
    let audit = app.core.store.audit_entries(5).await.unwrap();
    assert!(audit.iter().any(|e| e.action == "own_data_downloaded"));

    // Signed out: sent to sign in, nothing downloaded.
    let res = app.get("/account/data.json").await;
    assert_eq!(res.status(), 303);
}
