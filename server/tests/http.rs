//! The application over HTTP, as a browser without JavaScript (and a forger) would use it.
//! Each test gets its own database with the demo data; the main journeys also run on PostgreSQL.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use common::TestApp;
use server::demo::{DEMO_CLOSED_SLUG, DEMO_STAFF_EMAIL};

const SURVEY: &str = "/s/shimin-center-2026";

#[tokio::test]
async fn health_check_answers() {
    let app = TestApp::sqlite().await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "ok");
    app.stop().await;
}

#[tokio::test]
async fn pages_without_islands_load_no_javascript_or_webassembly() {
    let app = TestApp::sqlite().await;
    for path in ["/", "/sign-in", SURVEY, &format!("{SURVEY}/thanks")] {
        let html = app.get(path).await.text().await.unwrap();
        // leptos_axum always appends two tiny inline scripts of hydration bookkeeping; what
        // matters for weight is that nothing is downloaded.
        for loader in [
            "/pkg/yoriai.js",
            ".wasm",
            "<script src",
            "type=\"module\"",
            "modulepreload",
        ] {
            assert!(!html.contains(loader), "{path} should not load {loader}");
        }
    }
    app.stop().await;
}

#[tokio::test]
async fn english_is_selectable_and_remembered() {
    let app = TestApp::sqlite().await;
    let res = app.get(&format!("/lang/en?next={SURVEY}")).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], SURVEY);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("yoriai_lang=en;"));
    let html = app
        .get_with_cookie(SURVEY, "yoriai_lang=en")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("<html lang=\"en\""));
    assert!(html.contains("Survey: the future of your community centre"));
    assert!(html.contains(">Start<"));
    // An open redirect is refused.
    let res = app.get("/lang/en?next=//evil.example").await;
    assert_eq!(res.headers()["location"], "/");
    app.stop().await;
}

#[tokio::test]
async fn unknown_and_closed_surveys_get_clear_pages_and_statuses() {
    let app = TestApp::sqlite().await;
    let res = app.get("/s/no-such-survey").await;
    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().contains("ページが見つかりません"));
    let res = app.get(&format!("/s/{DEMO_CLOSED_SLUG}")).await;
    assert_eq!(res.status(), 410);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("このアンケートは終了しました")
    );
    let res = app.get("/no/such/page").await;
    assert_eq!(res.status(), 404);
    app.stop().await;
}

#[tokio::test]
async fn cross_site_posts_are_refused_and_store_nothing() {
    let app = TestApp::sqlite().await;
    let start = format!("{SURVEY}/start");
    let fields = [("q.use_freq", "weekly"), ("nav", "next")];
    let res = app
        .post_form_with(&start, &fields, &[("origin", "https://evil.example")])
        .await;
    assert_eq!(res.status(), 403);
    let res = app
        .post_form_with(&start, &fields, &[("sec-fetch-site", "cross-site")])
        .await;
    assert_eq!(res.status(), 403);
    let res = app
        .post_form_with(
            "/sign-in",
            &[
                ("email", DEMO_STAFF_EMAIL),
                ("password", server::demo::DEMO_STAFF_PASSWORD),
            ],
            &[("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(res.status(), 403);
    let id = app.demo_survey_id().await;
    assert_eq!(app.services.store.count_response_rows(id).await.unwrap(), 0);
    app.stop().await;
}

#[tokio::test]
async fn sign_in_sets_a_safe_cookie_and_sign_out_ends_the_session() {
    let app = TestApp::sqlite().await;
    let res = app.get("/staff").await;
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], "/sign-in?next=/staff");

    let res = app
        .post_form(
            "/sign-in",
            &[
                ("email", DEMO_STAFF_EMAIL),
                ("password", server::demo::DEMO_STAFF_PASSWORD),
                ("next", "/staff"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/staff");
    let set_cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(set_cookie.starts_with("yoriai_session="));
    assert!(set_cookie.contains("HttpOnly"));
    assert!(set_cookie.contains("SameSite=Lax"));
    let cookie = set_cookie.split(';').next().unwrap().to_string();
    let staff = app.get_with_cookie("/staff", &cookie).await;
    assert_eq!(staff.status(), 200);
    assert!(staff.text().await.unwrap().contains("小倉 花子（区役所）"));

    let res = app
        .client
        .post(app.url("/sign-out"))
        .header("cookie", &cookie)
        .header("origin", format!("http://{}", app.addr))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    assert_eq!(
        app.get_with_cookie("/staff", &cookie).await.status(),
        302,
        "session is gone"
    );
    let actions: Vec<_> = app
        .services
        .store
        .audit_entries(10)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(
        actions.starts_with(&["sign_out".to_string(), "sign_in".to_string()]),
        "{actions:?}"
    );
    app.stop().await;
}

#[tokio::test]
async fn wrong_passwords_get_a_message_and_are_rate_limited() {
    let app = TestApp::sqlite().await;
    let res = app
        .post_form(
            "/sign-in",
            &[
                ("email", DEMO_STAFF_EMAIL),
                ("password", "wrong password 1"),
            ],
        )
        .await;
    assert_eq!(res.status(), 401);
    let html = res.text().await.unwrap();
    assert!(html.contains("メールアドレスまたはパスワードが正しくありません。"));
    assert!(
        html.contains(&format!("value=\"{DEMO_STAFF_EMAIL}\"")),
        "e-mail kept"
    );
    assert!(!html.contains("wrong password 1"), "password never echoed");
    let res = app
        .post_form("/sign-in", &[("email", "not-an-email"), ("password", "")])
        .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("形式が正しくありません。")
    );
    for _ in 0..4 {
        let res = app
            .post_form(
                "/sign-in",
                &[
                    ("email", DEMO_STAFF_EMAIL),
                    ("password", "wrong password 2"),
                ],
            )
            .await;
        assert_eq!(res.status(), 401);
    }
    // Five failures: even the right password is refused for a while.
    let res = app
        .post_form(
            "/sign-in",
            &[
                ("email", DEMO_STAFF_EMAIL),
                ("password", server::demo::DEMO_STAFF_PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status(), 429);
    assert!(res.text().await.unwrap().contains("試行回数が多すぎます"));
    app.stop().await;
}

#[tokio::test]
async fn staff_data_needs_a_staff_role_on_the_server() {
    let app = TestApp::sqlite().await;
    // A server function is an endpoint of its own: no session, no data.
    let res = app
        .client
        .post(app.url("/api/staff_surveys"))
        .header("content-type", "application/x-www-form-urlencoded")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 500);
    assert!(res.text().await.unwrap().contains("Unauthorized"));
    let res = app
        .client
        .post(app.url("/api/response_count"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("survey_id={}", app.demo_survey_id().await))
        .send()
        .await
        .unwrap();
    assert!(res.text().await.unwrap().contains("Unauthorized"));
    // A resident account may sign in but not read answers.
    let cookie = app.resident().await.cookie_header();
    let res = app.get_with_cookie("/staff", &cookie).await;
    assert_eq!(res.status(), 403);
    let id = app.demo_survey_id().await;
    assert_eq!(
        app.get_with_cookie(&format!("/staff/surveys/{id}"), &cookie)
            .await
            .status(),
        403
    );
    app.stop().await;
}
